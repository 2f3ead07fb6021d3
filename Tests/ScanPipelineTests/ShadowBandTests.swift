import Foundation
@testable import DigitSegmentation
import ImageDecoding
import NeuralNet
import XCTest
@testable import ScanPipeline

/// A hard-edged shadow over most of a photo passes for dark paper and its lit corners for light
/// ink; read that way the page holds nothing, and it is read again with dark ink. Shadows on
/// both sides of a lit strip pass for a desk, and painting them out must not win.
final class ShadowBandTests: XCTestCase {
    private static let model = Result { try Model.load(path: Repository.root + "/Models/digitscan-cnn.safetensors") }

    /// The bytes of `Tests/Fixtures/shadow/<name>`.
    private func fixture(_ name: String) throws -> [UInt8] {
        [UInt8](try Data(contentsOf: URL(fileURLWithPath: Repository.root + "/Tests/Fixtures/shadow/" + name)))
    }

    /// `digits` as the network reads them.
    private func values(_ digits: [SegmentedDigit]) throws -> [Int] {
        ScanEngine.classifyBatch(digits, classifier: try Self.model.get(), threads: 1).map(\.value)
    }

    /// A configuration that reads the page as light ink on dark paper, as it looks.
    private var lightInk: SegmentationConfig {
        var light = SegmentationConfig()
        light.polarity = .lightOnDark
        light.findSheet = false
        return light
    }

    func testADigitInAShadowOverMostOfThePhotoIsRead() throws {
        let image = try ImageDecoder.decode(fixture("shadow-band-9.jpg"))
        let scorer = ClassifierScorer(classifier: try Self.model.get())
        // As the page looks (light ink on dark paper), nothing; with dark ink, the 9.
        var light = SegmentationConfig()
        light.polarity = .lightOnDark
        XCTAssertTrue(try DigitSegmenter(config: light).segment(image, scorer: scorer).isEmpty)
        XCTAssertEqual(try values(DigitSegmenter().segment(image, scorer: scorer)), [9])
    }

    func testADigitInABandFromEdgeToEdgeIsRead() throws {
        let image = try ImageDecoder.decode(fixture("shadow-band-3.jpg"))
        let scorer = ClassifierScorer(classifier: try Self.model.get())
        // As the page looks, only the band's edges, nearly as tall as the picture.
        let edges = try DigitSegmenter(config: lightInk).segment(image, scorer: scorer)
        XCTAssertFalse(edges.isEmpty)
        XCTAssertTrue(edges.allSatisfy { 10 * $0.box.height >= 9 * image.height })
        XCTAssertEqual(try values(DigitSegmenter().segment(image, scorer: scorer)), [3])
    }

    func testDigitsInAShadowOverMostOfAColourPhotoAreRead() throws {
        // In colour, as `digitscan` reads it (the gray conversion with the most ink contrast).
        let image = try ImageDecoder.decodeRGB(fixture("shadow-over-67.jpg"))
        let scorer = ClassifierScorer(classifier: try Self.model.get())
        // As the page looks, the lit part is light ink and nothing reads as a sure digit; read
        // again with dark ink, the page must have its light flattened to show the digits.
        let lit = try DigitSegmenter(config: lightInk).segment(image, scorer: scorer)
        XCTAssertFalse(scorer.confidences(for: lit.map(\.pixels)).contains { $0 >= DigitSegmenter.sure })
        XCTAssertEqual(try values(DigitSegmenter().segment(image, scorer: scorer)), [6, 7])
    }

    func testDigitsOnALitStripBetweenTwoShadowsAreRead() throws {
        let image = try ImageDecoder.decode(fixture("shadow-strip-22745.jpg"))
        let scorer = ClassifierScorer(classifier: try Self.model.get())
        XCTAssertEqual(try values(DigitSegmenter().segment(image, scorer: scorer)), [2, 2, 7, 4, 5])
        // The shadows pass for a desk round a sheet, and with them painted out the network is
        // sure of nothing: that reading must not win.
        let sheet = try XCTUnwrap(SheetFinder(in: image))
        var plain = SegmentationConfig()
        plain.findSheet = false
        let onSheet = try DigitSegmenter(config: plain).segment(sheet.image, scorer: scorer)
        XCTAssertFalse(scorer.confidences(for: onSheet.map(\.pixels)).contains { $0 >= DigitSegmenter.sure })
    }
}
