extension ConnectedComponents {
    /// Empty pixels between the ink of components `a` and `b` along the closest
    /// 8-neighbour path (0: they would touch if one pixel were filled), or nil when more than `limit`.
    ///
    /// Boxes can overlap while the ink stays far apart (a neighbour's arm in a C's opening),
    /// or lie apart while strokes nearly touch; merging decisions need the ink's own gap.
    /// Cost: runs of `a` × runs of `b` within `limit` rows, only for pairs already near by box.
    func inkGap(_ a: Int, _ b: Int, limit: Int) -> Int? {
        let boxB = components[b].box
        // Runs of `b` by row, as ranges into `runsByComponent`.
        var rowRange = [Range<Int>](repeating: 0..<0, count: boxB.height)
        var k = componentRunStart[b]
        while k < componentRunStart[b + 1] {
            let y = Int(runs[Int(runsByComponent[k])].y)
            var end = k
            while end < componentRunStart[b + 1] && Int(runs[Int(runsByComponent[end])].y) == y { end += 1 }
            rowRange[y - boxB.y] = k..<end
            k = end
        }
        var best = limit + 1
        for i in componentRunStart[a]..<componentRunStart[a + 1] {
            let ra = runs[Int(runsByComponent[i])]
            let y = Int(ra.y)
            let lo = Swift.max(y - best, boxB.y), hi = Swift.min(y + best, boxB.maxY - 1)
            guard lo <= hi else { continue }
            for yb in lo...hi {
                let dy = abs(yb - y)
                guard dy - 1 < best else { continue }
                for j in rowRange[yb - boxB.y] {
                    let rb = runs[Int(runsByComponent[j])]
                    // Columns strictly between the two runs (0 when they overlap or abut).
                    let dx = Swift.max(0, Int(rb.x0) - Int(ra.x1), Int(ra.x0) - Int(rb.x1))
                    let gap = Swift.max(dx, dy - 1)
                    if gap < best { best = gap }
                }
            }
            if best == 0 { break }
        }
        return best <= limit ? best : nil
    }
}
