/// Removes ruled lines, grid lines and form-box borders from an ink mask, keeping the digit
/// strokes that cross them.
///
/// A line is a thin band of long straight runs: horizontal runs at least `minHorizontal` long
/// (or vertical ones at least `minVertical`), stacked no more than `maxThickness` deep. Digit
/// strokes are short next to a line across the page or a row of boxes (a digit's longest
/// straight run is about its own height, rarely more), and a stroke lying along a line makes
/// the band thicker there, so it stays. Where a stroke crosses the band, ink continues on
/// both sides of it (ink that is not itself part of a line); those pixels stay, which repairs
/// the crossing. A box around one digit is no longer than the digit, so its sides are found
/// as a frame instead: thin straight walls at least `minFrameSide` long and a top and bottom at
/// least `minFrameWidth`, each of whose two ends meets a run of the other direction (the
/// corners). A digit has no such corners.
/// Linear in the pixels.
struct LineRemover: Sendable {
    var minHorizontal: Int
    var minVertical: Int
    var maxThickness: Int
    /// Thickest side of a box frame (printed frames are thin; a digit's strokes less so).
    var maxFrameThickness: Int
    /// Horizontal lines drawn with the pen (underlines): runs at least `minimum` long may be
    /// up to `maxThickness` thick. nil: none.
    var penLines: (minimum: Int, maxThickness: Int)?
    /// Shortest wall (vertical side) of a box frame; nil: no frames (no digit height known yet).
    var minFrameSide: Int?
    /// Shortest top and bottom of a box frame: a box fitted to a narrow digit (a 1) is far
    /// narrower than it is tall. nil: as `minFrameSide`.
    var minFrameWidth: Int? = nil
    /// Runs at least this long that also reach within 5 % of both image edges (printed rules
    /// cross the whole sheet; a digit never does) are lines whatever the digit height;
    /// nil: none. Horizontal, vertical.
    var edgeToEdge: (horizontal: Int, vertical: Int)?

    private static let horizontal: UInt8 = 1, vertical: UInt8 = 2

