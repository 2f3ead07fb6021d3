/// Moment-based deskew: shears a digit so its principal axis stands upright (the
/// preprocessing of LeCun et al.'s deskewed MNIST). Off by default: the shipped model is
/// trained on MNIST as it is, slant included, and reads deskewed digits no better.
enum Deskew {
    /// `crop` sheared horizontally by −(μ11 / μ02) about its centre of mass, widened so
    /// nothing is cut off, and cropped again to its ink; the crop itself when it has no
    /// vertical spread.
    static func apply(_ crop: DigitCrop) -> DigitCrop {
        let w = crop.width, h = crop.height
        var mass: Float = 0, mx: Float = 0, my: Float = 0
        for y in 0..<h {
            for x in 0..<w {
                let v = crop.pixels[y * w + x]
                mass += v; mx += v * Float(x); my += v * Float(y)
            }
        }
        guard mass > 0 else { return crop }
        let cx = mx / mass, cy = my / mass
        var mu11: Float = 0, mu02: Float = 0
        for y in 0..<h {
            for x in 0..<w {
                let v = crop.pixels[y * w + x]
                mu11 += v * (Float(x) - cx) * (Float(y) - cy)
                mu02 += v * (Float(y) - cy) * (Float(y) - cy)
            }
        }
        guard mu02 > 1e-3 else { return crop }
        let skew = mu11 / mu02
        let reach = Int((abs(skew) * Float(h)).rounded(.up)) + 1
        let nw = w + 2 * reach
        var out = [Float](repeating: 0, count: nw * h)
        // Each row moves by −skew·(y − cy), with linear interpolation between columns.
        for y in 0..<h {
            let shift = -skew * (Float(y) - cy) + Float(reach)
            for x in 0..<nw {
                let source = Float(x) - shift
                let x0 = Int(source.rounded(.down)), f = source - Float(x0)
                var v: Float = 0
                if x0 >= 0 && x0 < w { v += (1 - f) * crop.pixels[y * w + x0] }
                if x0 + 1 >= 0 && x0 + 1 < w { v += f * crop.pixels[y * w + x0 + 1] }
                out[y * nw + x] = v
            }
        }
        let sheared = DigitCrop(pixels: out, width: nw, height: h, x: crop.x - reach, y: crop.y)
        return sheared.trimmed() ?? crop
    }
}
