/// The reject option's trade-off: accepting only answers whose top probability reaches a
/// threshold raises the accuracy of what is accepted and lowers the share accepted (coverage).
///
/// "Accepted" means confidence ≥ threshold, the rule `classifier.minConfidence` applies, so a
/// threshold printed here can be used as that setting directly.
public struct RiskCoverage: Sendable, Equatable {
    /// The answers accepted at one threshold.
    public struct Point: Sendable, Equatable {
        public var threshold: Float
        /// Answers with confidence ≥ `threshold`.
        public var accepted: Int
        /// `accepted` / all answers.
        public var coverage: Double
        /// Fraction of the accepted answers that are right (1 when none are accepted).
        public var accuracy: Double
    }

    /// The largest coverage whose accepted answers reach a required precision.
    public struct OperatingPoint: Sendable, Equatable {
        /// The required accuracy of accepted answers, e.g. 0.999.
        public var precision: Double
        /// The lowest threshold that reaches `precision`; nil when no threshold does (the most
        /// confident answer is already wrong often enough).
        public var threshold: Float?
        public var accepted: Int
        public var coverage: Double
        /// The accuracy actually reached (≥ `precision`; 1 when nothing is accepted).
        public var accuracy: Double
    }

    /// Number of answers.
    public var count: Int
    /// One operating point per requested precision, in the order asked.
    public var operatingPoints: [OperatingPoint]
    /// One point per requested threshold, in the order asked.
    public var curve: [Point]

    /// The precisions `digitscan evaluate` reports.
    public static let defaultPrecisions: [Double] = [0.999, 0.995]
    /// The thresholds of the curve `digitscan evaluate` prints.
    public static let defaultThresholds: [Float] = [0.5, 0.7, 0.8, 0.9, 0.95, 0.99]

    /// Computes the trade-off from each answer's `confidences` (top probability) and whether it
    /// was `correct`. A NaN confidence is never accepted. Traps when the arrays differ in length.
    public init(confidences: [Float], correct: [Bool], precisions: [Double] = defaultPrecisions,
                thresholds: [Float] = defaultThresholds) {
        precondition(confidences.count == correct.count, "RiskCoverage: \(confidences.count) confidences, \(correct.count) answers")
        let total = confidences.count
        count = total
        // Most confident first; only whole groups of equal confidence can be accepted together,
        // so candidates are the ends of those groups.
        let order = confidences.indices.filter { !confidences[$0].isNaN }
            .sorted { confidences[$0] > confidences[$1] || (confidences[$0] == confidences[$1] && $0 < $1) }
        var best = precisions.map {
            OperatingPoint(precision: $0, threshold: nil, accepted: 0, coverage: 0, accuracy: 1)
        }
        var accepted = 0, right = 0, k = 0
        while k < order.count {
            let level = confidences[order[k]]
            while k < order.count, confidences[order[k]] == level {
                accepted += 1
                if correct[order[k]] { right += 1 }
                k += 1
            }
            for (p, precision) in precisions.enumerated() where Self.reaches(right, of: accepted, precision) {
                best[p] = OperatingPoint(precision: precision, threshold: level, accepted: accepted,
                                         coverage: Double(accepted) / Double(total),
                                         accuracy: Double(right) / Double(accepted))
            }
        }
        operatingPoints = best
        curve = thresholds.map { t in
            var accepted = 0, right = 0
            for (c, ok) in zip(confidences, correct) where c >= t {
                accepted += 1
                if ok { right += 1 }
            }
            return Point(threshold: t, accepted: accepted, coverage: total == 0 ? 0 : Double(accepted) / Double(total),
                         accuracy: accepted == 0 ? 1 : Double(right) / Double(accepted))
        }
    }

    /// Whether `right` of `accepted` is at least `precision`, with a tolerance far below one
    /// answer so that e.g. 999 of 1000 reaches 0.999 despite binary rounding of 0.999.
    private static func reaches(_ right: Int, of accepted: Int, _ precision: Double) -> Bool {
        Double(right) >= (precision - 1e-12) * Double(accepted)
    }
}
