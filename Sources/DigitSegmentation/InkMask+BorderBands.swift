/// A scanner's black lid along a side of a tight scan is ink from edge to edge of every column
/// (or row) it covers; no writing is. Cleared wherever a page's mask is made (before its stroke
/// width is measured: a margin's long runs would pass for the pen's), it can neither be read as
/// a 1 nor join the digit written against it into one blob.
extension InkMask {
    /// Clears the columns (rows) at each side of the picture that are at least `minFill` ink,
    /// from the border inward while they stay so; returns how many it cleared.
    @discardableResult
    mutating func clearBorderBands(minFill: Double = 0.95) -> Int {
        guard width > 2, height > 2 else { return 0 }
        func columnFull(_ x: Int) -> Bool {
            var ink = 0
            for y in 0..<height where bits[y * width + x] != 0 { ink += 1 }
            return Double(ink) >= minFill * Double(height)
        }
        func rowFull(_ y: Int) -> Bool {
            var ink = 0
            for x in 0..<width where bits[y * width + x] != 0 { ink += 1 }
            return Double(ink) >= minFill * Double(width)
        }
        // At most half the picture from each side: a page that is all ink is no margin.
        var left = 0, right = width - 1, top = 0, bottom = height - 1
        while left < width / 2 && columnFull(left) { left += 1 }
        while right >= width / 2 && columnFull(right) { right -= 1 }
        while top < height / 2 && rowFull(top) { top += 1 }
        while bottom >= height / 2 && rowFull(bottom) { bottom -= 1 }
        var cleared = 0
        for x in Array(0..<left) + Array((right + 1)..<width) {
            for y in 0..<height { bits[y * width + x] = 0 }
            cleared += 1
        }
        for y in Array(0..<top) + Array((bottom + 1)..<height) {
            for x in 0..<width { bits[y * width + x] = 0 }
            cleared += 1
        }
        return cleared
    }
}
