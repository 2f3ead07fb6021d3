import ImageDecoding

/// A picture too small to segment as it is (a number cropped from a low-resolution scan, a
/// form field saved at screen size) is read enlarged.
///
/// At 10 px a digit's strokes are one or two pixels wide: the denoise filter, the paper-level
/// grid and the frame search, all sized for digits of 20 px and more, erase or merge them
/// (the hard suite's `small` category, digits 10-20 px tall: 75.7 % of digits read at their own
/// size, 98.9 % enlarged). The
/// picture's smaller side stands in for the digit height, which is not known before
/// segmenting: the picture is enlarged (bilinear) to at least 64 px on that side, by a whole
/// factor of at most 4, and the boxes found are mapped back. On a larger picture, digits found
/// smaller than `enlargeDigitsBelow` get the picture read enlarged as well.
enum SmallPicture {
    /// The whole factor to enlarge a `width` × `height` picture by, or nil to read it as it is
    /// (its smaller side at least `below` px, or `below` 0, or a strip so long that even twice
    /// its size would pass `maxPixels`).
    static func factor(width: Int, height: Int, below: Int) -> Int? {
        let side = Swift.min(width, height)
        guard below > 0, side > 0, side < below else { return nil }
        return capped(Swift.min(4, Swift.max(2, (target + side - 1) / side)), pixels: width * height)
    }

    /// The smaller side an enlarged picture reaches (when the factor cap allows).
    static let target = 64

    /// The whole factor to read a picture of `pixels` pixels enlarged by, when the typical
    /// (median) height of the digits found on it is under `below` px: toward twice `below`,
    /// at most 4, and lowered until the enlarged picture stays under `maxPixels`. Nil otherwise.
    static func factor(digitHeights: [Int], below: Int, pixels: Int) -> Int? {
        guard below > 0, !digitHeights.isEmpty else { return nil }
        let typical = digitHeights.sorted()[digitHeights.count / 2]
        guard typical > 0, typical < below else { return nil }
        return capped(Swift.min(4, Swift.max(2, (2 * below + typical - 1) / typical)), pixels: pixels)
    }

    /// `factor`, lowered until a picture of `pixels` pixels enlarged by it stays under
    /// `maxPixels`; nil when not even 2 does.
    private static func capped(_ factor: Int, pixels: Int) -> Int? {
        var factor = factor
        while factor >= 2 && pixels * factor * factor > maxPixels { factor -= 1 }
        return factor >= 2 ? factor : nil
    }

    /// The most pixels an enlarged reading may have (an A4 page at 300 dpi has 8.7 million).
    static let maxPixels = 16_000_000

    /// `image` enlarged `factor` times, each output pixel interpolated between the four
    /// source pixels around its centre.
    static func enlarged(_ image: GrayImage, by factor: Int) -> GrayImage {
        let (w, h) = (image.width, image.height)
        let (bw, bh) = (w * factor, h * factor)
        let source = image.pixels
        var out = [UInt8](repeating: 0, count: bw * bh)
        let scale = 1 / Float(factor)
        // Per output column: the two source columns and the weight of the right one.
        let columns = (0..<bw).map { x -> (Int, Int, Float) in
            let s = Swift.min(Swift.max((Float(x) + 0.5) * scale - 0.5, 0), Float(w - 1))
            let x0 = Int(s)
            return (x0, Swift.min(x0 + 1, w - 1), s - Float(x0))
        }
        for y in 0..<bh {
            let s = Swift.min(Swift.max((Float(y) + 0.5) * scale - 0.5, 0), Float(h - 1))
            let y0 = Int(s), y1 = Swift.min(Int(s) + 1, h - 1), fy = s - Float(y0)
            for x in 0..<bw {
                let (x0, x1, fx) = columns[x]
                let top = Float(source[y0 * w + x0]) * (1 - fx) + Float(source[y0 * w + x1]) * fx
                let bottom = Float(source[y1 * w + x0]) * (1 - fx) + Float(source[y1 * w + x1]) * fx
                out[y * bw + x] = UInt8((top * (1 - fy) + bottom * fy).rounded())
            }
        }
        return GrayImage(width: bw, height: bh, pixels: out)
    }

    /// A box of the enlarged picture on the picture itself: the source pixels it covers.
    static func boxBack(_ box: PixelBox, factor: Int) -> PixelBox {
        let x0 = box.x / factor, y0 = box.y / factor
        let x1 = (box.maxX + factor - 1) / factor, y1 = (box.maxY + factor - 1) / factor
        return PixelBox(x: x0, y: y0, width: Swift.max(x1 - x0, 1), height: Swift.max(y1 - y0, 1))
    }
}
