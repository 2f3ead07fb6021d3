import ImageDecoding

/// How far a page is turned, and the page turned back.
///
/// A photo taken a little askew turns ruled lines and lines of digits with it; past a few
/// degrees the line remover, which looks for long level runs, no longer sees the ruling, and
/// every digit hangs on a line. The angle is the one at which the ink, projected on the
/// page's vertical, bunches most into rows (the largest sum of squared row counts: ruled
/// lines and lines of digits give sharp peaks only when level).
enum PageSkew {
    /// Angles tried, degrees either way: a search in steps of 1.5°, then half a degree either
    /// side of the best.
    static let maxAngle = 15.0

    /// The page's skew in degrees (positive: the page turned clockwise, lines falling to the
    /// right), or nil when the ink gives no clear answer: fewer than `minPoints` ink pixels, or
    /// the best angle bunching the ink less than `minGain` × as much as the level page does
    /// (ruled lines and lines of digits askew bunch far more when level; a lone scribble, at
    /// 1.15, found an angle at which it read as a digit: non-digit marks read as digits 4.9 →
    /// 5.6 %; at 1.6, 5.0 %).
    static func angle(of mask: InkMask, minPoints: Int = 200, minGain: Double = 1.6) -> Double? {
        let (w, h) = (mask.width, mask.height)
        // Up to about 1,500 ink pixels, spread over the page: plenty for lines of digits.
        let inkCount = mask.inkCount
        guard inkCount >= minPoints else { return nil }
        let stride = Swift.max(1, inkCount / 1_500)
        var xs: [Float] = [], ys: [Float] = []
        xs.reserveCapacity(inkCount / stride + 1); ys.reserveCapacity(inkCount / stride + 1)
        // Every `stride`-th ink pixel in reading order, found run by run.
        var k = 0
        mask.forEachRow { y, row in
            mask.forEachRun(in: row) { start, end in
                var x = start + (stride - k % stride) % stride
                while x < end {
                    xs.append(Float(x) - Float(w) / 2); ys.append(Float(y) - Float(h) / 2)
                    x += stride
                }
                k += end - start
            }
        }
        let reach = Float(w + h)
        // Rows two pixels high: thin enough to keep a ruled line's peak sharp.
        var counts = [Int32](repeating: 0, count: Int(reach) + 2)
        // On raw buffers, and the points picked run by run rather than with a division per ink
        // pixel: PageSkew was 6.6 % of a small scan's time, 5.6 % now (21 angles remain).
        func bunching(_ degrees: Double) -> Double {
            let (c, s) = sinCos(degrees * Double.pi / 180)
            let (fc, fs) = (Float(c), Float(s))
            return counts.withUnsafeMutableBufferPointer { counts in
                xs.withUnsafeBufferPointer { xs in
                    ys.withUnsafeBufferPointer { ys in
                        counts.update(repeating: 0)
                        for i in 0..<xs.count {
                            let row = Int((ys[i] * fc - xs[i] * fs + reach) * 0.5)
                            if row >= 0 && row < counts.count { counts[row] &+= 1 }
                        }
                        var sum = 0.0
                        for n in counts where n != 0 { sum += Double(n) * Double(n) }
                        return sum
                    }
                }
            }
        }
        let level = bunching(0)
        var best = (angle: 0.0, score: level)
        for degrees in Swift.stride(from: -maxAngle, through: maxAngle, by: 1.5) where degrees != 0 {
            let score = bunching(degrees)
            if score > best.score { best = (degrees, score) }
        }
        for fine in [best.angle - 0.5, best.angle + 0.5] where abs(fine) <= maxAngle && fine != 0 {
            let score = bunching(fine)
            if score > best.score { best = (fine, score) }
        }
        guard best.angle != 0, best.score >= minGain * level else { return nil }
        return best.angle
    }

    /// A turn by some degrees about a page's centre, onto a canvas grown to hold all of it;
    /// maps points of the turned canvas back onto the page.
    private struct Turn {
        let c, s, pageX, pageY, canvasX, canvasY: Double
        let canvasWidth, canvasHeight: Int

