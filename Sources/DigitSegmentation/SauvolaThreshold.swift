/// Sauvola's local threshold (J. Sauvola, M. Pietikäinen, 2000): a pixel is ink when it is
/// darker than `mean × (1 + k (deviation / 128 − 1))` of the square window around it.
///
/// On flat paper the deviation is small and the threshold sits well below the paper level,
/// so noise stays paper; next to a stroke the deviation rises and the threshold follows the
/// local contrast, which is what finds faint pencil beside dark ink. Window sums come from
/// running column sums, so the cost is linear in the pixels and independent of the window,
/// with memory for two rows of sums rather than whole integral images.
enum SauvolaThreshold {
    /// The ink mask of a dark-ink page. Pixels must also be at least `maxLevel` or darker
    /// (a global guard, so a pale smudge far from any ink is not picked up by its own window).
    static func mask(_ pixels: [UInt8], width: Int, height: Int, window: Int, k: Double,
                     maxLevel: Int) -> InkMask {
        var mask = InkMask(width: width, height: height)
        guard width > 0, height > 0 else { return mask }
        let r = Swift.max(window / 2, 1)
        var columnSum = [Int](repeating: 0, count: width)
        var columnSquares = [Int](repeating: 0, count: width)
        // Prefix sums along the row of the column sums: index x + 1 holds columns 0 ... x.
        var prefix = [Int](repeating: 0, count: width + 1)
        var prefixSquares = [Int](repeating: 0, count: width + 1)
        func add(row y: Int, sign: Int) {
            let row = y * width
            for x in 0..<width {
                let v = Int(pixels[row + x])
                columnSum[x] += sign * v
                columnSquares[x] += sign * v * v
            }
        }
        for y in 0..<Swift.min(r, height) { add(row: y, sign: 1) }
        let k = Float(k)
        for y in 0..<height {
            if y + r < height { add(row: y + r, sign: 1) }
            if y - r - 1 >= 0 { add(row: y - r - 1, sign: -1) }
            let rowsIn = Swift.min(y + r, height - 1) - Swift.max(y - r, 0) + 1
            for x in 0..<width {
                prefix[x + 1] = prefix[x] + columnSum[x]
                prefixSquares[x + 1] = prefixSquares[x] + columnSquares[x]
            }
            let row = y * width
            for x in 0..<width {
                let v = Int(pixels[row + x])
                guard v <= maxLevel else { continue }
                let a = Swift.max(x - r, 0), b = Swift.min(x + r, width - 1) + 1
                let n = Float(rowsIn * (b - a))
                let mean = Float(prefix[b] - prefix[a]) / n
                let variance = Float(prefixSquares[b] - prefixSquares[a]) / n - mean * mean
                let deviation = Swift.max(variance, 0).squareRoot()
                let t = mean * (1 + k * (deviation / 128 - 1))
                if Float(v) <= t { mask.bits[row + x] = 1 }
            }
        }
        return mask
    }
}
