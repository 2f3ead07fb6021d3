import Foundation
import NeuralNet
import XCTest
@testable import ScanPipeline

/// `Evaluation` on the first MNIST test images with the shipped model: the temperature changes
/// confidences and calibration, never the answers.
final class EvaluationTests: XCTestCase {
    private func root() -> String {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().path
    }

    func testTemperatureChangesConfidenceNotAnswers() throws {
        let model = try Model.load(path: root() + "/Models/digitscan-cnn.safetensors").withTemperature(1)
        var data = try MNISTDataset.load(directory: root() + "/Tests/Fixtures/mnist", split: .test)
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
        XCTAssertEqual(text[1], "class  precision  recall   count")
        XCTAssertTrue(text.contains { $0.hasPrefix("calibration: temperature 2.0; expected calibration error (15 bins) ") })
        XCTAssertTrue(text.contains { $0.hasPrefix("  precision >= 99.9 %: ") })
        XCTAssertTrue(text.contains("  threshold  coverage   accuracy"))
    }
}
