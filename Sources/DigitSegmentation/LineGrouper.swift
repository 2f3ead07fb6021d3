/// Sorts digits into text lines and reading order, following lines that slope.
///
/// Digits are taken left to right. Each line keeps a running straight-line fit of its
/// digits' centres (least squares, slope at most `maxSlope`), so it predicts where its next
/// digit should sit even when the writing drifts up or down across the page; a digit joins
/// the line whose predicted band (its typical digit height around the fit) it overlaps most,
/// when that overlap is at least `lineOverlapRatio` of the smaller of the two heights, and
/// starts a new line otherwise. A horizontal band would cut a line sloping 6° into two.
struct LineGrouper: Sendable {
    var config: SegmentationConfig
    /// Steepest slope a line's fit may take (tan 12°: writing drifts, it does not climb).
    static let maxSlope = 0.21

    /// One line being built: sums for the least-squares fit of its digits' centres.
    private struct Line {
        var members: [Int] = []
        var heights: [Int] = []
        /// The rightmost digit so far: its own band is the best guess right next to it.
        var last = PixelBox(x: 0, y: 0, width: 0, height: 0)
        var n = 0.0, sx = 0.0, sy = 0.0, sxx = 0.0, sxy = 0.0

        mutating func add(_ i: Int, _ box: PixelBox) {
            let x = Double(box.x) + Double(box.width) / 2, y = Double(box.y) + Double(box.height) / 2
            members.append(i); heights.append(box.height); last = box
            n += 1; sx += x; sy += y; sxx += x * x; sxy += x * y
        }

        /// The fitted centre line's height at column `x`.
        func centre(at x: Double) -> Double {
            let meanX = sx / n, meanY = sy / n
            let varX = sxx / n - meanX * meanX
            guard n >= 2, varX > 1 else { return meanY }
            let slope = Swift.min(Swift.max((sxy / n - meanX * meanY) / varX, -LineGrouper.maxSlope), LineGrouper.maxSlope)
            return meanY + slope * (x - meanX)
        }

        /// The line's typical digit height (median).
        var height: Double {
            let sorted = heights.sorted()
            return Double(sorted[sorted.count / 2])
        }
    }

    /// The line index of each box (0 at the top) and the reading order: indices into `boxes`,
    /// lines top to bottom, left to right within a line.
    func group(_ boxes: [PixelBox]) -> (line: [Int], order: [Int]) {
        var lines: [Line] = []
        let byX = boxes.indices.sorted { (2 * boxes[$0].x + boxes[$0].width, $0) < (2 * boxes[$1].x + boxes[$1].width, $1) }
        for i in byX {
            let b = boxes[i]
            let x = Double(b.x) + Double(b.width) / 2
            var best = -1, bestOverlap = 0.0
            for (k, line) in lines.enumerated() {
                let c = line.centre(at: x), half = line.height / 2
                // A fit through two jittered digits far apart can tilt; the neighbour's own
                // band keeps such a line together, the fit keeps a long sloping one together.
                let fitOverlap = Swift.min(Double(b.maxY), c + half) - Swift.max(Double(b.y), c - half)
                let lastOverlap = Double(Swift.min(b.maxY, line.last.maxY) - Swift.max(b.y, line.last.y))
                let overlap = Swift.max(fitOverlap, lastOverlap)
                let needed = config.lineOverlapRatio * Swift.min(Double(b.height), line.height)
                if overlap > bestOverlap && overlap >= needed { best = k; bestOverlap = overlap }
            }
            if best < 0 {
                var line = Line()
                line.add(i, b)
                lines.append(line)
            } else {
                lines[best].add(i, b)
            }
        }
        // Lines top to bottom by where their fits cross the middle of the page.
        let middle = boxes.isEmpty ? 0 : Double(boxes.map { $0.x + $0.width / 2 }.reduce(0, +)) / Double(boxes.count)
        let lineOrder = lines.indices.sorted { (lines[$0].centre(at: middle), $0) < (lines[$1].centre(at: middle), $1) }
        var lineOf = [Int](repeating: 0, count: boxes.count)
        var order: [Int] = []
        order.reserveCapacity(boxes.count)
        for (rank, k) in lineOrder.enumerated() {
            for i in lines[k].members { lineOf[i] = rank }
            order.append(contentsOf: lines[k].members)   // already left to right
        }
        return (lineOf, order)
    }
}
