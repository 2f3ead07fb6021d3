/// Joins two neighbouring candidates of a line into one digit when the network is surer of the
/// whole than of either half.
///
/// A pen that skips can break a digit down its middle: a 4 cut through its crossing, a 7's
/// bar cut off at the corner, a 2's curl cut from its base. The halves then stand side by side
/// with a gap as wide as between two digits, and no rule on boxes and gaps tells them from
/// two narrow digits (a "11"). The network can: a half of a broken digit reads as a doubtful
/// digit, the whole as a sure one. So for neighbours that together are about as large as one
/// digit may be, the pair is read as one, and joined when a half is doubtful (below 0.9) and
/// the whole is sure and surer than each half. Two digits read sure each stay apart: a 1 and
/// a 4 side by side read as a 4 as surely as they read themselves.
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
        var pairs: [(first: Int, whole: Unit, image: [UInt8])] = []
        for n in units.indices.dropLast() {
            let (a, b) = (units[n], units[n + 1])
            guard a.line == b.line, a.crop != nil, b.crop != nil else { continue }
            let (boxA, boxB) = (a.candidate.box, b.candidate.box)
            let box = boxA.union(boxB)
            guard Double(boxA.horizontalGap(boxB)) <= config.joinBrokenGap * h,
                  Double(box.width) <= Self.slack * config.mergeMaxWidthRatio * h,
                  Double(box.height) <= Self.slack * config.mergeMaxHeightRatio * h,
                  2 * boxA.verticalOverlap(boxB) >= Swift.min(boxA.height, boxB.height) else { continue }
            let candidate = DigitCandidate(box: box, components: a.candidate.components + b.candidate.components)
            guard let whole = crop(candidate) else { continue }
            pairs.append((n, Unit(candidate: candidate, line: a.line, crop: whole), finish(whole)))
        }
        guard !pairs.isEmpty else { return units }
        // Each half once, then each whole, in one batch.
        var halves: [Int: Int] = [:]
        var images: [[UInt8]] = []
        for pair in pairs {
            for n in [pair.first, pair.first + 1] where halves[n] == nil {
                guard let half = units[n].crop else { continue }
                halves[n] = images.count
                images.append(finish(half))
            }
        }
        let wholeStart = images.count
        images += pairs.map(\.image)
        let confidence = scorer.confidences(for: images)
        guard confidence.count == images.count else { return units }
        // Surest wholes first; a half joins at most once.
        let chosen = pairs.indices.filter { k in
            let n = pairs[k].first
            guard let a = halves[n], let b = halves[n + 1] else { return false }
            let whole = confidence[wholeStart + k]
            return whole >= Self.sure && whole > Swift.max(confidence[a], confidence[b])
                && Swift.min(confidence[a], confidence[b]) < Self.sure
        }.sorted { confidence[wholeStart + $0] > confidence[wholeStart + $1] }
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
        while n < units.count {
            if let whole = joinedAt[n] {
                out.append(whole)
                n += 2
            } else {
                out.append(units[n])
                n += 1
            }
        }
        return out
    }

    /// The whole may be this much larger than a merged digit: the network, not the box, decides.
    static let slack = 1.2

    /// A whole must read at least this sure to replace its halves.
    static let sure: Float = DigitSegmenter.sure
}
