import Foundation
import NeuralNet

/// How a model does on a labelled set: accuracy, per-class precision and recall, confusion.
public struct EvaluationReport: Sendable {
    /// Fraction of images classified correctly.
    public var accuracy: Double
    /// confusion[truth][predicted] counts.
    public var confusion: [[Int]]
    public var count: Int
    public var seconds: Double

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
        return lines.joined(separator: "\n")
    }
}

public enum Evaluation {
    /// Classifies every image of `data` in batches and tallies the results.
    public static func evaluate(model: Model, on data: MNISTDataset, batchSize: Int = 500,
                                threads: Int = 0) -> EvaluationReport {
        let started = Date()
        let size = data.rows * data.columns
        var confusion = [[Int]](repeating: [Int](repeating: 0, count: model.classes), count: model.classes)
        var correct = 0
        var start = 0
        while start < data.count {
            let n = min(batchSize, data.count - start)
            let pixels = data.images[(start * size)..<((start + n) * size)].map(Float.init)
            let probs = model.probabilities(pixels: pixels, count: n, threads: threads)
            for i in 0..<n {
                let row = probs[(i * model.classes)..<((i + 1) * model.classes)]
                let predicted = (row.indices.max { row[$0] < row[$1] } ?? row.startIndex) - i * model.classes
                let truth = Int(data.labels[start + i])
                if truth < model.classes { confusion[truth][predicted] += 1 }
                if predicted == truth { correct += 1 }
            }
            start += n
        }
        return EvaluationReport(accuracy: Double(correct) / Double(max(1, data.count)), confusion: confusion,
                                count: data.count, seconds: Date().timeIntervalSince(started))
    }
}
