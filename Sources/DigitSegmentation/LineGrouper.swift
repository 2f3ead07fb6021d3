/// Sorts digits into text lines and reading order.
///
/// Tallest digits are placed first, so lines form around whole digits rather than around
/// small pieces; a digit joins the line it overlaps most vertically when that overlap is at
/// least `lineOverlapRatio` of the smaller of the two heights, and starts a new line otherwise.
struct LineGrouper: Sendable {
    var config: SegmentationConfig

    /// The line index of each box (0 at the top) and the reading order: indices into `boxes`,
    /// lines top to bottom, left to right within a line.
    func group(_ boxes: [PixelBox]) -> (line: [Int], order: [Int]) {
        var lines: [(top: Int, bottom: Int, members: [Int])] = []
        let byHeight = boxes.indices.sorted { (boxes[$1].height, boxes[$0].y, $0) < (boxes[$0].height, boxes[$1].y, $1) }
        for i in byHeight {
            let b = boxes[i]
            var best = -1, bestOverlap = 0
            for (k, line) in lines.enumerated() {
                let overlap = Swift.min(b.maxY, line.bottom) - Swift.max(b.y, line.top)
                let needed = config.lineOverlapRatio * Double(Swift.min(b.height, line.bottom - line.top))
                if overlap > bestOverlap && Double(overlap) >= needed { best = k; bestOverlap = overlap }
            }
            if best < 0 {
                lines.append((b.y, b.maxY, [i]))
            } else {
                lines[best].members.append(i)
            }
        }
        // Lines top to bottom by the centre of their extent.
        let lineOrder = lines.indices.sorted { (lines[$0].top + lines[$0].bottom, $0) < (lines[$1].top + lines[$1].bottom, $1) }
        var lineOf = [Int](repeating: 0, count: boxes.count)
        var order: [Int] = []
        order.reserveCapacity(boxes.count)
        for (rank, k) in lineOrder.enumerated() {
            let members = lines[k].members.sorted { (2 * boxes[$0].x + boxes[$0].width, $0) < (2 * boxes[$1].x + boxes[$1].width, $1) }
            for i in members { lineOf[i] = rank }
            order.append(contentsOf: members)
        }
        return (lineOf, order)
    }
}
