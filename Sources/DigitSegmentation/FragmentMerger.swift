/// A digit before normalisation: the components that make it up and their joint box.
struct DigitCandidate: Sendable, Equatable {
    var box: PixelBox
    /// Indices into `ConnectedComponents.components`.
    var components: [Int]
}

/// Joins the pieces of one digit (a broken stroke, a 5's detached top bar) into one candidate.
///
/// Two pieces are a candidate pair when they are stacked (x-extents overlapping by a good
/// share of the narrower piece, small vertical gap), almost touching side by side, or one is
/// a short fragment (far less tall than a digit) close to the other. Pairs are
/// merged nearest first, and a merge is refused when the union would be taller or wider than
/// a plausible digit, so two neighbouring digits in a number stay apart. Pairs come from a
/// grid of cells one digit-height wide, so the work is linear in practice.
struct FragmentMerger: Sendable {
    var config: SegmentationConfig
    /// Typical digit height on the page, in pixels (H in the config's ratios).
    var typicalHeight: Double

    /// Groups `boxes` (one per component, indices kept) into digit candidates, in input order.
    func merge(_ boxes: [(index: Int, box: PixelBox)]) -> [DigitCandidate] {
        let h = Swift.max(typicalHeight, 1)
        let maxVerticalGap = Int((config.mergeMaxVerticalGap * h).rounded())
        let maxSideGap = Int((config.mergeMaxSideGap * h).rounded())
        let maxFragmentGap = Int((config.mergeMaxFragmentGap * h).rounded())
        let fragmentHeight = config.fragmentHeightRatio * h
        let reach = Swift.max(maxVerticalGap, maxSideGap, maxFragmentGap)
        let pairs = candidatePairs(boxes.map(\.box), reach: reach) { a, b in
            let xOverlap = a.horizontalOverlap(b)
            let narrower = Swift.min(a.width, b.width)
            let stacked = Double(xOverlap) >= config.mergeOverlapRatio * Double(narrower)
                && a.verticalGap(b) <= maxVerticalGap
            let sideBySide = a.verticalOverlap(b) > 0 && a.horizontalGap(b) <= maxSideGap
            let fragment = Double(Swift.min(a.height, b.height)) < fragmentHeight
                && Swift.max(a.horizontalGap(b), a.verticalGap(b)) <= maxFragmentGap
            guard stacked || sideBySide || fragment else { return nil }
            // Nearest first; among equals, the pair overlapping more in x.
            return Double(Swift.max(a.horizontalGap(b), a.verticalGap(b)))
                - Double(xOverlap) / Double(Swift.max(narrower, 1)) * 0.5
        }

        var parent = Array(0..<boxes.count)
        var groupBox = boxes.map(\.box)
        func find(_ i: Int) -> Int {
            var r = i
            while parent[r] != r { parent[r] = parent[parent[r]]; r = parent[r] }
            return r
        }
        for pair in pairs {
            let a = find(pair.a), b = find(pair.b)
            guard a != b else { continue }
            let union = groupBox[a].union(groupBox[b])
            guard Double(union.height) <= config.mergeMaxHeightRatio * h,
                  Double(union.width) <= config.mergeMaxWidthRatio * h else { continue }
            let (root, child) = a < b ? (a, b) : (b, a)
            parent[child] = root
            groupBox[root] = union
        }

        var slot = [Int](repeating: -1, count: boxes.count)
        var candidates: [DigitCandidate] = []
        for i in 0..<boxes.count {
            let r = find(i)
            if slot[r] < 0 {
                slot[r] = candidates.count
                candidates.append(DigitCandidate(box: groupBox[r], components: []))
            }
            candidates[slot[r]].components.append(boxes[i].index)
        }
        return candidates
    }

    /// Pairs of boxes within `reach` pixels of each other that `score` accepts, best score first.
    private func candidatePairs(_ boxes: [PixelBox], reach: Int,
                                score: (PixelBox, PixelBox) -> Double?) -> [(a: Int, b: Int, score: Double)] {
        guard !boxes.isEmpty else { return [] }
        let cell = Swift.max(Int(typicalHeight.rounded()), 1)
        let minX = boxes.map(\.x).min() ?? 0, minY = boxes.map(\.y).min() ?? 0
        let maxX = boxes.map(\.maxX).max() ?? 0, maxY = boxes.map(\.maxY).max() ?? 0
        let cols = (maxX - minX) / cell + 1, rows = (maxY - minY) / cell + 1
        var grid = [[Int]](repeating: [], count: cols * rows)
        func cells(_ b: PixelBox, pad: Int) -> (ClosedRange<Int>, ClosedRange<Int>) {
            let c0 = Swift.max((b.x - pad - minX) / cell, 0), c1 = Swift.min((b.maxX - 1 + pad - minX) / cell, cols - 1)
            let r0 = Swift.max((b.y - pad - minY) / cell, 0), r1 = Swift.min((b.maxY - 1 + pad - minY) / cell, rows - 1)
            return (c0...c1, r0...r1)
        }
        for (i, b) in boxes.enumerated() {
            let (cs, rs) = cells(b, pad: 0)
            for r in rs { for c in cs { grid[r * cols + c].append(i) } }
        }
        var seenBy = [Int](repeating: -1, count: boxes.count)
        var pairs: [(a: Int, b: Int, score: Double)] = []
        for (i, b) in boxes.enumerated() {
            let (cs, rs) = cells(b, pad: reach)
            for r in rs {
                for c in cs {
                    for j in grid[r * cols + c] where j > i && seenBy[j] != i {
                        seenBy[j] = i
                        if let s = score(b, boxes[j]) { pairs.append((i, j, s)) }
                    }
                }
            }
        }
        pairs.sort { ($0.score, $0.a, $0.b) < ($1.score, $1.a, $1.b) }
        return pairs
    }
}
