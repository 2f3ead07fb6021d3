/// Leaves out what the network reads as no digit and is shorter than the digits of its line:
/// a printed label beside handwritten digits ("Total:", "No." on a form), a stamp's lettering.
///
/// Trained to be unsure on letters and scribbles, the network reads such marks far below any
/// digit; segmentation keeps them, since a mark and an unreadable digit look alike to it.
/// Only marks clearly shorter than the readable digits of their line go: an unreadable digit
/// of the line's own size stays, flagged by its low confidence.
struct SmallMarkFilter: Sendable {
    /// Digits read below this may be marks (0: keep everything).
    var maxConfidence: Float
    /// ... when shorter than this × the median height of their line's digits read at
    /// `readable` or more.
    static let maxHeightRatio = 0.7

    /// The indices of `digits` (one file's, in reading order) that are kept, in order.
    func kept(_ digits: [FileResult.Digit]) -> [Int] {
        guard maxConfidence > 0 else { return Array(digits.indices) }
        var heights = [Int: [Int]]()
        for d in digits where d.confidence >= Self.readable { heights[d.line, default: []].append(d.box.height) }
        let median = heights.mapValues { $0.sorted()[$0.count / 2] }
        return digits.indices.filter { i in
            let d = digits[i]
            guard d.confidence < maxConfidence, let typical = median[d.line] else { return true }
            return Double(d.box.height) >= Self.maxHeightRatio * Double(typical)
        }
    }

    /// Digits read at least this sure set their line's height.
    static let readable: Float = 0.5
}
