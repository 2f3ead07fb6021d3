/// Counts of each of the 256 gray levels, with the robust statistics thresholding needs.
struct GrayHistogram: Sendable, Equatable {
    /// `counts[v]` is the number of pixels of gray level `v`.
    var counts: [Int]

    /// An empty histogram.
    init() { counts = [Int](repeating: 0, count: 256) }

    /// The histogram of all `pixels`.
    init(_ pixels: [UInt8]) {
        self.init()
        // Four partial histograms break the store-to-load dependency on runs of equal pixels;
        // raw buffers: the arrays' checks on each count were a third of its time on A4 pages.
        var partial = [Int](repeating: 0, count: 4 * 256)
        partial.withUnsafeMutableBufferPointer { h in
            pixels.withUnsafeBufferPointer { p in
                var i = 0
                let n = p.count
                while i + 4 <= n {
                    h[Int(p[i])] &+= 1; h[256 + Int(p[i + 1])] &+= 1
                    h[512 + Int(p[i + 2])] &+= 1; h[768 + Int(p[i + 3])] &+= 1
                    i += 4
                }
                while i < n { h[Int(p[i])] &+= 1; i += 1 }
            }
        }
        for v in 0..<256 { counts[v] = partial[v] + partial[256 + v] + partial[512 + v] + partial[768 + v] }
    }

    /// Number of pixels counted.
    var total: Int { counts.reduce(0, +) }

    /// Variance of the gray levels counted, in gray levels squared (0 when empty).
    var variance: Double {
        let n = Double(total)
        guard n > 0 else { return 0 }
        var sum = 0.0, squares = 0.0
        for v in 0..<256 { sum += Double(v * counts[v]); squares += Double(v * v * counts[v]) }
        let mean = sum / n
        return Swift.max(squares / n - mean * mean, 0)
    }

    /// Pixels with a gray level in `range`.
    func count(in range: ClosedRange<Int>) -> Int {
        let lo = Swift.max(range.lowerBound, 0), hi = Swift.min(range.upperBound, 255)
        guard lo <= hi else { return 0 }
        return counts[lo...hi].reduce(0, +)
    }

    /// The most frequent gray level in `range`, after a 5-level box smoothing (JPEG and
    /// quantisation leave spiky histograms whose raw maximum can sit off the true peak).
    func mode(in range: ClosedRange<Int> = 0...255) -> Int {
        var best = range.lowerBound, bestCount = -1.0
        for v in range {
            // Per level of the window: at black and white the window is cut short, and a page
            // clipped at white would otherwise peak two levels below it.
            let window = Swift.max(v - 2, 0)...Swift.min(v + 2, 255)
            let s = Double(count(in: window)) / Double(window.count)
            if s > bestCount { best = v; bestCount = s }
        }
        return best
    }

    /// Median absolute deviation of all pixels from `center`, in gray levels.
    func medianAbsoluteDeviation(from center: Int) -> Int {
        let half = (total + 1) / 2
        var within = counts[center]
        var d = 0
        while within < half && d < 255 {
            d += 1
            if center - d >= 0 { within += counts[center - d] }
            if center + d <= 255 { within += counts[center + d] }
        }
        return d
    }

    /// The median gray level of the pixels in `range` (nil when none lie there).
    func median(in range: ClosedRange<Int>) -> Int? { percentile(0.5, in: range) }

    /// The gray level below which `fraction` of the pixels in `range` lie (nil when none do).
    func percentile(_ fraction: Double, in range: ClosedRange<Int>) -> Int? {
        let n = count(in: range)
        guard n > 0 else { return nil }
        var seen = 0
        for v in range where v >= 0 && v <= 255 {
            seen += counts[v]
            if Double(seen) >= fraction * Double(n) { return v }
        }
        return range.upperBound
    }
}
