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
        for row in 0..<height {
            for col in 0..<width where pixels[row * width + col] > 0 {
                x0 = Swift.min(x0, col); x1 = Swift.max(x1, col)
                y0 = Swift.min(y0, row); y1 = Swift.max(y1, row)
            }
        }
        guard x1 >= x0 else { return nil }
        let w = x1 - x0 + 1, h = y1 - y0 + 1
        var out = [Float](repeating: 0, count: w * h)
        for row in 0..<h {
            for col in 0..<w { out[row * w + col] = pixels[(row + y0) * width + col + x0] }
        }
        return DigitCrop(pixels: out, width: w, height: h, x: x + x0, y: y + y0)
    }

    /// Total ink.
    var mass: Float { pixels.reduce(0, +) }
}
