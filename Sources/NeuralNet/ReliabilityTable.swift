/// How well confidence matches accuracy: answers grouped by their top probability into
/// equal-width bins, each with its count, mean confidence and accuracy.
///
/// The expected calibration error (ECE) is the count-weighted mean gap between confidence and
/// accuracy over the bins: Σ (nᵦ / N) · |accuracyᵦ − confidenceᵦ|.
public struct ReliabilityTable: Sendable, Equatable {
    /// One confidence bin, `lower ..< upper` (the last bin includes 1).
    public struct Bin: Sendable, Equatable {
        public var lower: Double
        public var upper: Double
        /// Answers whose confidence falls in the bin.
        public var count: Int
        /// Mean top probability of those answers (0 when the bin is empty).
        public var meanConfidence: Double
        /// Fraction of those answers that were right (0 when the bin is empty).
        public var accuracy: Double
    }

    public var bins: [Bin]
    /// Number of answers over all bins.
    public var count: Int
    /// Expected calibration error, 0...1 (0 when there are no answers).
    public var expectedCalibrationError: Double

    /// Bins `confidences` (each answer's top probability) and `correct` (whether that answer was
    /// right) into `bins` equal-width bins of 0...1. A confidence outside 0...1 is clamped into
    /// it, a NaN counts as 0. Traps when the arrays differ in length or `bins` < 1.
    public init(confidences: [Float], correct: [Bool], bins: Int = 15) {
        precondition(bins >= 1 && confidences.count == correct.count, "ReliabilityTable: sizes disagree")
        var counts = [Int](repeating: 0, count: bins), hits = [Int](repeating: 0, count: bins)
        var sums = [Double](repeating: 0, count: bins)
        for (confidence, right) in zip(confidences, correct) {
            let c = confidence >= 0 ? min(Double(confidence), 1) : 0
            let b = min(Int(c * Double(bins)), bins - 1)
            counts[b] += 1
            sums[b] += c
            if right { hits[b] += 1 }
        }
        let total = confidences.count
        var error = 0.0
        self.bins = (0..<bins).map { b in
            let n = counts[b]
            let mean = n == 0 ? 0 : sums[b] / Double(n)
            let accuracy = n == 0 ? 0 : Double(hits[b]) / Double(n)
            error += Double(n) / Double(max(total, 1)) * abs(accuracy - mean)
            return Bin(lower: Double(b) / Double(bins), upper: Double(b + 1) / Double(bins),
                       count: n, meanConfidence: mean, accuracy: accuracy)
        }
        self.count = total
        self.expectedCalibrationError = error
    }
}
