/// A horizontal run of ink pixels `x0 ..< x1` in row `y`, tagged with its component.
struct InkRun: Sendable, Equatable {
    var y: Int32
    var x0: Int32
    var x1: Int32
    /// Index into `ConnectedComponents.components`.
    var component: Int32
}

/// One 8-connected blob of ink.
struct Component: Sendable, Equatable {
    /// Bounding box of its pixels.
    var box: PixelBox
    /// Number of ink pixels.
    var area: Int
}

/// 8-connected components of a binary ink mask, labelled run by run.
///
/// Runs instead of a label image: a page is mostly paper, so the runs are a small fraction
/// of the pixels, and they are all a digit needs to take only its own ink later. Two passes
/// (runs + union-find, then resolving roots), linear in pixels plus runs.
struct ConnectedComponents: Sendable {
    /// All ink runs in row-major order.
    private(set) var runs: [InkRun]
    /// Runs of row `y` are `runs[rowStart[y] ..< rowStart[y + 1]]`.
    private(set) var rowStart: [Int]
    /// The components, in order of first appearance (top to bottom, left to right).
    private(set) var components: [Component]
    /// Run indices grouped by component, each group in row-major order.
    private(set) var runsByComponent: [Int32]
    /// Runs of component `c` are `runsByComponent[componentRunStart[c] ..< componentRunStart[c + 1]]`.
    private(set) var componentRunStart: [Int]

    /// Labels the pixels `isInk` accepts; throws when there are more than `maxComponents`.
    init(pixels: [UInt8], width: Int, height: Int, maxComponents: Int,
         isInk: (UInt8) -> Bool) throws(SegmentationError) {
        let table = (0..<256).map { isInk(UInt8($0)) }
        var runs: [InkRun] = []
        var rowStart = [Int](repeating: 0, count: height + 1)
        var parent: [Int32] = []

        func find(_ i: Int32) -> Int32 {
            var r = i
            while parent[Int(r)] != r { r = parent[Int(r)] }
            var j = i
            while parent[Int(j)] != r { let next = parent[Int(j)]; parent[Int(j)] = r; j = next }
            return r
        }

        // Raw buffers, and eight bytes of paper skipped at once where paper is 0 (an ink
        // mask): finding the runs was a tenth of an A4 page's time, nearly all of it on paper.
        let zeroIsPaper = !table[0]
        precondition(pixels.count >= width * height, "ConnectedComponents: fewer pixels than width × height")
        pixels.withUnsafeBufferPointer { p in
            table.withUnsafeBufferPointer { table in
                guard let base = p.baseAddress else { return }
                let raw = UnsafeRawPointer(base)
                for y in 0..<height {
                    rowStart[y] = runs.count
                    let row = y * width
                    var x = 0
                    while x < width {
                        if zeroIsPaper && x + 8 <= width && raw.loadUnaligned(fromByteOffset: row + x, as: UInt64.self) == 0 {
                            x += 8
                            continue
                        }
                        guard table[Int(p[row + x])] else { x += 1; continue }
                        let start = x
                        while x < width && table[Int(p[row + x])] { x += 1 }
                        let index = Int32(runs.count)
                        runs.append(InkRun(y: Int32(y), x0: Int32(start), x1: Int32(x), component: index))
                        parent.append(index)
                    }
                }
            }
        }
        rowStart[height] = runs.count

        // Join each run with the runs of the row above that touch it, diagonals included.
        for y in 1..<Swift.max(height, 1) {
            var above = rowStart[y - 1]
            let aboveEnd = rowStart[y]
            for i in rowStart[y]..<rowStart[y + 1] {
                let run = runs[i]
                while above < aboveEnd && runs[above].x1 < run.x0 { above += 1 }
                var k = above
                while k < aboveEnd && runs[k].x0 <= run.x1 {
                    let a = find(Int32(i)), b = find(Int32(k))
                    if a != b { parent[Int(Swift.max(a, b))] = Swift.min(a, b) }
                    k += 1
                }
            }
        }

        // Roots are the smallest run index of each blob, so components come in reading order.
        var componentOfRoot = [Int32](repeating: -1, count: runs.count)
        var components: [Component] = []
        for i in 0..<runs.count {
            let root = Int(find(Int32(i)))
            var c = componentOfRoot[root]
            let run = runs[i]
            let w = Int(run.x1 - run.x0)
            if c < 0 {
                c = Int32(components.count)
                componentOfRoot[root] = c
                guard components.count < maxComponents else {
                    // Every run is already joined, so the roots give the page's true count
                    // (the row can then say "412,331", not just "over the limit").
                    let total = parent.indices.reduce(0) { $0 + (parent[$1] == Int32($1) ? 1 : 0) }
                    throw .tooManyComponents(total, limit: maxComponents, width: width, height: height)
                }
                components.append(Component(box: PixelBox(x: Int(run.x0), y: Int(run.y), width: w, height: 1),
                                            area: w))
            } else {
                components[Int(c)].box = components[Int(c)].box.union(
                    PixelBox(x: Int(run.x0), y: Int(run.y), width: w, height: 1))
                components[Int(c)].area += w
            }
            runs[i].component = c
        }
        // Counting sort of the runs by component keeps each component's runs in row order.
        var start = [Int](repeating: 0, count: components.count + 1)
        for run in runs { start[Int(run.component) + 1] += 1 }
        for c in 0..<components.count { start[c + 1] += start[c] }
        var next = start
        var grouped = [Int32](repeating: 0, count: runs.count)
        for (i, run) in runs.enumerated() {
            grouped[next[Int(run.component)]] = Int32(i)
            next[Int(run.component)] += 1
        }
        self.runs = runs
        self.rowStart = rowStart
        self.components = components
        self.runsByComponent = grouped
        self.componentRunStart = start
    }
}