        init(degrees: Double, width: Int, height: Int) {
            (c, s) = PageSkew.sinCos(degrees * Double.pi / 180)
            let (w, h) = (Double(width), Double(height))
            canvasWidth = Int((abs(w * c) + abs(h * s)).rounded(.up))
            canvasHeight = Int((abs(w * s) + abs(h * c)).rounded(.up))
            (pageX, pageY) = (w / 2, h / 2)
            (canvasX, canvasY) = (Double(canvasWidth) / 2, Double(canvasHeight) / 2)
        }

        /// The page point under canvas point (`x`, `y`): the inverse turn.
        func back(_ x: Double, _ y: Double) -> (x: Double, y: Double) {
            let dx = x - canvasX, dy = y - canvasY
            return (c * dx + s * dy + pageX, -s * dx + c * dy + pageY)
        }
    }

    /// `image` turned by `degrees` (positive: clockwise) about its centre, on a canvas grown
    /// to hold all of it, the new corners filled with `fill`; bilinear.
    static func rotated(_ image: GrayImage, degrees: Double, fill: UInt8) -> GrayImage {
        let turn = Turn(degrees: degrees, width: image.width, height: image.height)
        let (nw, nh, iw) = (turn.canvasWidth, turn.canvasHeight, image.width)
        var out = [UInt8](repeating: fill, count: nw * nh)
        image.pixels.withUnsafeBufferPointer { p in
            for y in 0..<nh {
                for x in 0..<nw {
                    // Pixel centres: the source point is sampled between its four neighbours.
                    let (px, py) = turn.back(Double(x) + 0.5, Double(y) + 0.5)
                    let sx = px - 0.5, sy = py - 0.5
                    let x0 = Int(sx.rounded(.down)), y0 = Int(sy.rounded(.down))
                    guard x0 >= 0, y0 >= 0, x0 + 1 < iw, y0 + 1 < image.height else { continue }
                    let fx = sx - Double(x0), fy = sy - Double(y0)
                    let top = Double(p[y0 * iw + x0]) * (1 - fx) + Double(p[y0 * iw + x0 + 1]) * fx
                    let bottom = Double(p[(y0 + 1) * iw + x0]) * (1 - fx) + Double(p[(y0 + 1) * iw + x0 + 1]) * fx
                    out[y * nw + x] = UInt8((top * (1 - fy) + bottom * fy).rounded())
                }
            }
        }
        return GrayImage(width: nw, height: nh, pixels: out)
    }

    /// `box` of a page turned by `degrees` by `rotated`, as the bounding box of its corners in
    /// the page as it was (`width` × `height`).
    static func boxBack(_ box: PixelBox, degrees: Double, width: Int, height: Int) -> PixelBox {
        let turn = Turn(degrees: degrees, width: width, height: height)
        var x0 = Double.infinity, y0 = Double.infinity, x1 = -Double.infinity, y1 = -Double.infinity
        for (px, py) in [(box.x, box.y), (box.maxX, box.y), (box.x, box.maxY), (box.maxX, box.maxY)] {
            let (sx, sy) = turn.back(Double(px), Double(py))
            x0 = Swift.min(x0, sx); x1 = Swift.max(x1, sx); y0 = Swift.min(y0, sy); y1 = Swift.max(y1, sy)
        }
        let left = Swift.max(0, Int(x0.rounded(.down))), top = Swift.max(0, Int(y0.rounded(.down)))
        let right = Swift.min(width, Int(x1.rounded(.up))), bottom = Swift.min(height, Int(y1.rounded(.up)))
        return PixelBox(x: left, y: top, width: Swift.max(1, right - left), height: Swift.max(1, bottom - top))
    }

    /// Cosine and sine of `a` radians by their Taylor series: the angles here stay within
    /// 15° (0.27 rad), where nine terms are exact to double precision, and the module keeps
    /// clear of Foundation.
    static func sinCos(_ a: Double) -> (cos: Double, sin: Double) {
        var c = 1.0, s = a, term = 1.0
        let a2 = a * a
        for n in 1...9 {
            term *= -a2 / Double((2 * n - 1) * (2 * n))
            c += term
            s += term * a / Double(2 * n + 1)
        }
        return (c, s)
    }
}
