import ImageDecoding

/// A picture being drawn for people: 8-bit RGB or gray pixels with rectangles and text.
///
/// Drawing clips at the edges, so callers may place labels partly outside the picture.
/// A gray canvas stores the BT.601 luma of each colour it is given.
struct Canvas {
    /// A colour as red, green and blue 0–255.
    struct Colour: Hashable {
        var red: UInt8, green: UInt8, blue: UInt8
        init(_ red: UInt8, _ green: UInt8, _ blue: UInt8) { self.red = red; self.green = green; self.blue = blue }
        init(gray: UInt8) { self.init(gray, gray, gray) }
    }

    let width: Int
    let height: Int
    /// 1 (gray) or 3 (RGB).
    let channels: Int
    /// `width * height * channels` bytes, row-major.
    private(set) var pixels: [UInt8]

    /// A canvas filled with `background`; traps on a negative size or a channel count other
    /// than 1 or 3 (programmer errors).
    init(width: Int, height: Int, channels: Int, background: Colour) {
        precondition(width >= 0 && height >= 0 && (channels == 1 || channels == 3), "Canvas \(width)×\(height)×\(channels)")
        self.width = width
        self.height = height
        self.channels = channels
        let sample = channels == 1 ? [Self.luma(background)] : [background.red, background.green, background.blue]
        pixels = [UInt8](repeating: 0, count: width * height * channels)
        if background != Colour(gray: 0) {
            for i in 0..<(width * height) { pixels.replaceSubrange((i * channels)..<((i + 1) * channels), with: sample) }
        }
    }

    /// An RGB canvas showing `page` (gray pages are spread to three equal channels).
    init(page: PagePreview) {
        self.width = page.width
        self.height = page.height
        self.channels = 3
        if page.channels == 3 {
            pixels = page.pixels
        } else {
            pixels = [UInt8](repeating: 0, count: page.width * page.height * 3)
            for (i, v) in page.pixels.enumerated() { pixels[3 * i] = v; pixels[3 * i + 1] = v; pixels[3 * i + 2] = v }
        }
    }

    /// Colours one pixel; ignores positions outside the canvas.
    mutating func set(_ x: Int, _ y: Int, _ colour: Colour) {
        guard x >= 0, y >= 0, x < width, y < height else { return }
        let i = (y * width + x) * channels
        if channels == 1 {
            pixels[i] = Self.luma(colour)
        } else {
            pixels[i] = colour.red; pixels[i + 1] = colour.green; pixels[i + 2] = colour.blue
        }
    }

    /// Fills `x ..< x + w`, `y ..< y + h`, clipped to the canvas.
    mutating func fill(x: Int, y: Int, width w: Int, height h: Int, _ colour: Colour) {
        let x0 = max(0, x), y0 = max(0, y), x1 = min(width, x + w), y1 = min(height, y + h)
        guard x0 < x1, y0 < y1 else { return }
        for yy in y0..<y1 { for xx in x0..<x1 { set(xx, yy, colour) } }
    }

    /// Draws the outline of a rectangle `thickness` pixels wide, inside its bounds.
    mutating func stroke(x: Int, y: Int, width w: Int, height h: Int, thickness: Int, _ colour: Colour) {
        let t = max(1, min(thickness, (min(w, h) + 1) / 2))
        fill(x: x, y: y, width: w, height: t, colour)
        fill(x: x, y: y + h - t, width: w, height: t, colour)
        fill(x: x, y: y, width: t, height: h, colour)
        fill(x: x + w - t, y: y, width: t, height: h, colour)
    }

    /// Writes `text` in the 5×7 font with its top-left corner at (x, y), each font pixel a
    /// `scale`×`scale` square.
    mutating func draw(_ text: String, x: Int, y: Int, scale: Int, _ colour: Colour) {
        var left = x
        for character in text {
            for (row, bits) in BitmapFont.glyph(character).enumerated() {
                for column in 0..<BitmapFont.glyphWidth where bits & (1 << (BitmapFont.glyphWidth - 1 - column)) != 0 {
                    fill(x: left + column * scale, y: y + row * scale, width: scale, height: scale, colour)
                }
            }
            left += (BitmapFont.glyphWidth + BitmapFont.spacing) * scale
        }
    }

    /// Copies a `side`×`side` gray image (e.g. a network input) scaled up `zoom` times by
    /// repeating pixels, its top-left corner at (x, y).
    mutating func blit(gray: [UInt8], side: Int, x: Int, y: Int, zoom: Int) {
        guard gray.count == side * side else { return }
        for row in 0..<side {
            for column in 0..<side {
                fill(x: x + column * zoom, y: y + row * zoom, width: zoom, height: zoom, Colour(gray: gray[row * side + column]))
            }
        }
    }

    /// The pixels as an RGB image; traps on a gray canvas (a programmer error).
    var rgbImage: RGBImage {
        precondition(channels == 3, "rgbImage of a gray canvas")
        return RGBImage(width: width, height: height, pixels: pixels)
    }

    /// The pixels as a gray image; traps on an RGB canvas (a programmer error).
    var grayImage: GrayImage {
        precondition(channels == 1, "grayImage of an RGB canvas")
        return GrayImage(width: width, height: height, pixels: pixels)
    }

    /// BT.601 luma, rounded (gray canvases are drawn in grays, so the weights rarely matter).
    static func luma(_ c: Colour) -> UInt8 {
        let weighted: Int = 299 * Int(c.red) + 587 * Int(c.green) + 114 * Int(c.blue)
        return UInt8((weighted + 500) / 1000)
    }
}
