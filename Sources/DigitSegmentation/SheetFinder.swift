import ImageDecoding

/// Finds a sheet of paper photographed on a darker background (a desk, a table) and paints
/// the background out with the sheet's own gray.
///
/// A phone photo of a sheet on a desk is mostly desk around the edges: the desk is the page's
/// darkest large region, so it passes for ink (or, where it is the commonest gray, for the
/// paper), and every later stage is lost. The sheet is the bright region; the background is
/// what is dark *and* reaches the picture's edge, found on a small copy of the picture:
/// Otsu's threshold splits it, dark pixels connected to the border are flooded, and the
/// result, grown by a little to take the sheet's shadowed rim, is scaled back up.
///
/// A shadow across a sheet can reach its edge too and look the same; so this only proposes
/// a second reading of the page, and `DigitSegmenter` keeps it only when it has more digits
/// the network is sure of that are not the sheet, its edge or the desk read as ink.
struct SheetFinder: Sendable {
    /// The page with the background painted over.
    var image: GrayImage
    /// The background (grown by its rim) on the small copy, `step` source pixels per cell.
    private var background: [Bool]
    private var step: Int
    private var columns: Int
    /// Height of the sheet (its bright cells clear of the background), source pixels.
    private var sheetHeight: Int

    /// Long side of the small copy the background is found on.
    static let workSide = 256

    /// Whether `box` (source pixels) is the sheet, its edge or the desk read as ink: at least
    /// four fifths as tall as the sheet, lying across its edge (a fifth of it on the background
    /// and a fifth on the sheet), or on the background and touching the picture's border (a
    /// scanner's black margin read as a 1). Digits wholly in a shadow that was taken for desk
    /// are none of these.
    func isSheetOrEdge(_ box: PixelBox) -> Bool {
        // The sheet read as ink and cut into "digits" gives pieces as tall as the sheet.
        if 5 * box.height >= 4 * sheetHeight { return true }
        let (inside, total) = backgroundCells(box)
        return 5 * inside >= total && (5 * (total - inside) >= total || isDeskAtBorder(box))
    }

    /// Whether `box` is desk for sure: on the background and touching the picture's border (a
    /// scanner's black margin read as a 1), or a side of the sheet (as tall as the sheet and
    /// across its edge). Never a digit in a shadow, which neither reaches the border nor spans
    /// the whole sheet.
    func isDeskAtBorder(_ box: PixelBox) -> Bool {
        let (inside, total) = backgroundCells(box)
        if 5 * box.height >= 4 * sheetHeight && 5 * inside >= total && 5 * (total - inside) >= total { return true }
        guard box.x <= 0 || box.y <= 0 || box.maxX >= image.width || box.maxY >= image.height else { return false }
        return 5 * inside >= 4 * total
    }

    /// Cells of the small copy under `box` that are background, and all cells under it.
    private func backgroundCells(_ box: PixelBox) -> (inside: Int, total: Int) {
        let rows = background.count / Swift.max(columns, 1)
        let x0 = Swift.min(Swift.max(box.x, 0) / step, columns - 1), x1 = Swift.min(Swift.max(box.x + box.width - 1, 0) / step, columns - 1)
        let y0 = Swift.min(Swift.max(box.y, 0) / step, rows - 1), y1 = Swift.min(Swift.max(box.y + box.height - 1, 0) / step, rows - 1)
        var inside = 0, total = 0
        for y in y0...y1 {
            for x in x0...x1 {
                total += 1
                if background[y * columns + x] { inside += 1 }
            }
        }
        return (inside, total)
    }