    /// Clears the line pixels of `mask`; returns how many were cleared.
    ///
    /// Lines are found in `faint`, a mask taken at a lighter threshold that holds `mask`: a
    /// printed line is often lighter than the ink and only partly dark enough for `mask`,
    /// yet its pieces must go with it.
    ///
    /// `longest` is `LineRemover.longestRuns(faint)` when the caller has it already.
    @discardableResult
    func apply(to mask: inout InkMask, faint: InkMask, longest: (horizontal: Int, vertical: Int)? = nil) -> Int {
        let w = mask.width, h = mask.height
        guard w > 0, h > 0, faint.width == w, faint.height == h else { return 0 }
        // Most pages have no run long enough to be any kind of line or frame side: one cheap
        // pass finds the longest runs and spares the full-page passes below (they were most of
        // the segmentation time on plain A4 pages).
        let (longestH, longestV) = longest ?? Self.longestRuns(faint)
        let lineH = min(minHorizontal, edgeToEdge?.horizontal ?? .max, penLines?.minimum ?? .max)
        let lineV = min(minVertical, edgeToEdge?.vertical ?? .max)
        // Frames' walls and tops, when runs long enough for both exist.
        let frames = minFrameSide.map { (wall: $0, top: minFrameWidth ?? $0) }.flatMap {
            longestV >= $0.wall && longestH >= $0.top ? $0 : nil
        }
        guard longestH >= lineH || longestV >= lineV || frames != nil else { return 0 }
        // Per pixel: bit 1 horizontal line, bit 2 vertical line.
        var line = RunMarks(width: w, height: h)
        // One pass per direction marks the runs each kind of line needs, one bit per kind.
        let longH = longRuns(faint, horizontal: true, tests: [
            (minHorizontal, false), edgeToEdge.map { ($0.horizontal, true) }, penLines.map { ($0.minimum, false) },
            frames.map { ($0.wall, false) }, frames.map { ($0.top, false) },
        ])
        let longV = longRuns(faint, horizontal: false, tests: [
            (minVertical, false), edgeToEdge.map { ($0.vertical, true) }, nil, frames.map { ($0.wall, false) },
        ])
        thinBands(longH, Self.lineRun | Self.edgeRun, faint: faint, horizontal: true, maxThickness: maxThickness) {
            line.set($0, Self.horizontal)
        }
        if let pen = penLines {
            thinBands(longH, Self.penRun, faint: faint, horizontal: true, maxThickness: pen.maxThickness) {
                line.set($0, Self.horizontal)
            }
        }
        thinBands(longV, Self.lineRun | Self.edgeRun, faint: faint, horizontal: false, maxThickness: maxThickness) {
            line.set($0, Self.vertical)
        }
        if frames != nil { addFrames(faint, longH: longH, longV: longV, into: &line) }

        // Crossing strokes: ink that is no line continues on both sides of the band, straight
        // across or one pixel diagonally (not both on the same side: that is a stroke's
        // edge beside the pixel, which must not leave a nub on the line).
        let bits = mask.bits
        func stroke(_ x: Int, _ y: Int) -> Bool {
            x >= 0 && x < w && y >= 0 && y < h && bits[y * w + x] != 0 && line.bits[y * w + x] == 0
        }
        var cleared = 0
        // Each scan below is skipped when no line of its direction was found.
        let found = line.rows.reduce(UInt8(0)) { $0 | $1 }
        if found & Self.horizontal != 0 {
            Self.columnRuns(width: w, height: h, rows: { line.rows[$0] & Self.horizontal != 0 },
                            { line.bits[$0] & Self.horizontal != 0 }) { x, top, y in
                let crossing = (stroke(x, top - 1) && stroke(x, y)) || (stroke(x - 1, top - 1) && stroke(x + 1, y))
                    || (stroke(x + 1, top - 1) && stroke(x - 1, y))
                if !crossing {
                    for yy in top..<y where mask.bits[yy * w + x] != 0 { mask.bits[yy * w + x] = 0; cleared += 1 }
                }
            }
        }
        for y in 0..<h where line.rows[y] & Self.vertical != 0 {
            var x = 0
            while x < w {
                guard line.bits[y * w + x] & Self.vertical != 0 else { x += 1; continue }
                let left = x
                while x < w && line.bits[y * w + x] & Self.vertical != 0 { x += 1 }
                let crossing = (stroke(left - 1, y) && stroke(x, y)) || (stroke(left - 1, y - 1) && stroke(x, y + 1))
                    || (stroke(left - 1, y + 1) && stroke(x, y - 1))
                if !crossing {
                    for xx in left..<x where mask.bits[y * w + xx] != 0 { mask.bits[y * w + xx] = 0; cleared += 1 }
                }
            }
        }
        return cleared
    }

    /// The longest run of ink along any row and along any column, in one row-major pass.
    static func longestRuns(_ mask: InkMask) -> (horizontal: Int, vertical: Int) {
        let w = mask.width
        var column = [Int](repeating: 0, count: w)
        var bestH = 0, bestV = 0
        column.withUnsafeMutableBufferPointer { column in
            mask.forEachRow { _, row in
                guard let p = row.baseAddress else { return }
                let raw = UnsafeRawPointer(p)
                var run = 0, x = 0
                while x < w {
                    // Eight bytes of paper at once: they end every run and open none.
                    if x + 8 <= w && raw.loadUnaligned(fromByteOffset: x, as: UInt64.self) == 0 {
                        run = 0
                        for k in x..<(x + 8) { column[k] = 0 }
                        x += 8
                        continue
                    }
                    if p[x] != 0 {
                        run += 1
                        column[x] += 1
                        bestH = Swift.max(bestH, run)
                        bestV = Swift.max(bestV, column[x])
                    } else {
                        run = 0
                        column[x] = 0
                    }
                    x += 1
                }
            }
        }
        return (bestH, bestV)
    }

