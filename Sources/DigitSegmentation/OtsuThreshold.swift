/// Otsu's threshold: the split of a histogram into two classes with the largest
/// between-class variance (N. Otsu, 1979). Linear in the number of gray levels.
struct OtsuThreshold: Sendable, Equatable {
    /// Last gray level of the dark class; the bright class starts at `threshold + 1`.
    var threshold: Int
    /// Mean gray level of the dark class (`0...threshold`).
    var darkMean: Double
    /// Mean gray level of the bright class (`threshold+1...255`).
    var brightMean: Double
    /// Between-class variance at the threshold, in gray levels squared.
    var betweenClassVariance: Double

    /// Otsu's split of `histogram`; nil when fewer than two gray levels occur (nothing to split).
    init?(_ histogram: GrayHistogram) {
        let counts = histogram.counts
        let total = Double(histogram.total)
        guard total > 0 else { return nil }
        var sumAll = 0.0
        for v in 0..<256 { sumAll += Double(v) * Double(counts[v]) }

        var weightDark = 0.0, sumDark = 0.0
        var best = -1.0, bestT = -1, plateauEnd = -1, bestDark = 0.0, bestBright = 0.0
        var onPlateau = false
        for t in 0..<255 {
            weightDark += Double(counts[t])
            sumDark += Double(t) * Double(counts[t])
            let weightBright = total - weightDark
            guard weightDark > 0, weightBright > 0 else { continue }
            let meanDark = sumDark / weightDark
            let meanBright = (sumAll - sumDark) / weightBright
            let diff = meanDark - meanBright
            let between = weightDark * weightBright * diff * diff / (total * total)
            if between > best * (1 + 1e-12) {
                best = between; bestT = t; plateauEnd = t; bestDark = meanDark; bestBright = meanBright
                onPlateau = true
            } else if onPlateau && between >= best * (1 - 1e-12) {
                // Empty levels between two modes tie; the middle of the gap is the fair split.
                plateauEnd = t
            } else {
                onPlateau = false
            }
        }
        guard bestT >= 0 else { return nil }
        threshold = (bestT + plateauEnd) / 2
        darkMean = bestDark
        brightMean = bestBright
        betweenClassVariance = best
    }
}
