import Foundation
import NeuralNet
import XCTest
@testable import ScanPipeline

/// Temperature fitting on labelled data, as `digitscan train` and `digitscan calibrate` do it.
final class CalibrationJobTests: XCTestCase {
    private let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().path

    private func set(_ images: [UInt8], _ labels: [UInt8]) -> MNISTDataset {
        MNISTDataset(images: images, labels: labels, rows: 28, columns: 28)
    }

    func testFitLowersTheErrorItMeasuresAndKeepsTheAnswers() throws {
        let model = try Model.load(path: root + "/Models/digitscan-cnn.safetensors").withTemperature(1)
        let data = try MNISTDataset.load(directory: root + "/Tests/Fixtures/mnist", split: .test)
        let n = 2000, images = Array(data.images[0..<(n * 784)]), labels = Array(data.labels[0..<n])
        let fit = try CalibrationJob.fit(model: model, on: set(images, labels), threads: 2)
        XCTAssertEqual(fit.count, n)
        XCTAssertTrue(Calibration.temperatureRange.contains(fit.temperature))
        XCTAssertEqual(fit.calibrated.temperature, fit.temperature)
        XCTAssertLessThanOrEqual(fit.eceAfter, fit.eceBefore + 1e-3, fit.text)
        // Temperature rescales confidence; it never changes which digit wins.
        let pixels = images.prefix(200 * 784).map(Float.init)
        let before = model.probabilities(pixels: pixels, count: 200), after = fit.calibrated.probabilities(pixels: pixels, count: 200)
        for i in 0..<200 {
            XCTAssertEqual(Calibration.argmax(before, row: i, classes: 10).index, Calibration.argmax(after, row: i, classes: 10).index)
        }
    }

    func testMarksAreLeftOutAndNothingToFitIsAnError() throws {
        let model = try Model.load(path: root + "/Models/digitscan-cnn.safetensors")
        let blank = [UInt8](repeating: 0, count: 3 * 784)
        XCTAssertThrowsError(try CalibrationJob.fit(model: model, on: set(blank, [10, 10, 10]))) { error in
            XCTAssertTrue("\(error)".contains("no labelled digits"), "\(error)")
        }
        let data = try MNISTDataset.load(directory: root + "/Tests/Fixtures/mnist", split: .test)
        let fit = try CalibrationJob.fit(model: model, on: set(Array(data.images[0..<(50 * 784)]) + blank,
                                                                     Array(data.labels[0..<50]) + [10, 10, 10]))
        XCTAssertEqual(fit.count, 50)
    }
}
