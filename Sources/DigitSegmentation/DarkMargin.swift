/// A scanner's black margin along the picture's sides, found on the gray image.
///
/// A slip of paper scanned with the lid open, or cropped loosely, leaves near-black bands
/// along one or more sides; on a small scan they can be most of the picture. The ink model
/// reads the page's noise around its commonest gray, and with that much black the spread of
/// the pixels about the paper was 150 levels: nothing stood out as ink and a clear digit read
/// as a blank page. So the ink model is measured inside the margins. (Painting the margins
/// with the paper's gray instead, for every later stage too, hid the desk of desk photos from
/// the sheet finder: their sheets' sides came out as 1s.)
enum DarkMargin {
    /// The box inside the dark margins of `pixels` (dark ink on light paper), or nil when it
    /// has none or they leave less than a quarter of its width or height (a dark picture, not
    /// a margin). A column (row) at a side is margin when nearly all its pixels (`share`) are
    /// darker than `depth` × the picture's bright end (its 99th percentile), and so is each
    /// next one inward until one is not.
    static func interior(_ pixels: [UInt8], width: Int, height: Int, histogram: GrayHistogram) -> PixelBox? {
        guard width >= 8, height >= 8, let bright = histogram.percentile(0.99, in: 0...255) else { return nil }
        let margin = UInt8(clamping: Int(Self.depth * Double(bright)))
        // The band's edge: a pixel or two between black and paper (blur, JPEG ringing), which
        // left standing would join the digits beside it as a thin stroke.
        let edge = UInt8(clamping: (Int(margin) + bright) / 2)
        // Whether nearly all of `count` pixels from `start`, `step` apart (a column or a row), are
        // at most `level`.
        func isDark(_ start: Int, _ step: Int, _ count: Int, _ level: UInt8) -> Bool {
            var dark = 0
            for k in 0..<count where pixels[start + k * step] <= level { dark += 1 }
            return Double(dark) >= Self.share * Double(count)
        }
        // How many of `lines` lines from a side are margin: dark ones, then up to `seam` of
        // its edge. `line(n, level)` says whether the n-th line from that side is dark.
        func depth(_ lines: Int, _ line: (Int, UInt8) -> Bool) -> Int {
            var n = 0
            while n < lines && line(n, margin) { n += 1 }
            guard n > 0 else { return 0 }
            let end = Swift.min(n + Self.seam, lines)
            while n < end && line(n, edge) { n += 1 }
            return n
        }
        let left = depth(width) { isDark($0, width, height, $1) }
        let right = width - depth(width - left) { isDark(width - 1 - $0, width, height, $1) }
        guard 4 * (right - left) >= width else { return nil }
        let top = depth(height) { isDark($0 * width + left, 1, right - left, $1) }
        let bottom = height - depth(height - top) { isDark((height - 1 - $0) * width + left, 1, right - left, $1) }
        guard left > 0 || right < width || top > 0 || bottom < height, 4 * (bottom - top) >= height else { return nil }
        return PixelBox(x: left, y: top, width: right - left, height: bottom - top)
    }

    /// The pixels inside the dark margins, as a picture of its own; nil when there are none.
    static func inside(_ pixels: [UInt8], width: Int, height: Int, histogram: GrayHistogram) -> (pixels: [UInt8], width: Int, height: Int)? {
        guard let box = interior(pixels, width: width, height: height, histogram: histogram) else { return nil }
        var inner = [UInt8]()
        inner.reserveCapacity(box.width * box.height)
        for y in box.y..<box.maxY { inner += pixels[(y * width + box.x)..<(y * width + box.maxX)] }
        return (inner, box.width, box.height)
    }

    /// Margin pixels are darker than this share of the picture's bright end ...
    static let depth = 0.25
    /// ... and make up at least this share of a margin column or row.
    static let share = 0.98
    /// Up to this many columns (rows) inside a margin are its edge when nearly all their pixels
    /// are darker than halfway to the paper.
    static let seam = 3
}