    /// Bits of `longRuns`' answer: which test a pixel's run passed (the line, edge-to-edge,
    /// pen-line and frame-side lengths, in the order `apply` passes them).
    private static let lineRun: UInt8 = 1, edgeRun: UInt8 = 2, penRun: UInt8 = 4, frameRun: UInt8 = 8
    /// Horizontal runs long enough for the top or bottom of a narrow frame.
    private static let frameTopRun: UInt8 = 16

    /// A frame's walls are at least this many × its thickness tolerance long (MNIST test drawn
    /// at 20 px on white, `make clean-digits`: without it 49 more digits are misread once the
    /// tops of narrow frames may be short, and 4 before that; no file of the hard suites changes).
    private static let frameTolerances = 8

    /// Bits per pixel (which tests its run passed, which kind of line it is) and per row the
    /// bits any of its pixels holds: most rows of a page hold none, and the passes over the
    /// bits skip them.
    private struct RunMarks {
        var bits: [UInt8]
        var rows: [UInt8]
        let width: Int

        init(bits: [UInt8], rows: [UInt8], width: Int) { self.bits = bits; self.rows = rows; self.width = width }

        init(width: Int, height: Int) {
            self.init(bits: [UInt8](repeating: 0, count: width * height), rows: [UInt8](repeating: 0, count: height), width: width)
        }

        /// Adds `kinds` to pixel `i` (and so to its row).
        @inline(__always)
        mutating func set(_ i: Int, _ kinds: UInt8) {
            bits[i] |= kinds
            rows[i / width] |= kinds
        }
    }

    /// Per pixel, bit `1 << i` set when its run of ink along the rows (or columns) passes
    /// `tests[i]`: at least `minimum` long and, with `edgeToEdge`, starting and ending within
    /// 5 % of the two edges. A nil test is never passed.
    private func longRuns(_ mask: InkMask, horizontal: Bool,
                          tests: [(minimum: Int, edgeToEdge: Bool)?]) -> RunMarks {
        let w = mask.width, h = mask.height
        var out = [UInt8](repeating: 0, count: w * h)
        var rows = [UInt8](repeating: 0, count: h)
        let length = horizontal ? w : h
        let shortest = tests.compactMap { $0?.minimum }.min() ?? .max
        // Which tests a run [start, end) along a line of `length` pixels passes.
        func passed(_ start: Int, _ end: Int) -> UInt8 {
            guard end - start >= shortest else { return 0 }
            let nearEdges = 20 * start <= length && 20 * (length - end) <= length
            var bits: UInt8 = 0
            for (i, test) in tests.enumerated() {
                if let test, end - start >= test.minimum, !test.edgeToEdge || nearEdges { bits |= 1 << i }
            }
            return bits
        }
        out.withUnsafeMutableBufferPointer { out in
            if horizontal {
                mask.forEachRow { y, row in
                    mask.forEachRun(in: row) { start, end in
                        let kinds = passed(start, end)
                        if kinds != 0 {
                            for k in start..<end { out[y * w + k] = kinds }
                            rows[y] |= kinds
                        }
                    }
                }
            } else {
                // Row by row with a run start per column: reading columns one by one
                // strides the whole image and was the slowest pass on A4 pages.
                // Eight columns of paper with no run open in them are skipped at once (most
                // of a page is paper).
                mask.bits.withUnsafeBufferPointer { bits in
                    guard let base = bits.baseAddress else { return }
                    let raw = UnsafeRawPointer(base)
                    var top = [Int](repeating: -1, count: w)
                    var open = [Int](repeating: 0, count: (w + 7) / 8)
                    for y in 0...h {
                        var x = 0
                        while x < w {
                            let chunk = x >> 3, end = Swift.min(x + 8, w)
                            if y < h && end - x == 8 && open[chunk] == 0
                                && raw.loadUnaligned(fromByteOffset: y * w + x, as: UInt64.self) == 0 {
                                x = end
                                continue
                            }
                            while x < end {
                                if y < h && bits[y * w + x] != 0 {
                                    if top[x] < 0 { top[x] = y; open[chunk] += 1 }
                                } else if top[x] >= 0 {
                                    let kinds = passed(top[x], y)
                                    if kinds != 0 {
                                        for k in top[x]..<y {
                                            out[k * w + x] = kinds
                                            rows[k] |= kinds
                                        }
                                    }
                                    top[x] = -1
                                    open[chunk] -= 1
                                }
                                x += 1
                            }
                        }
                    }
                }
            }
        }
        return RunMarks(bits: out, rows: rows, width: w)
    }

