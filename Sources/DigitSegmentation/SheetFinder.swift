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
    /// The bounding box of the sheet's bright cells clear of the background, source pixels.
    private var sheetBox: PixelBox

    /// Long side of the small copy the background is found on.
    static let workSide = 256

    /// The least share of the picture's bright cells the sheet holds, unless it covers at
    /// least `largeSheet` of the picture.
    static let minShare = 0.8
    static let largeSheet = 0.25

    /// The least share of its bounding box the sheet's bright cells fill.
    static let minFill = 0.6

    /// The desk is the dark cells at most this many gray levels lighter than the dark cells on
    /// the picture's border (all but the lightest 2 % of them).
    static let deskMargin = 16

    /// Whether `box` (source pixels) is the sheet, its edge or the desk read as ink: at least
    /// four fifths as tall as the sheet, lying across its edge (a fifth of it on the background
    /// and a fifth on the sheet), or on the background and touching the picture's border (a
    /// scanner's black margin read as a 1). Digits wholly in a shadow that was taken for desk
    /// are none of these.
    func isSheetOrEdge(_ box: PixelBox) -> Bool {
        // The sheet read as ink and cut into "digits" gives pieces as tall as the sheet, and
        // its sides read as thin 1s.
        if isSheetSide(box) { return true }
        let cells = backgroundCells(box)
        return 5 * cells.inside >= cells.total && (5 * (cells.total - cells.inside) >= cells.total || isDesk(box, cells))
    }

    /// Whether `box` is at least four fifths as tall as the sheet: no digit written on it is,
    /// but its sides read as 1s are (a thin bar may lie within one cell of the small copy, so
    /// whether it lies across the edge cannot be told there).
    func isSheetTall(_ box: PixelBox) -> Bool { 5 * box.height >= 4 * sheetBox.height }

    /// Whether `box` is the sheet's side read as ink: as tall as the sheet (`isSheetTall`), or
    /// a stretch of its left or right side, a thin bar (at most a sixth as wide as tall) at
    /// least two fifths as tall as the sheet beside the sheet's left or right bound. A sheet
    /// photographed slightly turned, its sides a dark rim on a streaked desk, shows them as thin
    /// 1s broken at places, none as tall as the sheet; a handwritten 1 is wider for its height,
    /// or stands away from the sheet's side.
    func isSheetSide(_ box: PixelBox) -> Bool { isSheetTall(box) || isSideBar(box) }

    /// Whether `box` is a thin bar (at most a sixth as wide as tall) at least two fifths as
    /// tall as the sheet, beside its left or right bound (`isSheetSide`).
    func isSideBar(_ box: PixelBox) -> Bool {
        guard 6 * box.width <= box.height, 5 * box.height >= 2 * sheetBox.height else { return false }
        let reach = 2 * step + box.width
        return abs(box.x - sheetBox.x) <= reach || abs(box.maxX - sheetBox.maxX) <= reach
    }

    /// Whether `box` (source pixels) spans at least four fifths of the sheet's width and of its
    /// height: the "sheet" is then what the box holds (a light digit on a dark ground looks
    /// like a bright sheet on a desk), not paper the box lies on.
    func spansSheet(_ box: PixelBox) -> Bool {
        let across = Swift.min(box.maxX, sheetBox.maxX) - Swift.max(box.x, sheetBox.x)
        let down = Swift.min(box.maxY, sheetBox.maxY) - Swift.max(box.y, sheetBox.y)
        return 5 * across >= 4 * sheetBox.width && 5 * down >= 4 * sheetBox.height
    }

    /// Whether `box` is desk for sure: on the background and touching the picture's border (a
    /// scanner's black margin read as a 1), or a side of the sheet (as tall as the sheet and
    /// across its edge). Never a digit in a shadow, which neither reaches the border nor spans
    /// the whole sheet.
    func isDeskAtBorder(_ box: PixelBox) -> Bool { isDesk(box, backgroundCells(box)) }

    private func isDesk(_ box: PixelBox, _ cells: (inside: Int, total: Int)) -> Bool {
        let (inside, total) = cells
        if isSheetTall(box) && 5 * inside >= total && 5 * (total - inside) >= total { return true }
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
    /// `minBackground` of the picture (a scanner's black margin along one side can be 3 % of
    /// it), or its largest bright piece under `minSheet` of it.
    init?(in image: GrayImage, minBackground: Double = 0.02, minSheet: Double = 0.08) {
        let (w, h) = (image.width, image.height)
        guard w >= 16, h >= 16 else { return nil }
        // At least 2 × 2 pixels a cell: a desk is large, and small scans pay a quarter.
        let step = Swift.max(2, (Swift.max(w, h) + Self.workSide - 1) / Self.workSide)
        let sw = (w + step - 1) / step, sh = (h + step - 1) / step
        // The small copy: means of step × step blocks, summed a row at a time, each cell's
        // stretch of the row in one loop (adding pixel by pixel into the cells was 7 % of an
        // A4 page's time).
        var sums = [Int](repeating: 0, count: sw * sh)
        image.pixels.withUnsafeBufferPointer { p in
            sums.withUnsafeMutableBufferPointer { sums in
                for y in 0..<h {
                    let row = (y / step) * sw, base = y * w
                    var x = 0, cell = row
                    while x < w {
                        let end = Swift.min(x + step, w)
                        var sum = 0
                        for k in (base + x)..<(base + end) { sum &+= Int(p[k]) }
                        sums[cell] &+= sum
                        x = end
                        cell += 1
                    }
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
        // Ruled lines and strokes (a cell or two wide here) do not cut the sheet into pieces.
        let bright = Self.interior(dark, width: sw).map { !$0 }
        var seen = [Bool](repeating: false, count: sw * sh)
        var largest = (cells: 0, box: PixelBox(x: 0, y: 0, width: 1, height: 1), seed: 0), allBright = 0
        for i in bright.indices where bright[i] && !seen[i] {
            let piece = Self.floodBox(bright, width: sw, from: i, into: &seen)
            allBright += piece.cells
            if piece.cells > largest.cells { largest = piece }
        }
        guard Double(largest.cells) >= minSheet * Double(sw * sh) else { return nil }
        // ... and it is most of what is bright (photographed sheets: 0.9 and more of it), unless
        // it is large itself (two sheets on a desk, a sheet beside a white mug): light digits
        // side by side on a dark ground are as many small bright pieces (0.7 of the bright at
        // most, none a quarter of the picture).
        guard Double(largest.cells) >= Self.minShare * Double(allBright)
                || Double(largest.cells) >= Self.largeSheet * Double(sw * sh) else { return nil }
        // A sheet is solid: photographed level it fills 0.69 and more of its bounding box (hard
        // suite's desk and margin categories). A light digit on a dark ground, one bright piece
        // too, is strokes with the ground between them (MNIST test digits saved as pictures:
        // 0.33 ... 0.84, the full ones thin 1s). A sheet turned 20° or more fills less of the
        // picture's axes' box (an A4 sheet at 20°: 0.6), so a large piece also passes when it
        // fills a box turned with it, one no more than three times longer than wide (a bold
        // stroke's box is): turned sheets of a third of the picture read as they did before
        // the fill rule, MNIST test as stored 3 more images of 10,000 wrong.
        let filled = Double(largest.cells) >= Self.minFill * Double(largest.box.width * largest.box.height)
        guard filled || (Double(largest.cells) >= Self.largeSheet * Double(sw * sh)
                         && Double(largest.cells) >= Self.minFill * Self.tightestBoxArea(bright, width: sw, from: largest.seed))
        else { return nil }
        // The dark cells that reach the border and are no lighter than the desk there: ink
        // touching a scanner's black margin is dark too, but lighter than the margin, and stays
        // on the sheet (ink in a shadow that reaches the border is darker than the shadow and
        // goes with it, as before).
        var outside = [Bool](repeating: false, count: sw * sh)
        let border = Array(0..<sw) + ((sh - 1) * sw..<sh * sw) + stride(from: 0, to: sw * sh, by: sw) + stride(from: sw - 1, to: sw * sh, by: sw)
        let deskLevels = border.filter { dark[$0] }.map { Int(small[$0]) }.sorted()
        let deskTop = deskLevels[deskLevels.count - 1 - deskLevels.count / 50] + Self.deskMargin
        let desk = small.indices.map { dark[$0] && Int(small[$0]) <= deskTop }
        // Flooded through cells whose four neighbours are desk too: a ruled line or a stroke
        // (a cell or two wide here) that runs from the desk into the sheet does not carry the
        // flood to the digits on it; one more step takes back the desk's own edge.
        let core = Self.interior(desk, width: sw)
        _ = Self.flood(core, width: sw, from: border, into: &outside)
        for i in outside.indices where !outside[i] && desk[i] {
            let (x, y) = (i % sw, i / sw)
            outside[i] = (x > 0 && outside[i - 1] && core[i - 1]) || (x + 1 < sw && outside[i + 1] && core[i + 1])
                || (y > 0 && outside[i - sw] && core[i - sw]) || (y + 1 < sh && outside[i + sw] && core[i + sw])
        }
        var outsideCount = outside.reduce(0) { $0 + ($1 ? 1 : 0) }
        // The desk's rim, blurred into the sheet, gets lighter step by step away from it; ink
        // gets darker again past the gap between them.
        outsideCount += Self.climb(dark, levels: small, width: sw, into: &outside)
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
        // The sheet's gray (the most common level of its bright cells) and its height.
        var histogram = GrayHistogram()
        var top = sh, bottom = -1, left = sw, right = -1
        for i in small.indices where !grown[i] && !dark[i] {
            histogram.counts[Int(small[i])] += 1
            top = Swift.min(top, i / sw); bottom = Swift.max(bottom, i / sw)
            left = Swift.min(left, i % sw); right = Swift.max(right, i % sw)
        }
        guard histogram.total > 0 else { return nil }
        let paper = UInt8(histogram.mode())
        var pixels = image.pixels
        let cellOfColumn = (0..<w).map { $0 / step }
        for y in 0..<h {
            let row = (y / step) * sw
            for x in 0..<w where grown[row + cellOfColumn[x]] { pixels[y * w + x] = paper }
        }
        sheetBox = PixelBox(x: left * step, y: top * step, width: (right - left + 1) * step, height: (bottom - top + 1) * step)
        self.image = GrayImage(width: w, height: h, pixels: pixels)
        background = grown
        self.step = step
        columns = sw
    }

    /// The cells of `cells` (`width` per row) whose four neighbours are set too (beyond the
    /// picture counting as set): thin lines of cells drop out.
    static func interior(_ cells: [Bool], width: Int) -> [Bool] {
        let height = cells.count / Swift.max(width, 1)
        return cells.indices.map { i in
            let (x, y) = (i % width, i / width)
            return cells[i] && (x == 0 || cells[i - 1]) && (x + 1 == width || cells[i + 1])
                && (y == 0 || cells[i - width]) && (y + 1 == height || cells[i + width])
        }
    }

    /// Marks the cells of `cells` 4-connected to those marked in `seen` through steps that are
    /// never darker (in `levels`) than where they come from, by more than `slack`; returns how
    /// many it marked.
    static func climb(_ cells: [Bool], levels: [UInt8], width: Int, slack: Int = 2, into seen: inout [Bool]) -> Int {
        var stack = seen.indices.filter { seen[$0] }, marked = 0
        func visit(_ i: Int, from j: Int) {
            guard cells[i] && !seen[i] && Int(levels[i]) + slack >= Int(levels[j]) else { return }
            seen[i] = true
            marked += 1
            stack.append(i)
        }
        while let i = stack.popLast() {
            let x = i % width
            if x > 0 { visit(i - 1, from: i) }
            if x + 1 < width { visit(i + 1, from: i) }
            if i >= width { visit(i - width, from: i) }
            if i + width < cells.count { visit(i + width, from: i) }
        }
        return marked
    }

    /// Marks in `seen` the cells of `cells` (`width` per row) 4-connected to `seeds` that are
    /// not marked yet, and returns how many it marked; `body` sees each cell as it is marked.
    static func flood(_ cells: [Bool], width: Int, from seeds: [Int], into seen: inout [Bool],
                      _ body: (Int) -> Void = { _ in }) -> Int {
        var stack: [Int] = [], marked = 0
        func visit(_ i: Int) {
            guard cells[i] && !seen[i] else { return }
            seen[i] = true
            marked += 1
            stack.append(i)
            body(i)
        }
        for i in seeds { visit(i) }
        while let i = stack.popLast() {
            let x = i % width
            if x > 0 { visit(i - 1) }
            if x + 1 < width { visit(i + 1) }
            if i >= width { visit(i - width) }
            if i + width < cells.count { visit(i + width) }
        }
        return marked
    }

    /// `flood` from one seed, with the bounding box (in cells) of the cells it marked.
    static func floodBox(_ cells: [Bool], width: Int, from seed: Int, into seen: inout [Bool]) -> (cells: Int, box: PixelBox, seed: Int) {
        var (x0, y0, x1, y1) = (Int.max, Int.max, -1, -1)
        let marked = flood(cells, width: width, from: [seed], into: &seen) { i in
            let (x, y) = (i % width, i / width)
            x0 = Swift.min(x0, x); x1 = Swift.max(x1, x); y0 = Swift.min(y0, y); y1 = Swift.max(y1, y)
        }
        guard marked > 0 else { return (0, PixelBox(x: 0, y: 0, width: 1, height: 1), seed) }
        return (marked, PixelBox(x: x0, y: y0, width: x1 - x0 + 1, height: y1 - y0 + 1), seed)
    }

    /// The smallest area of a box around the piece of `cells` that holds `seed`, turned in
    /// steps of 15° (a sheet photographed turned fills its own box, not the picture's axes'),
    /// among boxes at most three times longer than wide; infinity when there is none.
    /// (`PageSkew.sinCos`'s series is still exact to far better than a cell at 75°.)
    static func tightestBoxArea(_ cells: [Bool], width: Int, from seed: Int) -> Double {
        let axes = stride(from: 15.0, to: 90.0, by: 15.0).map { PageSkew.sinCos($0 * Double.pi / 180) }
        // Per angle: the least and greatest coordinate along the turned x and y axes.
        var uLow = [Double](repeating: .infinity, count: axes.count), uHigh = [Double](repeating: -.infinity, count: axes.count)
        var vLow = uLow, vHigh = uHigh
        var seen = [Bool](repeating: false, count: cells.count)
        _ = flood(cells, width: width, from: [seed], into: &seen) { i in
            let x = Double(i % width), y = Double(i / width)
            for k in axes.indices {
                let (c, s) = axes[k]
                let u = x * c + y * s, v = y * c - x * s
                uLow[k] = Swift.min(uLow[k], u); uHigh[k] = Swift.max(uHigh[k], u)
                vLow[k] = Swift.min(vLow[k], v); vHigh[k] = Swift.max(vHigh[k], v)
            }
        }
        var tightest = Double.infinity
        for k in axes.indices {
            let (across, down) = (uHigh[k] - uLow[k] + 1, vHigh[k] - vLow[k] + 1)
            // A box three times longer than wide holds a stroke (a bold 1), not a sheet.
            guard 3 * Swift.min(across, down) >= Swift.max(across, down) else { continue }
            tightest = Swift.min(tightest, across * down)
        }
        return tightest
    }
}
