/// A cut down a blob from its top row to its bottom row, one column per row, through as little
/// ink as it can find.
///
/// Touching digits overlap in width (a 7's bar over the next digit's top, a slanted pair), so
/// no column separates them; a path that steps sideways around the strokes can.
struct CutPath: Sendable, Equatable {
    /// For each row of the blob, the first column right of the cut.
    var columns: [Int]

    /// A straight vertical cut at column `x` of a blob `height` rows tall.
    init(vertical x: Int, height: Int) { columns = [Int](repeating: x, count: height) }

    init(columns: [Int]) { self.columns = columns }

    /// A straight cut through column `x` at mid-height, leaning `slant` columns right per row
    /// down (negative: left), kept inside columns 1 ..< `width`.
    init(through x: Int, slant: Double, width: Int, height: Int) {
        let middle = Double(height - 1) / 2
        columns = (0..<height).map { y in
            Swift.min(Swift.max(Int((Double(x) + slant * (Double(y) - middle)).rounded()), 1), Swift.max(width - 1, 1))
        }
    }

    /// The least-ink path through `crop` that stays within `reach` columns of `x`, moving at
    /// most one column per row; each step sideways costs a little (`stepCost` of full ink) so
    /// that on paper the path runs straight.
    static func leastInk(_ crop: DigitCrop, around x: Int, reach: Int, stepCost: Float = 0.05) -> CutPath {
        let w = crop.width, h = crop.height
        let lo = Swift.max(1, x - reach), hi = Swift.min(w - 1, x + reach)
        guard lo <= hi, h > 0 else { return CutPath(vertical: x, height: h) }
        let n = hi - lo + 1
        // (h, n): cost of the best path from the top row to each cell, and where it came from.
        var cost = [Float](repeating: 0, count: h * n)
        var from = [Int](repeating: 0, count: h * n)
        for i in 0..<n { cost[i] = crop.pixels[lo + i] + stepCost * Float(abs(lo + i - x)) / Float(Swift.max(reach, 1)) }
        for y in 1..<h {
            for i in 0..<n {
                var best = cost[(y - 1) * n + i], arg = i
                if i > 0, cost[(y - 1) * n + i - 1] + stepCost < best { best = cost[(y - 1) * n + i - 1] + stepCost; arg = i - 1 }
                if i + 1 < n, cost[(y - 1) * n + i + 1] + stepCost < best { best = cost[(y - 1) * n + i + 1] + stepCost; arg = i + 1 }
                cost[y * n + i] = best + crop.pixels[y * w + lo + i]
                from[y * n + i] = arg
            }
        }
        var i = (0..<n).min { (cost[(h - 1) * n + $0], abs($0 + lo - x)) < (cost[(h - 1) * n + $1], abs($1 + lo - x)) } ?? 0
        var columns = [Int](repeating: 0, count: h)
        for y in stride(from: h - 1, through: 0, by: -1) {
            columns[y] = lo + i
            i = from[y * n + i]
        }
        return CutPath(columns: columns)
    }

    /// The ink of `crop` right of `left` and left of `right` (nil: the blob's edge), cropped to
    /// its own bounding box; nil when there is none.
    static func piece(of crop: DigitCrop, after left: CutPath?, before right: CutPath?) -> DigitCrop? {
        var part = [Float](repeating: 0, count: crop.pixels.count)
        for y in 0..<crop.height {
            let a = left?.columns[y] ?? 0, b = right?.columns[y] ?? crop.width
            guard a < b else { continue }
            for x in a..<b { part[y * crop.width + x] = crop.pixels[y * crop.width + x] }
        }
        return DigitCrop(pixels: part, width: crop.width, height: crop.height, x: crop.x, y: crop.y).trimmed()
    }

    /// Strokes the cut crosses: runs of pixels at least half ink along it.
    func strokes(in crop: DigitCrop) -> Int {
        var count = 0, inside = false
        for y in columns.indices {
            let ink = crop.pixels[y * crop.width + columns[y]] >= 0.5
            if ink && !inside { count += 1 }
            inside = ink
        }
        return count
    }

    /// Total ink the cut runs through.
    func ink(in crop: DigitCrop) -> Float {
        columns.indices.reduce(0) { $0 + crop.pixels[$1 * crop.width + columns[$1]] }
    }
}