    /// Calls `mark` for each pixel of `long` with one of the bits `kinds` in a band at most `maxThickness` deep across the
    /// runs' direction (columns of a horizontal band, rows of a vertical one) with, when
    /// `clearSide` is set, paper of `faint` on at least one side: a band with ink on both
    /// sides is the inside of a blob or a stroke crossing, not a line. (A frame's sides meet
    /// at corners and T-junctions, where that does not hold; frames check their outside.)
    private func thinBands(_ marks: RunMarks, _ kinds: UInt8, faint: InkMask, horizontal: Bool, clearSide: Bool = true,
                           maxThickness: Int, mark: (Int) -> Void) {
        guard marks.rows.contains(where: { $0 & kinds != 0 }) else { return }
        let long = marks.bits
        let w = faint.width, h = faint.height
        if horizontal {
            Self.columnRuns(width: w, height: h, rows: { marks.rows[$0] & kinds != 0 }, { long[$0] & kinds != 0 }) { x, start, end in
                guard end - start <= maxThickness else { return }
                let before = start > 0 && faint.bits[(start - 1) * w + x] != 0
                let after = end < h && faint.bits[end * w + x] != 0
                if !(clearSide && before && after) { for k in start..<end { mark(k * w + x) } }
            }
            return
        }
        // Vertical bands lie along rows.
        for y in 0..<h where marks.rows[y] & kinds != 0 {
            let base = y * w
            var x = 0
            while x < w {
                guard long[base + x] & kinds != 0 else { x += 1; continue }
                let start = x
                while x < w && long[base + x] & kinds != 0 { x += 1 }
                guard x - start <= maxThickness else { continue }
                let before = start > 0 && faint.bits[base + start - 1] != 0
                let after = x < w && faint.bits[base + x] != 0
                if !(clearSide && before && after) { for k in start..<x { mark(base + k) } }
            }
        }
    }

