/// Puts back together an upright stroke that a skipping pen broke into dashes: a thin 1, or
/// a 7's stem, in short pieces one below the other.
///
/// Each dash is shorter than a fragment worth keeping, or even a speck, so merging (which
/// starts from pieces of some size) never sees the digit, and it is dropped: "17560" read as
/// "7560". Here the pieces left over after merging are chained from the top down: each next
/// piece starts within a small gap below the chain and beside its lowest piece's columns (a
/// slanted stroke moves sideways), and a chain of three or more pieces becomes a digit when it
/// is as tall as a digit may be and narrow as a 1 is. Noise specks do not line up over half a
/// digit's height with gaps that small; a dotted rule longer than a digit is no digit.
enum DashedStroke {
    /// Chains of `pieces` (what merging left over, too small to be digits) that make an
    /// upright stroke as tall as a digit and at least `minWidth` wide (most of a pen's stroke:
    /// a sheet's edge on a desk photo breaks into hairline dashes), as candidates, and the
    /// pieces in none of them. `h` is the typical digit height.
    static func chains(_ pieces: [DigitCandidate], height h: Double, minWidth: Double,
                       config: SegmentationConfig) -> (chains: [DigitCandidate], rest: [DigitCandidate]) {
        let gap = Self.gap * h, side = Self.side * h
        // Dashes are narrow; something wider is a mark or part of one.
        let order = pieces.indices.filter { Double(pieces[$0].box.width) <= Self.maxPieceWidth * h && pieces[$0].box.height >= 2 }
            .sorted { (pieces[$0].box.y, pieces[$0].box.x) < (pieces[$1].box.y, pieces[$1].box.x) }
        let thin = order.map { pieces[$0] }
        var chained = [Bool](repeating: false, count: pieces.count)
        var used = [Bool](repeating: false, count: thin.count)
        func firstTop(atLeast y: Int) -> Int {
            var (lo, hi) = (0, thin.count)
            while lo < hi {
                let mid = (lo + hi) / 2
                if thin[mid].box.y < y { lo = mid + 1 } else { hi = mid }
            }
            return lo
        }
        var out: [DigitCandidate] = []
        for start in thin.indices where !used[start] {
            var chain = [start]
            var box = thin[start].box
            var last = box
            // The nearest piece below the chain's lowest one, beside its columns (pieces are in
            // order of their tops, so the search starts at the first that may be below; every
            // piece of the chain starts higher).
            func below(_ last: PixelBox) -> Int? {
                var j = firstTop(atLeast: last.y + last.height / 2)
                while j < thin.count, Double(thin[j].box.y - last.maxY) <= gap {
                    if !used[j] && Double(thin[j].box.horizontalGap(last)) <= side { return j }
                    j += 1
                }
                return nil
            }
            while let next = below(last) {
                chain.append(next)
                last = thin[next].box
                box = box.union(last)
            }
            // Every piece of a chain is spent, whether or not it makes a digit: a dashed rule
            // longer than a digit must not be read again from its middle.
            for j in chain { used[j] = true }
            // Dashes, not specks: two of them a fair length, and ink over most of the height.
            let lengths = chain.map { Double(thin[$0].box.height) }
            guard chain.count >= Self.minPieces, lengths.filter({ $0 >= Self.minDash * h }).count >= 2,
                  lengths.reduce(0, +) >= Self.minCover * Double(box.height),
                  Double(box.height) >= config.fragmentHeightRatio * h,
                  Double(box.height) <= config.mergeMaxHeightRatio * h,
                  Double(box.width) <= Self.maxAspect * Double(box.height), Double(box.width) >= minWidth else { continue }
            for j in chain { chained[order[j]] = true }
            out.append(DigitCandidate(box: box, components: chain.flatMap { thin[$0].components }))
        }
        return (out, pieces.indices.filter { !chained[$0] }.map { pieces[$0] })
    }

    /// A chain has at least this many pieces: two one above the other are the merger's to join
    /// (stacked pieces), and two specks a few pixels apart in a small picture are noise.
    static let minPieces = 3
    /// At least two pieces of a chain are this × H tall or more (a speckled page lines specks up
    /// by chance; the dashes of a pen are longer) ...
    static let minDash = 0.15
    /// ... and its pieces' heights add up to this share of its own at least.
    static let minCover = 0.5
    /// Pieces of a chain are at most this × H apart, one below the other ...
    static let gap = 0.2
    /// ... and at most this × H apart sideways (boxes; a slanted stroke's dashes step aside).
    static let side = 0.08
    /// A dash is at most this × H wide.
    static let maxPieceWidth = 0.3
    /// A chain is at most this × its height wide: a stroke, not a row of specks.
    static let maxAspect = 0.6
}