    /// The sheet of `image`, or nil when none stands out: dark border-connected pixels under
    /// `minBackground` of the picture, or its largest bright piece under `minSheet` of it.
    init?(in image: GrayImage, minBackground: Double = 0.05, minSheet: Double = 0.08) {
        let (w, h) = (image.width, image.height)
        guard w >= 16, h >= 16 else { return nil }
        // At least 2 × 2 pixels a cell: a desk is large, and small scans pay a quarter.
        let step = Swift.max(2, (Swift.max(w, h) + Self.workSide - 1) / Self.workSide)
        let sw = (w + step - 1) / step, sh = (h + step - 1) / step
        // The small copy: means of step × step blocks, summed a row at a time.
        var sums = [Int](repeating: 0, count: sw * sh)
        let cellOfColumn = (0..<w).map { $0 / step }
        image.pixels.withUnsafeBufferPointer { p in
            sums.withUnsafeMutableBufferPointer { sums in
                for y in 0..<h {
                    let row = (y / step) * sw, base = y * w
                    for x in 0..<w { sums[row + cellOfColumn[x]] += Int(p[base + x]) }
                }
            }
        }
        // Cells on the right and bottom edges may hold fewer pixels.
        let small = (0..<(sw * sh)).map { i -> UInt8 in
            let (cx, cy) = (i % sw, i / sw)
            let n = (Swift.min((cx + 1) * step, w) - cx * step) * (Swift.min((cy + 1) * step, h) - cy * step)
            return UInt8(sums[i] / Swift.max(n, 1))
        }
        guard let otsu = OtsuThreshold(GrayHistogram(small)) else { return nil }
        let dark = small.map { Int($0) <= otsu.threshold }


        // A desk shows all round the sheet, a scanner's margin along a side: either way a good
        // part of the picture's border is dark (most pictures' is not, and end here).
        var darkBorder = 0
        for x in 0..<sw where dark[x] || dark[(sh - 1) * sw + x] { darkBorder += 1 }
        for y in 0..<sh where dark[y * sw] || dark[y * sw + sw - 1] { darkBorder += 1 }
        guard 10 * darkBorder >= sw + sh else { return nil }
        // The sheet is one bright piece; light strokes on a dark board are many small ones.
        guard Double(Self.largestRegion(of: dark.map { !$0 }, width: sw)) >= minSheet * Double(sw * sh) else { return nil }
        // Flood the dark pixels that reach the border (4-connected).
        var outside = [Bool](repeating: false, count: sw * sh)
        var stack: [Int] = []
        func seed(_ i: Int) { if dark[i] && !outside[i] { outside[i] = true; stack.append(i) } }
        for x in 0..<sw { seed(x); seed((sh - 1) * sw + x) }
        for y in 0..<sh { seed(y * sw); seed(y * sw + sw - 1) }
        while let i = stack.popLast() {
            let (x, y) = (i % sw, i / sw)
            if x > 0 { seed(i - 1) }
            if x + 1 < sw { seed(i + 1) }
            if y > 0 { seed(i - sw) }
            if y + 1 < sh { seed(i + sw) }
        }
        let outsideCount = outside.lazy.filter { $0 }.count
        guard Double(outsideCount) >= minBackground * Double(sw * sh) else { return nil }

        // Grow by one small pixel: the sheet's rim is a blend of sheet and desk.
        var grown = outside
        for i in outside.indices where outside[i] {
            let (x, y) = (i % sw, i / sw)
            for (dx, dy) in [(1, 0), (-1, 0), (0, 1), (0, -1)] {
                let (nx, ny) = (x + dx, y + dy)
                if nx >= 0, ny >= 0, nx < sw, ny < sh { grown[ny * sw + nx] = true }
            }
        }
        // The sheet's gray: the most common level of its (bright, inside) pixels.
        var histogram = GrayHistogram()
        for i in small.indices where !grown[i] && !dark[i] { histogram.counts[Int(small[i])] += 1 }
        guard histogram.total > 0 else { return nil }
        let paper = UInt8(histogram.mode())
        var pixels = image.pixels
        for y in 0..<h {
            let row = (y / step) * sw
            for x in 0..<w where grown[row + x / step] { pixels[y * w + x] = paper }
        }
        var top = sh, bottom = -1
        for i in small.indices where !grown[i] && !dark[i] {
            top = Swift.min(top, i / sw); bottom = Swift.max(bottom, i / sw)
        }
        sheetHeight = Swift.max(bottom - top + 1, 1) * step
        self.image = GrayImage(width: w, height: h, pixels: pixels)
        background = grown
        self.step = step
        columns = sw
    }

    /// Cells in the largest 4-connected region of `cells` (`width` per row).
    static func largestRegion(of cells: [Bool], width: Int) -> Int {
        var seen = [Bool](repeating: false, count: cells.count)
        var largest = 0
        var stack: [Int] = []
        for start in cells.indices where cells[start] && !seen[start] {
            seen[start] = true
            stack.append(start)
            var size = 0
            while let i = stack.popLast() {
                size += 1
                let x = i % width
                for j in [x > 0 ? i - 1 : -1, x + 1 < width ? i + 1 : -1, i - width, i + width]
                where j >= 0 && j < cells.count && cells[j] && !seen[j] {
                    seen[j] = true
                    stack.append(j)
                }
            }
            largest = Swift.max(largest, size)
        }
        return largest
    }
}
