/// Gives a digit back a piece that merging left out, when the network reads the digit surer
/// with it.
///
/// A pen that skips can cut off the end of a stroke: a 7's bar broken off at the corner as a
/// short slanted tick, the top of a 3 or a 6, the left side of a 0. Such a piece is too small
/// to be a digit, and its shape and gap do not say whose it is (a hyphen or a comma beside a
/// digit looks the same), so merging leaves it out and the digit reads as another (a 7 as a 1,
/// a 3 as a 5). The network can tell: read with the piece, a broken digit reads surer than
/// without it, a digit with a hyphen stuck to it less surely. So each piece left over near a
/// digit is tried on it, and kept where it at least halves the network's doubt and the digit
/// then reads sure.
struct FragmentAttacher: Sendable {
    var config: SegmentationConfig

    /// `units` (in reading order) with left-over `pieces` joined to them where that makes the
    /// network surer of the digit; each piece joins at most one digit, each digit one piece.
    /// `h` is the typical digit height; `crop` cuts a candidate's ink out of the page, `finish`
    /// makes the network's input of a crop.
    func attach(_ units: [BrokenDigitJoiner.Unit], pieces: [DigitCandidate], height h: Double, scorer: any DigitScorer,
                crop: (DigitCandidate) -> DigitCrop?, finish: (DigitCrop) -> [UInt8]) -> [BrokenDigitJoiner.Unit] {
        let reach = Self.gap * h
        // Pieces large enough to change a digit's reading, beside a digit, the two no larger
        // than a merged digit may be.
        var trials: [(unit: Int, piece: Int, with: BrokenDigitJoiner.Unit)] = []
        for (p, piece) in pieces.enumerated() where Double(Swift.max(piece.box.width, piece.box.height)) >= Self.minPiece * h {
            for (n, unit) in units.enumerated() where unit.crop != nil {
                let box = unit.candidate.box
                guard Double(Swift.max(box.horizontalGap(piece.box), box.verticalGap(piece.box))) <= reach else { continue }
                let union = box.union(piece.box)
                // Nor may the piece make the digit wide enough to be cut as touching digits (a
                // 2 with a hyphen at its foot, read surer as a 2, then cut into two 2s).
                guard Double(union.height) <= config.mergeMaxHeightRatio * h,
                      Double(union.width) <= config.mergeMaxWidthRatio * h,
                      union.width == box.width || Double(union.width) < config.splitMinAspect * Double(union.height) else { continue }
                let candidate = DigitCandidate(box: union, components: unit.candidate.components + piece.components)
                guard let whole = crop(candidate) else { continue }
                trials.append((n, p, BrokenDigitJoiner.Unit(candidate: candidate, line: unit.line, crop: whole)))
            }
        }
        guard !trials.isEmpty else { return units }
        let tried = Array(Set(trials.map(\.unit))).sorted()
        let alone = scorer.confidences(for: tried.compactMap { units[$0].crop.map(finish) })
        let with = scorer.confidences(for: trials.compactMap { $0.with.crop.map(finish) })
        guard alone.count == tried.count, with.count == trials.count else { return units }
        var before = [Int: Float]()
        for (n, c) in zip(tried, alone) { before[n] = c }
        // Surest readings first.
        let better = trials.indices.filter { k in
            guard let was = before[trials[k].unit] else { return false }
            return with[k] >= Self.sure && 1 - with[k] <= Self.doubtLeft * (1 - was)
        }.sorted { with[$0] > with[$1] }
        var out = units
        var unitTaken = Set<Int>(), pieceTaken = Set<Int>()
        for k in better where !unitTaken.contains(trials[k].unit) && !pieceTaken.contains(trials[k].piece) {
            unitTaken.insert(trials[k].unit)
            pieceTaken.insert(trials[k].piece)
            out[trials[k].unit] = trials[k].with
        }
        return out
    }

    /// A piece's longer side is at least this × H (specks of dust change nothing).
    static let minPiece = 0.15
    /// Its box at most this × H from the digit's.
    static let gap = 0.15
    /// The digit with the piece must read at least this sure ...
    static let sure: Float = DigitSegmenter.sure
    /// ... and keep at most this share of the doubt it had without.
    static let doubtLeft: Float = 0.5
}
