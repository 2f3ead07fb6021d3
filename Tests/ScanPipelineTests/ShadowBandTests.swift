import Foundation
import DigitSegmentation
import ImageDecoding
import NeuralNet
import XCTest
@testable import ScanPipeline

/// A hard-edged shadow over most of a photo passes for dark paper and its lit corners for light
/// ink; read that way the page holds nothing, and it is read again with dark ink.
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
}
