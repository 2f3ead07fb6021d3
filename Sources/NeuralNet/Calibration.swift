#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Temperature scaling: one number T that turns a network's logits z into calibrated
/// probabilities softmax(z / T), fitted by minimising the negative log-likelihood of labels
/// the network did not train on (Guo et al., "On Calibration of Modern Neural Networks", 2017).
///
/// T > 1 softens over-confident answers, T < 1 sharpens timid ones; the top class never
/// changes, so accuracy does not either.
public enum Calibration {
    /// The temperatures a fit may return.
    public static let temperatureRange: ClosedRange<Float> = 0.05...20

    /// The temperature in `temperatureRange` that minimises the mean negative log-likelihood of
    /// `labels` under softmax(`logits` / T). Deterministic: a golden-section search on log T
    /// (the NLL is convex in 1/T, so it has one minimum there), sums in `Double` in index order.
    ///
    /// `logits` is (N, classes), row-major. Returns 1 when there are no rows. Traps when the
    /// sizes disagree or a label is outside `0..<classes` (programmer errors: callers hold
    /// validated data sets).
    public static func fitTemperature(logits: [Float], labels: [Int], classes: Int) -> Float {
        precondition(classes > 0 && logits.count == labels.count * classes,
                     "fitTemperature: \(logits.count) logits for \(labels.count) labels of \(classes) classes")
        guard !labels.isEmpty else { return 1 }
        let ratio = (5.0.squareRoot() - 1) / 2
        var lo = log(Double(temperatureRange.lowerBound)), hi = log(Double(temperatureRange.upperBound))
        func loss(_ logT: Double) -> Double {
            negativeLogLikelihood(logits: logits, labels: labels, classes: classes, temperature: exp(logT))
        }
        var a = hi - ratio * (hi - lo), b = lo + ratio * (hi - lo)
        var fa = loss(a), fb = loss(b)
        // 40 steps shrink the 6-wide interval of log T to ~1e-8: far below float precision of T.
        for _ in 0..<40 {
            if fa <= fb {
                hi = b; b = a; fb = fa
                a = hi - ratio * (hi - lo); fa = loss(a)
            } else {
                lo = a; a = b; fa = fb
                b = lo + ratio * (hi - lo); fb = loss(b)
            }
        }
        let best = Float(exp((lo + hi) / 2))
        return min(max(best, temperatureRange.lowerBound), temperatureRange.upperBound)
    }

    /// Mean negative log-likelihood (natural log) of `labels` under softmax(`logits` / T),
    /// computed stably in `Double`. `logits` is (N, classes); traps on mismatched sizes.
    public static func negativeLogLikelihood(logits: [Float], labels: [Int], classes: Int,
                                             temperature: Double) -> Double {
        precondition(classes > 0 && logits.count == labels.count * classes, "negativeLogLikelihood: sizes disagree")
        guard !labels.isEmpty else { return 0 }
        let inverse = 1 / temperature
        var total = 0.0
        for (i, label) in labels.enumerated() {
            precondition((0..<classes).contains(label), "label \(label) outside 0..<\(classes)")
            let row = i * classes
            var top = -Double.infinity
            for j in 0..<classes { top = max(top, Double(logits[row + j]) * inverse) }
            var sum = 0.0
            for j in 0..<classes { sum += exp(Double(logits[row + j]) * inverse - top) }
            total += log(sum) + top - Double(logits[row + label]) * inverse
        }
        return total / Double(labels.count)
    }

    /// softmax(`logits` / `temperature`) per row of (N, classes): what `Model.probabilities`
    /// returns. A temperature of 1 divides nothing, so untempered models give exactly the
    /// plain softmax.
    public static func probabilities(logits: [Float], classes: Int, temperature: Float) -> [Float] {
        var out = logits
        if temperature != 1 {
            for i in out.indices { out[i] /= temperature }
        }
        Softmax.apply(&out, classes: classes)
        return out
    }

    /// Reliability of the top answers in `probabilities` (N, classes) against `labels`:
    /// confidences grouped into `bins` equal-width bins, with the expected calibration error.
    /// Traps on mismatched sizes or `bins` < 1.
    public static func reliability(probabilities: [Float], labels: [Int], classes: Int,
                                   bins: Int = 15) -> ReliabilityTable {
        precondition(classes > 0 && probabilities.count == labels.count * classes, "reliability: sizes disagree")
        var confidences: [Float] = [], correct: [Bool] = []
        confidences.reserveCapacity(labels.count)
        correct.reserveCapacity(labels.count)
        for (i, label) in labels.enumerated() {
            let (top, confidence) = argmax(probabilities, row: i, classes: classes)
            confidences.append(confidence)
            correct.append(top == label)
        }
        return ReliabilityTable(confidences: confidences, correct: correct, bins: bins)
    }

    /// The first index of the largest value of row `row` (ties go to the lower class, as the
    /// pipeline's choice does) and that value.
    public static func argmax(_ values: [Float], row: Int, classes: Int) -> (index: Int, value: Float) {
        let base = row * classes
        var best = 0, value = values[base]
        for j in 1..<classes where values[base + j] > value { best = j; value = values[base + j] }
        return (best, value)
    }
}
