/// Joins two neighbouring candidates of a line into one digit when the network is surer of the
/// whole than of either half.
///
/// A pen that skips can break a digit down its middle: a 4 cut through its crossing, a 7's
/// bar cut off at the corner, a 2's curl cut from its base. The halves then stand side by side
/// with a gap as wide as between two digits, and no rule on boxes and gaps tells them from
/// two narrow digits (a "11"). The network can: a half of a broken digit reads as a doubtful
/// digit, the whole as a sure one. So for neighbours that together are about as large as one
/// digit may be, the pair is read as one, and joined when a half is doubtful (below 0.9) and
/// the whole is sure and surer than each half. Two digits read sure each stay apart (a 1 and
/// a 4 side by side read as a 4 as surely as they read themselves), and so does a doubtful
/// digit beside a sure one that the pair reads no better than (an 8 beside a blurred 8).
/// Halves closer than `closeGap` are read whole even when both read sure (a 6 broken at its
/// stem is a sure 1 and a sure 0), and joined only when the whole reads surer still.
///
/// A digit broken across its middle (a 1 or a 7's stem cut across, a 9's tail cut from its
/// loop) can come apart into halves one above the other, each alone on a line of its own, with
/// no whole digit anywhere to say how tall a digit is: the halves read as two lines of one
/// digit each. Two such lines, next to each other and with their pieces nearly touching, are
/// read as one digit too, and joined when the whole reads sure and surer than the less sure
/// half: two digits of two short lines written close stay two, as the pair reads as no digit.
struct BrokenDigitJoiner: Sendable {
    var config: SegmentationConfig

    /// A digit candidate in reading order, with its line and its crop.
    struct Unit {
        var candidate: DigitCandidate
        var line: Int
        var crop: DigitCrop?
    }

    /// `units` in reading order, with joined pairs in place of their halves. `h` is the typical
    /// digit height; `crop` cuts a candidate's ink out of the page, `finish` makes the
    /// network's input of a crop.
    func join(_ units: [Unit], height h: Double, scorer: any DigitScorer,
              crop: (DigitCandidate) -> DigitCrop?, finish: (DigitCrop) -> [UInt8]) -> [Unit] {
        guard config.joinBrokenGap > 0, units.count >= 2 else { return units }
        var lineSize = [Int: Int]()
        for unit in units { lineSize[unit.line, default: 0] += 1 }
        // Neighbours that together could be one digit: side by side on a line, or the only
        // pieces of two neighbouring lines.
        let gap = config.joinBrokenGap * h
        let stacked = Set(units.indices.dropLast().filter { n in
            let (a, b) = (units[n], units[n + 1])
            guard b.line == a.line + 1, lineSize[a.line] == 1, lineSize[b.line] == 1,
                  a.crop != nil, b.crop != nil else { return false }
            let (boxA, boxB) = (a.candidate.box, b.candidate.box)
            return Double(boxA.horizontalGap(boxB)) <= gap && Double(boxA.verticalGap(boxB)) <= gap
        })
        let near = units.indices.dropLast().filter { n in
            if stacked.contains(n) { return true }
            let (a, b) = (units[n], units[n + 1])
            guard a.line == b.line, a.crop != nil, b.crop != nil else { return false }
            let (boxA, boxB) = (a.candidate.box, b.candidate.box)
            let box = boxA.union(boxB)
            return Double(boxA.horizontalGap(boxB)) <= gap
                && Double(box.width) <= Self.slack * config.mergeMaxWidthRatio * h
                && Double(box.height) <= Self.slack * config.mergeMaxHeightRatio * h
                && 2 * boxA.verticalOverlap(boxB) >= Swift.min(boxA.height, boxB.height)
        }
        guard !near.isEmpty else { return units }
        // Each half read once; only pairs with a doubtful half, or close ones, are cut out
        // whole and read.
        let halves = Array(Set(near.flatMap { [$0, $0 + 1] })).sorted()
        let halfImages = halves.compactMap { units[$0].crop.map(finish) }
        let halfRead = scorer.confidences(for: halfImages)
        guard halfImages.count == halves.count, halfRead.count == halves.count else { return units }
        var confidence = [Int: Float]()
        for (n, c) in zip(halves, halfRead) { confidence[n] = c }
        // A pair is joined when the whole reads at least `need` and surer than `beat`: side by
        // side, `sure` and surer than each half; one above the other, `sureStacked` and surer
        // than the less sure half.
        var pairs: [(first: Int, whole: Unit, image: [UInt8], need: Float, beat: Float)] = []
        for n in near {
            guard let a = confidence[n], let b = confidence[n + 1] else { continue }
            let (boxA, boxB) = (units[n].candidate.box, units[n + 1].candidate.box)
            let isStacked = stacked.contains(n)
            let close = Double(boxA.horizontalGap(boxB)) <= Self.closeGap * h
            guard isStacked || close || Swift.min(a, b) < Self.sure else { continue }
            let candidate = DigitCandidate(box: boxA.union(boxB),
                                           components: units[n].candidate.components + units[n + 1].candidate.components)
            guard let whole = crop(candidate) else { continue }
            pairs.append((n, Unit(candidate: candidate, line: units[n].line, crop: whole), finish(whole),
                          isStacked ? Self.sureStacked : Self.sure, isStacked ? Swift.min(a, b) : Swift.max(a, b)))
        }
        guard !pairs.isEmpty else { return units }
        let wholeRead = scorer.confidences(for: pairs.map(\.image))
        guard wholeRead.count == pairs.count else { return units }
        // Surest wholes first; a half joins at most once.
        let chosen = pairs.indices.filter { k in wholeRead[k] >= pairs[k].need && wholeRead[k] > pairs[k].beat }
            .sorted { wholeRead[$0] > wholeRead[$1] }
        var taken = [Bool](repeating: false, count: units.count)
        var joinedAt: [Int: Unit] = [:]
        for k in chosen {
            let n = pairs[k].first
            guard !taken[n], !taken[n + 1] else { continue }
            taken[n] = true; taken[n + 1] = true
            joinedAt[n] = pairs[k].whole
        }
        var out: [Unit] = []
        var n = 0
        // Lines joined into the one above leave no gap in the numbering.
        var linesJoined = 0
        while n < units.count {
            if var whole = joinedAt[n] {
                whole.line -= linesJoined
                if stacked.contains(n) { linesJoined += 1 }
                out.append(whole)
                n += 2
            } else {
                var unit = units[n]
                unit.line -= linesJoined
                out.append(unit)
                n += 1
            }
        }
        return out
    }

    /// The whole may be this much larger than a merged digit: the network, not the box, decides.
    static let slack = 1.2

    /// A whole must read at least this sure to replace its halves.
    static let sure: Float = DigitSegmenter.sure

    /// Halves one above the other must read at least this sure as a whole: nothing about their
    /// boxes says they are one digit (two lone touching pairs, "91" over "83", read as an 8 at 0.93).
    static let sureStacked: Float = 0.95

    /// Neighbours at most this × H apart are read as one even when the network is sure of both
    /// halves: a 6 broken at its stem reads as a sure 1 and a sure 0, and only the whole, read
    /// surer than either, tells. Held-out broken digits: +4 files, nothing else changes; 1,000
    /// MNIST pairs with a 1, written 0-0.15 H apart: none joined (at 0.2 H, one).
    static let closeGap = 0.1
}
