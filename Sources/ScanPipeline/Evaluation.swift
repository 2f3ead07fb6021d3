import Foundation
import NeuralNet

/// How a model does on a labelled set: accuracy, per-class precision and recall, confusion,
/// calibration before and after the model's temperature, and the reject option's trade-off.
public struct EvaluationReport: Sendable {
    /// Fraction of images classified correctly.
    public var accuracy: Double
    /// confusion[truth][predicted] counts.
    public var confusion: [[Int]]
    public var count: Int
    public var seconds: Double
    /// The model's calibration temperature (1: uncalibrated).
    public var temperature: Float
    /// Reliability of the plain softmax of the logits (temperature 1).
    public var reliabilityBefore: ReliabilityTable
    /// Reliability of the probabilities the model gives (its stored temperature applied).
    public var reliabilityAfter: ReliabilityTable
    /// Accepting only confident answers, judged on the probabilities the model gives.
    public var riskCoverage: RiskCoverage
    /// Accuracy as classification reads the images, with its second look at answers below
    /// `below` (`classifier.secondLookBelow`); nil when evaluated without one.
    public var secondLook: (below: Float, accuracy: Double)? = nil

    public var precision: [Double] {
        (0..<confusion.count).map { c in
            let predicted = confusion.reduce(0) { $0 + $1[c] }
            return predicted == 0 ? 0 : Double(confusion[c][c]) / Double(predicted)
        }
    }

    public var recall: [Double] {
        confusion.enumerated().map { c, row in
            let total = row.reduce(0, +)
            return total == 0 ? 0 : Double(row[c]) / Double(total)
        }
    }

    /// What `digitscan evaluate` prints.
    public var text: String {
        var lines = [String(format: "accuracy %.2f %% (%d of %d) in %.1f s",
                            accuracy * 100, Int((accuracy * Double(count)).rounded()), count, seconds)]
        if let secondLook {
            lines.append(String(format: "as classify reads them, with a second look below %.2f: accuracy %.2f %% (%d of %d)",
                                secondLook.below, secondLook.accuracy * 100,
                                Int((secondLook.accuracy * Double(count)).rounded()), count))
        }
        lines.append("class  precision  recall   count")
        let (p, r) = (precision, recall)
        for c in confusion.indices {
            lines.append(String(format: "%5d  %8.2f %%  %6.2f %%  %5d", c, p[c] * 100, r[c] * 100, confusion[c].reduce(0, +)))
        }
        lines.append("confusion (rows: true digit, columns: predicted)")
        lines.append("     " + confusion.indices.map { String(format: "%5d", $0) }.joined())
        for (c, row) in confusion.enumerated() {
            lines.append(String(format: "%5d", c) + row.map { String(format: "%5d", $0) }.joined())
        }
        lines += calibrationLines + riskCoverageLines
        return lines.joined(separator: "\n")
    }

    /// ECE before and after the temperature, then the non-empty bins side by side.
    private var calibrationLines: [String] {
        let (before, after) = (reliabilityBefore, reliabilityAfter)
        var lines = ["calibration: temperature \(temperature); expected calibration error (\(after.bins.count) bins) "
            + String(format: "%.2f %% at T = 1, %.2f %% at the model's T", before.expectedCalibrationError * 100,
                     after.expectedCalibrationError * 100)]
        lines.append("confidence   count (T=1)  mean conf  accuracy  count (stored T)  mean conf  accuracy")
        for (b, a) in zip(before.bins, after.bins) where b.count > 0 || a.count > 0 {
            lines.append(String(format: "%.3f-%.3f  %11d  %7.2f %%  %6.2f %%  %16d  %7.2f %%  %6.2f %%",
                                b.lower, b.upper, b.count, b.meanConfidence * 100, b.accuracy * 100,
                                a.count, a.meanConfidence * 100, a.accuracy * 100))
        }
        return lines
    }

    /// Coverage at the required precisions, then the curve at fixed thresholds.
    private var riskCoverageLines: [String] {
        var lines = ["risk-coverage (accept an answer when its top probability >= threshold):"]
        for point in riskCoverage.operatingPoints {
            if let threshold = point.threshold {
                lines.append(String(format: "  precision >= %.1f %%: coverage %.2f %% (%d of %d, accuracy %.3f %%) at threshold ",
                                    point.precision * 100, point.coverage * 100, point.accepted, riskCoverage.count,
                                    point.accuracy * 100) + "\(threshold)")
            } else {
                lines.append(String(format: "  precision >= %.1f %%: not reached at any threshold", point.precision * 100))
            }
        }
        lines.append("  threshold  coverage   accuracy")
        for point in riskCoverage.curve {
            lines.append(String(format: "  %9.2f  %6.2f %%  %7.3f %%", point.threshold, point.coverage * 100, point.accuracy * 100))
        }
        return lines
    }
}

public enum Evaluation {
    /// Classifies every image of `data` in batches and tallies the results; confidences are
    /// judged with and without the model's temperature (see `EvaluationReport`). With
    /// `secondLookBelow` > 0 the answers are also tallied as classification gives them, with
    /// its second look (`SecondLook`) at the unsure ones; the report's other figures are the
    /// network's own.
    public static func evaluate(model: Model, on data: MNISTDataset, batchSize: Int = 500,
                                threads: Int = 0, secondLookBelow: Float = 0) -> EvaluationReport {
        let started = Date()
        let size = data.rows * data.columns, classes = model.classes
        var confusion = [[Int]](repeating: [Int](repeating: 0, count: classes), count: classes)
        var correct = 0, correctAsRead = 0
        let secondLook = SecondLook(below: data.rows == data.columns ? secondLookBelow : 0)
        var plainConfidences: [Float] = [], confidences: [Float] = [], right: [Bool] = []
        var start = 0
        while start < data.count {
            let n = min(batchSize, data.count - start)
            let pixels = data.images[(start * size)..<((start + n) * size)].map(Float.init)
            let logits = model.logits(pixels: pixels, count: n, threads: threads)
            let plain = Calibration.probabilities(logits: logits, classes: classes, temperature: 1)
            // The same computation as model.probabilities, so the figures are the pipeline's.
            let probs = model.temperature == 1 ? plain
                : Calibration.probabilities(logits: logits, classes: classes, temperature: model.temperature)
            for i in 0..<n {
                let (predicted, confidence) = Calibration.argmax(probs, row: i, classes: classes)
                let truth = Int(data.labels[start + i])
                if truth < classes { confusion[truth][predicted] += 1 }
                if predicted == truth { correct += 1 }
                plainConfidences.append(Calibration.argmax(plain, row: i, classes: classes).value)
                confidences.append(confidence)
                right.append(predicted == truth)
            }
            if secondLook.below > 0 {
                let revised = secondLook.revise(probs, inputs: pixels, count: n, side: data.rows, classifier: model)
                for i in 0..<n where Calibration.argmax(revised, row: i, classes: classes).index == Int(data.labels[start + i]) {
                    correctAsRead += 1
                }
            }
            start += n
        }
        var report = EvaluationReport(
            accuracy: Double(correct) / Double(max(1, data.count)), confusion: confusion,
            count: data.count, seconds: Date().timeIntervalSince(started), temperature: model.temperature,
            reliabilityBefore: ReliabilityTable(confidences: plainConfidences, correct: right),
            reliabilityAfter: ReliabilityTable(confidences: confidences, correct: right),
            riskCoverage: RiskCoverage(confidences: confidences, correct: right))
        if secondLook.below > 0 { report.secondLook = (secondLook.below, Double(correctAsRead) / Double(max(1, data.count))) }
        return report
    }
}
