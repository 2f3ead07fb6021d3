/// One digit's own ink cropped to its bounding box: amounts 0 (paper) ... 1 (solid ink),
/// row-major `width × height`, with the crop's place in the source image.
struct DigitCrop: Sendable, Equatable {
    var pixels: [Float]
    var width: Int
    var height: Int
    /// Source column and row of the crop's top-left pixel.
    var x: Int
    var y: Int

    /// Where the crop lies in the source image.
    var box: PixelBox { PixelBox(x: x, y: y, width: width, height: height) }

    /// The ink of columns `range` (crop coordinates), cropped again to its own bounding box;
    /// nil when those columns hold no ink.
    func columns(_ range: Range<Int>) -> DigitCrop? {
        let a = Swift.max(range.lowerBound, 0), b = Swift.min(range.upperBound, width)
        guard a < b else { return nil }
        var part = [Float](repeating: 0, count: (b - a) * height)
        for row in 0..<height {
            for col in a..<b { part[row * (b - a) + col - a] = pixels[row * width + col] }
        }
        return DigitCrop(pixels: part, width: b - a, height: height, x: x + a, y: y).trimmed()
    }

    /// The crop cut to the bounding box of its non-zero pixels; nil when there are none.
    func trimmed() -> DigitCrop? {
        var x0 = width, x1 = -1, y0 = height, y1 = -1
        // Per row, only its first and last ink pixels move the box (a split's candidate pieces
        // are all trimmed, and a pixel-by-pixel update was 15 % of a desk photo's time).
        pixels.withUnsafeBufferPointer { p in
            guard let base = p.baseAddress else { return }
            for row in 0..<height {
                let line = base + row * width
                var first = 0
                while first < width && !(line[first] > 0) { first += 1 }
                guard first < width else { continue }
                var last = width - 1
                while !(line[last] > 0) { last -= 1 }
                x0 = Swift.min(x0, first); x1 = Swift.max(x1, last)
                y0 = Swift.min(y0, row); y1 = row
            }
        }
        guard x1 >= x0 else { return nil }
        let w = x1 - x0 + 1, h = y1 - y0 + 1
        var out = [Float](repeating: 0, count: w * h)
        for row in 0..<h {
            out.replaceSubrange((row * w)..<((row + 1) * w), with: pixels[((row + y0) * width + x0)..<((row + y0) * width + x0 + w)])
        }
        return DigitCrop(pixels: out, width: w, height: h, x: x + x0, y: y + y0)
    }

    /// Total ink.
    var mass: Float { pixels.reduce(0, +) }
}
