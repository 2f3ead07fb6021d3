/// Resizes a float image by area averaging: each output pixel is the mean of the source area
/// it covers, with partial source pixels weighted by their exact covered fraction.
///
/// Separable (rows, then columns), so the work is O(source + output) per axis pass.
/// The mean is preserved: the output's total equals the source's total times the area ratio.
enum AreaResampler {
    /// Per output index, the source indices it covers and the fraction of each it covers,
    /// normalised to sum to 1.
    static func weights(from source: Int, to target: Int) -> [[(index: Int, weight: Float)]] {
        precondition(source > 0 && target > 0, "AreaResampler: empty axis \(source) → \(target)")
        let scale = Double(source) / Double(target)
        return (0..<target).map { o in
            let lo = Double(o) * scale, hi = Double(o + 1) * scale
            var taps: [(index: Int, weight: Float)] = []
            var s = Int(lo.rounded(.down))
            while Double(s) < hi && s < source {
                let covered = Swift.min(hi, Double(s + 1)) - Swift.max(lo, Double(s))
                if covered > 1e-9 { taps.append((s, Float(covered / scale))) }
                s += 1
            }
            return taps
        }
    }

    /// `pixels` (row-major `width × height`) resized to `newWidth × newHeight`.
    static func resize(_ pixels: [Float], width: Int, height: Int,
                       newWidth: Int, newHeight: Int) -> [Float] {
        let wx = weights(from: width, to: newWidth), wy = weights(from: height, to: newHeight)
        // (height, newWidth): rows resampled horizontally.
        var rows = [Float](repeating: 0, count: height * newWidth)
        for y in 0..<height {
            for (ox, taps) in wx.enumerated() {
                var sum: Float = 0
                for t in taps { sum += pixels[y * width + t.index] * t.weight }
                rows[y * newWidth + ox] = sum
            }
        }
        // (newHeight, newWidth)
        var out = [Float](repeating: 0, count: newHeight * newWidth)
        for (oy, taps) in wy.enumerated() {
            for t in taps {
                let src = t.index * newWidth, dst = oy * newWidth
                for x in 0..<newWidth { out[dst + x] += rows[src + x] * t.weight }
            }
        }
        return out
    }
}
