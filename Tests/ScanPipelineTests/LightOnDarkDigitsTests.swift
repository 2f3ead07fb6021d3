import Foundation
@testable import DigitSegmentation
import ImageDecoding
import NeuralNet
import XCTest
@testable import ScanPipeline

/// MNIST's own images saved as pictures (light digits on black, 28×28) and enlarged, as a user
/// testing the tool would feed them: the whole segmentation with the shipped network must read
/// them about as the network reads the images themselves.
final class LightOnDarkDigitsTests: XCTestCase {
    /// How many of the first `count` MNIST test digits, made into pictures by `picture`, the
    /// segmenter and the shipped model read as exactly their label.
    private func readRight(count: Int, _ picture: ([UInt8]) -> GrayImage) throws -> Int {
        let model = try Model.load(path: Repository.root + "/Models/digitscan-cnn.safetensors")
        let data = try MNISTDataset.load(directory: Repository.root + "/Tests/Fixtures/mnist", split: .test)
        let scorer = ClassifierScorer(classifier: model)
        let segmenter = DigitSegmenter()
        var right = 0
        for n in 0..<count {
            let image = picture(Array(data.images[(n * 784)..<((n + 1) * 784)]))
            let digits = try segmenter.segment(image, scorer: scorer)
            let answers = ScanEngine.classifyBatch(digits, classifier: model, threads: 1).map(\.value)
            if answers == [Int(data.labels[n])] { right += 1 }
        }
        return right
    }

    func testMNISTImagesAsStoredAreRead() throws {
        // Measured 299 of 300 (the network alone on the images: 298); 6 while the sheet finder
        // took a light digit for a sheet of paper on a desk.
        XCTAssertGreaterThanOrEqual(try readRight(count: 300) { GrayImage(width: 28, height: 28, pixels: $0) }, 296)
    }

    func testMNISTImagesEnlargedFourTimesAreRead() throws {
        // A digit drawn on a black canvas: measured 99 of 100 (the network alone: 99; 24 before).
        let right = try readRight(count: 100) { SmallPicture.enlarged(GrayImage(width: 28, height: 28, pixels: $0), by: 4) }
        XCTAssertGreaterThanOrEqual(right, 97)
    }
}