    /// Adds to `line` the sides of box frames: closed rectangles of thin straight runs (walls at
    /// least `minFrameSide` long that start and end with a top and a bottom at least
    /// `minFrameWidth` long), and the inner walls of a comb, which run from a frame's top to
    /// its bottom.
    ///
    /// Only a full rectangle with paper above its top (or, found from the bottom, below its
    /// bottom) counts: the rounded side of a 0 meets its top somewhere, but its walls do not
    /// start on the top row, end together, and rest on a straight bottom.
    private func addFrames(_ faint: InkMask, longH: RunMarks, longV: RunMarks, into line: inout RunMarks) {
        let w = faint.width, h = faint.height
        var side = [UInt8](repeating: 0, count: w * h)
        // Which rows hold a horizontal side: most hold none, and the scan below skips them (on A4 pages this function fell from 14 to 10 % of the time).
        var sideRows = [Bool](repeating: false, count: h)
        thinBands(longH, Self.frameRun, faint: faint, horizontal: true, clearSide: false, maxThickness: maxFrameThickness) {
            side[$0] |= Self.horizontal
            sideRows[$0 / w] = true
        }
        // The shorter runs a narrow frame needs make their own bands: counted with the long
        // ones, a digit's bar lying against a frame's top (a 5, a 7) would thicken the top's
        // band there and break it.
        thinBands(longH, Self.frameTopRun, faint: faint, horizontal: true, clearSide: false, maxThickness: maxFrameThickness) {
            side[$0] |= Self.horizontal
            sideRows[$0 / w] = true
        }
        var wallRows = [Bool](repeating: false, count: h)
        thinBands(longV, Self.frameRun, faint: faint, horizontal: false, clearSide: false, maxThickness: maxFrameThickness) {
            side[$0] |= Self.vertical
            wallRows[$0 / w] = true
        }
        let t = maxFrameThickness
        let frame: UInt8 = 4
        var framed = false
        func verticalRun(_ x: Int, _ y: Int) -> Range<Int> {
            var a = y, b = y
            while a > 0 && side[(a - 1) * w + x] & Self.vertical != 0 { a -= 1 }
            while b < h && side[b * w + x] & Self.vertical != 0 { b += 1 }
            return a..<b
        }
        /// A wall at one of the columns `columns` that starts (or, `fromTop` false, ends)
        /// within t rows of `y`.
        func wall(_ columns: Range<Int>, _ y: Int, fromTop: Bool) -> (x: Int, rows: Range<Int>)? {
            for x in columns where side[y * w + x] & Self.vertical != 0 {
                let rows = verticalRun(x, y)
                if abs((fromTop ? rows.lowerBound : rows.upperBound - 1) - y) <= t { return (x, rows) }
            }
            return nil
        }
        /// Finds frames from their tops (or, `fromTop` false, from their bottoms: a digit lying
        /// along a frame's top, a 7's bar, can thicken the top's band and cut it short, while
        /// the bottom is whole) and marks their sides in `line`.
        func findFrames(fromTop: Bool) {
            for y in 0..<h where sideRows[y] {
                var x = 0
                while x < w {
                    guard side[y * w + x] & Self.horizontal != 0 else { x += 1; continue }
                    let start = x
                    while x < w && side[y * w + x] & Self.horizontal != 0 { x += 1 }
                    // Outside a frame is paper: one of the two rows beyond this side is mostly
                    // clear (the nearer may hold the line's blurred edge; inside a thick blob
                    // neither is).
                    let outward = fromTop ? -1 : 1
                    let clearOutside = (start..<x).filter { c in
                        (1...2).contains { k in
                            let yy = y + outward * k
                            return yy < 0 || yy >= h || faint.bits[yy * w + c] == 0
                        }
                    }.count
                    guard 5 * clearOutside >= 4 * (x - start),
                          let left = wall(start..<Swift.min(start + t + 1, x), y, fromTop: fromTop),
                          let right = wall(Swift.max(x - t - 1, start)..<x, y, fromTop: fromTop) else { continue }
                    // The walls end (or start) together at the other side.
                    let (leftFar, rightFar) = fromTop ? (left.rows.upperBound - 1, right.rows.upperBound - 1)
                        : (left.rows.lowerBound, right.rows.lowerBound)
                    guard abs(leftFar - rightFar) <= t else { continue }
                    // Corners and straight sides mean something only where the tolerance `t` is
                    // small beside the frame: in a digit 20 px tall, a 2's bar, a 9's stem and
                    // its loop make a "box" within 4 px.
                    if Swift.min(left.rows.count, right.rows.count) < Self.frameTolerances * t { continue }
                    // Two walls, not one found from both ends of a short run of side pixels (a
                    // stroke of a digit standing on a line; a frame's sides go whole, and such a
                    // "frame" took a piece of a 7 with it).
                    guard right.x - left.x > t else { continue }
                    // The other side: a horizontal side in the walls' far rows, across the
                    // middle half (a digit that fills its box may stand on the side's very
                    // middle, where the band is then too thick to be a side).
                    let farRows: ClosedRange<Int>
                    if fromTop {
                        let far = Swift.min(leftFar, rightFar)
                        farRows = Swift.max(far - t, y + 1)...Swift.max(far, y + 1)
                    } else {
                        let far = Swift.max(leftFar, rightFar)
                        farRows = Swift.min(far, y - 1)...Swift.min(far + t, y - 1)
                    }
                    let probes = (2...6).map { start + (x - start) * $0 / 8 }
                    guard farRows.contains(where: { yy in
                        yy >= 0 && yy < h && probes.contains { side[yy * w + $0] & Self.horizontal != 0 }
                    }) else { continue }
                    framed = true
                    // The whole thickness of each side goes, not only the row or column that
                    // passed: a side's other rows (its blurred edge, a row cut short at a
                    // rounded corner) would keep the frame joined to the digit that touches it.
                    for k in start..<x {
                        var a = y, b = y + 1
                        while a > Swift.max(y - t, 0) && side[(a - 1) * w + k] & Self.horizontal != 0 { a -= 1 }
                        while b < Swift.min(y + t + 1, h) && side[b * w + k] & Self.horizontal != 0 { b += 1 }
                        for yy in a..<b { line.set(yy * w + k, Self.horizontal | frame) }
                    }
                    for wallRun in [left, right] {
                        for k in wallRun.rows {
                            var a = wallRun.x, b = wallRun.x + 1
                            while a > Swift.max(wallRun.x - t, 0) && side[k * w + a - 1] & Self.vertical != 0 { a -= 1 }
                            while b < Swift.min(wallRun.x + t + 1, w) && side[k * w + b] & Self.vertical != 0 { b += 1 }
                            for xx in a..<b { line.set(k * w + xx, Self.vertical) }
                        }
                    }
                    for yy in farRows where yy >= 0 && yy < h {
                        for probe in probes where side[yy * w + probe] & Self.horizontal != 0 {
                            var a = probe, b = probe
                            while a > 0 && side[yy * w + a - 1] & Self.horizontal != 0 { a -= 1 }
                            while b < w && side[yy * w + b] & Self.horizontal != 0 { b += 1 }
                            for k in a..<b { line.set(yy * w + k, Self.horizontal | frame) }
                        }
                    }
                }
            }
        }
        findFrames(fromTop: true)
        findFrames(fromTop: false)
        // Most pages have no frame: then there are no comb walls to find and no marks to clear.
        guard framed else { return }
        // Inner walls of a comb, and the other columns of thick walls: vertical sides from a
        // frame's top to its bottom.
        Self.columnRuns(width: w, height: h, rows: { wallRows[$0] }, { side[$0] & Self.vertical != 0 }) { x, start, y in
            let top = (start..<Swift.min(start + t + 1, y)).contains { line.bits[$0 * w + x] & frame != 0 }
            let bottom = (Swift.max(y - t - 1, start)..<y).contains { line.bits[$0 * w + x] & frame != 0 }
            if top && bottom {
                for k in start..<y { line.set(k * w + x, Self.vertical) }
            }
        }
        for y in 0..<h where line.rows[y] & frame != 0 {
            for i in (y * w)..<(y * w + w) { line.bits[i] &= ~frame }
            line.rows[y] &= ~frame
        }
    }

