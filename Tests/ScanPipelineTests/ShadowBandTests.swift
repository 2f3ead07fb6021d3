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
    func testADigitInAShadowOverMostOfThePhotoIsRead() throws {
        let model = try Model.load(path: Repository.root + "/Models/digitscan-cnn.safetensors")
        let bytes = try Data(contentsOf: URL(fileURLWithPath: Repository.root + "/Tests/Fixtures/shadow/shadow-band-9.jpg"))
        let image = try ImageDecoder.decode([UInt8](bytes))
        let scorer = ClassifierScorer(classifier: model)
        // As the page looks (light ink on dark paper), nothing; with dark ink, the 9.
        var light = SegmentationConfig()
        light.polarity = .lightOnDark
        XCTAssertTrue(try DigitSegmenter(config: light).segment(image, scorer: scorer).isEmpty)
        let digits = try DigitSegmenter().segment(image, scorer: scorer)
        XCTAssertEqual(ScanEngine.classifyBatch(digits, classifier: model, threads: 1).map(\.value), [9])
    }

    func testADigitInABandFromEdgeToEdgeIsRead() throws {
        let model = try Model.load(path: Repository.root + "/Models/digitscan-cnn.safetensors")
        let bytes = try Data(contentsOf: URL(fileURLWithPath: Repository.root + "/Tests/Fixtures/shadow/shadow-band-3.jpg"))
        let image = try ImageDecoder.decode([UInt8](bytes))
        let scorer = ClassifierScorer(classifier: model)
        // As the page looks, only the band's edges, nearly as tall as the picture.
        var light = SegmentationConfig()
        light.polarity = .lightOnDark
        light.findSheet = false
        let edges = try DigitSegmenter(config: light).segment(image, scorer: scorer)
        XCTAssertFalse(edges.isEmpty)
        XCTAssertTrue(edges.allSatisfy { 10 * $0.box.height >= 9 * image.height })
        let digits = try DigitSegmenter().segment(image, scorer: scorer)
        XCTAssertEqual(ScanEngine.classifyBatch(digits, classifier: model, threads: 1).map(\.value), [3])
    }

    func testDigitsInAShadowOverMostOfAColourPhotoAreRead() throws {
        let model = try Model.load(path: Repository.root + "/Models/digitscan-cnn.safetensors")
        let bytes = try Data(contentsOf: URL(fileURLWithPath: Repository.root + "/Tests/Fixtures/shadow/shadow-over-67.jpg"))
        // In colour, as `digitscan` reads it (the gray conversion with the most ink contrast).
        let image = try ImageDecoder.decodeRGB([UInt8](bytes))
        let scorer = ClassifierScorer(classifier: model)
        // As the page looks, the lit part is light ink and nothing reads as a sure digit; read
        // again with dark ink, the page must have its light flattened to show the digits.
        var light = SegmentationConfig()
        light.polarity = .lightOnDark
        light.findSheet = false
        let lit = try DigitSegmenter(config: light).segment(image, scorer: scorer)
        XCTAssertFalse(scorer.confidences(for: lit.map(\.pixels)).contains { $0 >= DigitSegmenter.sure })
        let digits = try DigitSegmenter().segment(image, scorer: scorer)
        XCTAssertEqual(ScanEngine.classifyBatch(digits, classifier: model, threads: 1).map(\.value), [6, 7])
    }

    func testDigitsOnALitStripBetweenTwoShadowsAreRead() throws {
        let model = try Model.load(path: Repository.root + "/Models/digitscan-cnn.safetensors")
        let bytes = try Data(contentsOf: URL(fileURLWithPath: Repository.root + "/Tests/Fixtures/shadow/shadow-strip-22745.jpg"))
        let image = try ImageDecoder.decode([UInt8](bytes))
        let scorer = ClassifierScorer(classifier: model)
        let digits = try DigitSegmenter().segment(image, scorer: scorer)
        XCTAssertEqual(ScanEngine.classifyBatch(digits, classifier: model, threads: 1).map(\.value), [2, 2, 7, 4, 5])
        // The shadows pass for a desk round a sheet, and with them painted out the network is
        // sure of nothing: that reading must not win.
        let sheet = try XCTUnwrap(SheetFinder(in: image))
        var plain = SegmentationConfig()
        plain.findSheet = false
        let onSheet = try DigitSegmenter(config: plain).segment(sheet.image, scorer: scorer)
        XCTAssertFalse(scorer.confidences(for: onSheet.map(\.pixels)).contains { $0 >= DigitSegmenter.sure })
    }
}
