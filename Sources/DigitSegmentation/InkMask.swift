/// A binary image of the page: 1 where a pixel is ink, 0 where it is paper; row-major.
///
/// Thresholding writes it, line removal edits it, and connected components read it, so each
/// stage can work on ink without knowing how the threshold was chosen.
struct InkMask: Sendable, Equatable {
    let width: Int
    let height: Int
    /// `width * height` bytes, 1 for ink.
    var bits: [UInt8]

    /// An all-paper mask.
    init(width: Int, height: Int) {
        self.width = width; self.height = height
        bits = [UInt8](repeating: 0, count: width * height)
    }

    /// The mask of `pixels` that `isInk` accepts.
    init(pixels: [UInt8], width: Int, height: Int, isInk: (UInt8) -> Bool) {
        let table: [UInt8] = (0..<256).map { isInk(UInt8($0)) ? 1 : 0 }
        self.width = width; self.height = height
        // A plain loop over buffers: `map` appended byte by byte, with a bounds check on each
        // lookup, and took a tenth of the time on A4 pages.
        bits = [UInt8](unsafeUninitializedCapacity: pixels.count) { out, count in
            table.withUnsafeBufferPointer { table in
                pixels.withUnsafeBufferPointer { pixels in
                    for i in pixels.indices { out[i] = table[Int(pixels[i])] }
                }
            }
            count = pixels.count
        }
    }

    @inline(__always)
    subscript(x: Int, y: Int) -> Bool {
        get { bits[y * width + x] != 0 }
        set { bits[y * width + x] = newValue ? 1 : 0 }
    }

    /// Number of ink pixels.
    var inkCount: Int {
        var count = 0
        forEachRow { _, row in forEachRun(in: row) { start, end in count += end - start } }
        return count
    }

    /// The typical stroke width: the median length of the horizontal ink runs, or nil
    /// without ink. Lines crossing the page add only a few long runs, so they barely move it;
    /// runs longer than `longest` (a shadow taken for ink) are not counted at all.
    func medianRunLength(longest: Int = .max) -> Int? {
        var counts = [Int](repeating: 0, count: 65)   // lengths 1...63, 64 = longer
        forEachRow { _, row in
            forEachRun(in: row) { start, end in
                if end - start <= longest { counts[Swift.min(end - start, 64)] += 1 }
            }
        }
        return Self.median(counts)
    }

    /// Calls `body(y, row)` with each row's index and bytes, top to bottom.
    @inline(__always)
    func forEachRow(_ body: (Int, UnsafeBufferPointer<UInt8>) -> Void) {
        bits.withUnsafeBufferPointer { all in
            guard let base = all.baseAddress else { return }
            for y in 0..<height { body(y, UnsafeBufferPointer(start: base + y * width, count: width)) }
        }
    }

    /// Calls `body(start, end)` for each run of ink `start..<end` in `row`, left to right.
    /// Paper is skipped eight bytes at a time: most of a page is paper, and this walk was
    /// most of the time spent measuring run lengths on an A4 page.
    @inline(__always)
    func forEachRun(in row: UnsafeBufferPointer<UInt8>, _ body: (Int, Int) -> Void) {
        guard let p = row.baseAddress else { return }
        let n = row.count
        let raw = UnsafeRawPointer(p)
        var x = 0
        while x < n {
            if x + 8 <= n && raw.loadUnaligned(fromByteOffset: x, as: UInt64.self) == 0 { x += 8; continue }
            guard p[x] != 0 else { x += 1; continue }
            let start = x
            while x < n && p[x] != 0 { x += 1 }
            body(start, x)
        }
    }

    /// The typical stroke width when part of the "ink" may be a shadow: the smaller of the
    /// median horizontal and the median vertical run, each counting only runs up to a
    /// quarter of the page across; nil without such runs.
    ///
    /// A shadow band taken for ink gives one run per row (or column) it crosses, and on a page
    /// with few digits those outnumber the strokes' runs. But a band long enough to cross
    /// the page runs along it for more than a quarter of the page in at least one direction,
    /// and there its runs are not counted, so that direction's median is the strokes'.
    func strokeWidthBesideShadows() -> Int? {
        let horizontal = medianRunLength(longest: Swift.max(width / 4, 1))
        let longest = Swift.max(height / 4, 1)
        // Vertical runs row by row (in memory order), in about 512 evenly spread columns of a
        // large page (every column cost 4 % of an A4 page's time): `open[c]` is the length of
        // the run still open in the c-th sampled column.
        let step = Swift.max(width / 512, 1)
        var counts = [Int](repeating: 0, count: 65)
        var open = [Int](repeating: 0, count: (width + step - 1) / step)
        for y in 0...height {
            let row = y * width
            for c in open.indices {
                if y < height && bits[row + c * step] != 0 {
                    open[c] += 1
                } else if open[c] > 0 {
                    if open[c] <= longest { counts[Swift.min(open[c], 64)] += 1 }
                    open[c] = 0
                }
            }
        }
        let vertical = Self.median(counts)
        guard let h = horizontal, let v = vertical else { return horizontal ?? vertical }
        return Swift.min(h, v)
    }

    /// The median of run lengths counted in `counts` (index = length, 64 = longer).
    private static func median(_ counts: [Int]) -> Int? {
        let total = counts.reduce(0, +)
        guard total > 0 else { return nil }
        var seen = 0
        for length in 1...64 {
            seen += counts[length]
            if 2 * seen >= total { return length }
        }
        return 64
    }
}
