import Foundation
import NeuralNet
import XCTest
@testable import ScanPipeline

/// `Evaluation` on the first MNIST test images with the shipped model: the temperature changes
/// confidences and calibration, never the answers.
final class EvaluationTests: XCTestCase {
    func testTemperatureChangesConfidenceNotAnswers() throws {
        let model = try Model.load(path: Repository.root + "/Models/digitscan-cnn.safetensors").withTemperature(1)
        var data = try MNISTDataset.load(directory: Repository.root + "/Tests/Fixtures/mnist", split: .test)
        let n = 300
        data.images = Array(data.images.prefix(n * data.rows * data.columns))
        data.labels = Array(data.labels.prefix(n))
        let plain = Evaluation.evaluate(model: model, on: data, batchSize: 128, threads: 1)
        let warm = Evaluation.evaluate(model: try model.withTemperature(2), on: data, batchSize: 128, threads: 1)
        XCTAssertEqual(plain.temperature, 1)
        XCTAssertEqual(warm.temperature, 2)
        XCTAssertEqual(plain.confusion, warm.confusion)
        XCTAssertEqual(plain.reliabilityBefore, warm.reliabilityBefore, "before is always T = 1")
        XCTAssertEqual(plain.reliabilityBefore, plain.reliabilityAfter)
        XCTAssertNotEqual(warm.reliabilityAfter, warm.reliabilityBefore)
        XCTAssertEqual(warm.reliabilityAfter.count, n)
        // Softer confidences: the mean over all answers drops.
        func mean(_ t: ReliabilityTable) -> Double { t.bins.reduce(0) { $0 + $1.meanConfidence * Double($1.count) } / Double(t.count) }
        XCTAssertLessThan(mean(warm.reliabilityAfter), mean(warm.reliabilityBefore))
        // Each image keeps its answer, but the order of confidences across images can change
        // (a top probability depends on all the logits), so coverage is computed per report.
        for point in plain.riskCoverage.operatingPoints + warm.riskCoverage.operatingPoints where point.threshold != nil {
            XCTAssertGreaterThanOrEqual(point.accuracy, point.precision)
        }

        let text = warm.text.split(separator: "\n").map(String.init)
        XCTAssertTrue(text[0].hasPrefix("accuracy "))
        XCTAssertEqual(text[1], "class  precision  recall   count", "no second look asked for")
        XCTAssertTrue(text.contains { $0.hasPrefix("calibration: temperature 2.0; expected calibration error (15 bins) ") })
        XCTAssertTrue(text.contains { $0.hasPrefix("  precision >= 99.9 %: ") })
        XCTAssertTrue(text.contains("  threshold  coverage   accuracy"))
        XCTAssertNil(warm.secondLook)
        XCTAssertFalse(text.contains { $0.hasPrefix("as classify reads them") })
    }

    func testSecondLookTalliesTheAnswersClassifyGives() throws {
        // At T = 2 many answers are below 0.9, so the second look changes some of them.
        let model = try Model.load(path: Repository.root + "/Models/digitscan-cnn.safetensors").withTemperature(2)
        var data = try MNISTDataset.load(directory: Repository.root + "/Tests/Fixtures/mnist", split: .test)
        let n = 300, area = data.rows * data.columns
        data.images = Array(data.images.prefix(n * area))
        data.labels = Array(data.labels.prefix(n))
        let report = Evaluation.evaluate(model: model, on: data, batchSize: 128, threads: 1, secondLookBelow: 0.9)
        let pixels = data.images.map(Float.init)
        let first = model.probabilities(pixels: pixels, count: n, threads: 1)
        let revised = SecondLook(below: 0.9).revise(first, inputs: pixels, count: n, side: data.rows, classifier: model)
        XCTAssertNotEqual(first, revised)
        let right = (0..<n).filter { Calibration.argmax(revised, row: $0, classes: 10).index == Int(data.labels[$0]) }.count
        XCTAssertEqual(report.secondLook?.below, 0.9)
        XCTAssertEqual(report.secondLook?.accuracy ?? -1, Double(right) / Double(n), accuracy: 1e-12)
        let line = report.text.split(separator: "\n")[1]
        XCTAssertTrue(line.hasPrefix("as classify reads them, with a second look below 0.90: accuracy "), String(line))
    }
}