    /// Calls `body(x, start, end)` for each run of rows `start..<end` down column `x` whose
    /// pixels (indices `y * width + x`) pass `isSet`, walking the picture row by row: a walk
    /// down each column in turn strides the whole picture per column, and those walks were
    /// most of the remover's time on A4 pages. Rows for which `rows` is false hold no set
    /// pixel and are not read (they only end the runs above them). Runs come in the order
    /// they end.
    @inline(__always)
    private static func columnRuns(width w: Int, height h: Int, rows: (Int) -> Bool, _ isSet: (Int) -> Bool,
                                   _ body: (_ x: Int, _ start: Int, _ end: Int) -> Void) {
        var top = [Int](repeating: -1, count: w)
        var open = 0
        for y in 0..<h {
            guard rows(y) else {
                if open > 0 {
                    for x in 0..<w where top[x] >= 0 {
                        body(x, top[x], y)
                        top[x] = -1
                    }
                    open = 0
                }
                continue
            }
            let row = y * w
            for x in 0..<w {
                if isSet(row + x) {
                    if top[x] < 0 { top[x] = y; open += 1 }
                } else if top[x] >= 0 {
                    body(x, top[x], y)
                    top[x] = -1
                    open -= 1
                }
            }
        }
        for x in 0..<w where top[x] >= 0 { body(x, top[x], h) }
    }
}
