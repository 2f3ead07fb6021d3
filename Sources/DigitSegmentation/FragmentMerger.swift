/// How two pieces relate when they may be one digit.
private enum PairKind { case stacked, sideBySide, fragment }

/// How two close pieces lie in the first merging pass: one above the other, sharing rows
/// (both join), or near but not joining there.
private enum TightJoin { case above, within, near }

/// A digit before normalisation: the components that make it up and their joint box.
struct DigitCandidate: Sendable, Equatable {
    var box: PixelBox
    /// Indices into `ConnectedComponents.components`.
    var components: [Int]
}

/// Joins the pieces of one digit (a broken stroke, a 5's detached top bar) into one candidate.
///
/// Two passes. First, pieces one above the other with a hairline gap join whatever their
/// size, so a digit broken in two still measures its full height: stacked boxes with a gap
/// small for the shorter piece, or ink close for the taller one (a slanted stroke broken
/// across, a short piece broken off). Not so two digits of neighbouring lines written close:
/// a piece with a whole digit of its height beside it is a digit of its own line. Then, with
/// the typical digit height H measured on those groups, pieces join when they are stacked
/// (x-extents overlapping by a good share of the narrower piece, small vertical gap; or
/// one above the other over any shared columns, with their ink that close), their ink
/// almost touches side by side (a little further apart when one is clearly short), or one
/// is a short fragment whose ink is close to the other's; nearest ink first (gaps are
/// measured between pixels, not boxes),
/// and never into a group taller or wider than a plausible digit, so neighbouring digits stay
/// apart. Pairs come from a grid of cells one digit-height wide: linear work in practice.
struct FragmentMerger: Sendable {
    var config: SegmentationConfig

    /// Groups `pieces` (component index and box) into digit candidates, in input order,
    /// and returns the typical digit height H the second pass used.
    ///
    /// `inkGap(a, b, limit)` gives the empty pixels between the ink of pieces `a` and `b`
    /// (indices into `pieces`), or nil when more than `limit`. `penWidth` is the page's stroke
    /// width: side-by-side pieces as tall as digits and at least about as wide as the pen may
    /// be two digits, and are left apart (`mergeTallSideRatio`); hairlines beside a digit (what
    /// is left of a box's frame) are not.
    func merge(_ pieces: [(index: Int, box: PixelBox)], penWidth: Double = 0,
               inkGap: (Int, Int, Int) -> Int?) -> (candidates: [DigitCandidate], typicalHeight: Double) {
        let boxes = pieces.map(\.box)
        var groups = UnionFind(boxes)
        let firstReach = Int((config.mergeTightGap * Double(pieces.map(\.box.height).max() ?? 1)).rounded(.up))
        let pieceHeight = Int(DigitSegmenter.typicalHeight(pieces.map(\.box.height)).rounded())
        // Close pairs: those that join here, and any whose ink nearly touches over shared
        // columns (which says the pieces are not whole digits standing apart).
        let closePairs = candidatePairs(boxes, cell: pieceHeight, reach: firstReach) { i, j -> (Double, TightJoin)? in
            let (a, b) = (boxes[i], boxes[j])
            guard !underlines(a, b, Double(pieceHeight)), !underlines(b, a, Double(pieceHeight)) else { return nil }
            let (shorter, taller) = (Double(Swift.min(a.height, b.height)), Double(Swift.max(a.height, b.height)))
            let above = 4 * a.verticalOverlap(b) <= Int(shorter)
            let boxGap = Double(a.verticalGap(b))
            // Pieces sharing rows are not two lines.
            if stacked(a, b) && boxGap <= config.mergeTightGap * shorter { return (boxGap, boxGap > 0 ? .above : .within) }
            // A break across a slanted stroke, or beside a short piece: one piece above the
            // other (barely sharing rows), their ink close for the taller piece's size.
            guard above || a.horizontalOverlap(b) > 0,
                  let gap = inkGap(i, j, firstReach), Double(gap) <= config.mergeTightGap * taller else { return nil }
            return (Double(gap), !above ? .near : boxGap > 0 ? .above : .within)
        }
        // Two digits of neighbouring lines written close (a thick pen) are not one digit.
        let inLine = besideWholeDigit(boxes, cell: pieceHeight, paired: closePairs.map { ($0.a, $0.b) })
        for pair in closePairs where pair.kind == .within || (pair.kind == .above && !(inLine[pair.a] || inLine[pair.b])) {
            groups.join(pair.a, pair.b) { _, _, _ in true }
        }

        let h = Swift.max(DigitSegmenter.typicalHeight(groups.rootBoxes.map(\.height)), 1)
        let maxVerticalGap = Int((config.mergeMaxVerticalGap * h).rounded())
        let maxSideGap = Int((config.mergeMaxSideGap * h).rounded())
        let maxFragmentGap = Int((config.mergeMaxFragmentGap * h).rounded())
        let maxShortSideGap = Int((config.mergeMaxShortSideGap * h).rounded())
        let reach = Swift.max(maxVerticalGap, maxSideGap, maxFragmentGap, maxShortSideGap)
        func bothWhole(_ a: PixelBox, _ b: PixelBox) -> Bool {
            config.mergeTallSideRatio > 0
                && Double(Swift.min(a.height, b.height)) >= config.mergeTallSideRatio * h
                && [a, b].allSatisfy { Double($0.width) >= Swift.max(Self.penShare * penWidth, Self.minBarAspect * Double($0.height)) }
        }
        let pairs = candidatePairs(boxes, cell: Int(h.rounded()), reach: reach) { i, j -> (Double, PairKind)? in
            let (a, b) = (boxes[i], boxes[j])
            let gap = inkGap(i, j, reach)
            let kind: PairKind
            if underlines(a, b, h) || underlines(b, a, h) {
                return nil
            } else if (stacked(a, b) || capped(a, b, h)) && a.verticalGap(b) <= maxVerticalGap {
                kind = .stacked
            } else if a.horizontalOverlap(b) > 0 && 4 * a.verticalOverlap(b) <= Swift.min(a.height, b.height)
                        && (gap ?? Int.max) <= maxVerticalGap {
                // One above the other over a few shared columns, the ink as close as stacked
                // pieces' boxes: a slanted stroke broken across (a 7's bar and stem).
                kind = .stacked
            } else if a.verticalOverlap(b) > 0 && (gap ?? Int.max) <= maxSideGap && !bothWhole(a, b) {
                kind = .sideBySide
            } else if a.verticalOverlap(b) > 0 && (gap ?? Int.max) <= maxShortSideGap
                        && Double(Swift.min(a.height, b.height)) < config.mergeShortPieceRatio * h {
                // A stroke broken beside its digit's other part (a 6's stem and loop): the
                // gap may be wider than between whole digits when a piece is clearly short.
                kind = .sideBySide
            } else if (isFragment(a, h) || isFragment(b, h)) && (gap ?? Int.max) <= maxFragmentGap
                        && (a.horizontalOverlap(b) > 0 || !(isMark(a, h) || isMark(b, h))
                            || atTop(a, of: b) || atTop(b, of: a)) {
                // A hyphen, dot or comma beside a digit is punctuation; a digit's own detached
                // piece lies over its columns, is no such mark, or is level with its top (a
                // 7's bar broken off left of the stem: hyphens sit at mid-height, dots and
                // commas low).
                kind = .fragment
            } else {
                return nil
            }
            // Stacked pieces first (the surest sign of one digit), then nearest ink first;
            // among equals, the pair overlapping more in x.
            let narrower = Double(Swift.max(Swift.min(a.width, b.width), 1))
            let near = Double(gap ?? reach + 1) - Double(a.horizontalOverlap(b)) / narrower * 0.5
            return (kind == .stacked ? near : near + Double(2 * reach + 2), kind)
        }
        for pair in pairs {
            groups.join(pair.a, pair.b) { first, second, union in
                // A fragment joins only while its group is still a fragment: once a 5's bar has
                // joined its body, the bar's closeness to the next digit must not pull that in.
                (pair.kind != .fragment || isFragment(first, h) || isFragment(second, h))
                    && Double(union.height) <= config.mergeMaxHeightRatio * h
                    // A piece within a wide digit's columns (a 2's broken-off top) does not
                    // widen it: its width is no reason to refuse.
                    && (Double(union.width) <= config.mergeMaxWidthRatio * h
                        || union.width == Swift.max(first.width, second.width))
            }
        }
        return (groups.candidates(pieces.map(\.index)), h)
    }

    /// Whether `a` underlines `b`: flat (at least 3:1, under `markMaxHeight` × H tall), half as
    /// wide again as `b`, and lower than `b`'s middle or wider than any digit (the rule under
    /// the line above). A 5's detached bar is about as wide as its body; a 7's bar, broken
    /// off at the corner, is wider than its slanted stem, but on top and no wider than a digit.
    private func underlines(_ a: PixelBox, _ b: PixelBox, _ h: Double) -> Bool {
        a.width >= 3 * a.height && Double(a.height) < config.markMaxHeight * h && 2 * a.width >= 3 * b.width
            && (2 * (a.y + a.height) > 2 * b.y + b.height || Double(a.width) > config.mergeMaxWidthRatio * h)
    }

    /// Whether `mark` is a bar level with the top of the taller `digit`: flat (2:1), its middle
    /// in the digit's top quarter, reaching down into its rows.
    private func atTop(_ mark: PixelBox, of digit: PixelBox) -> Bool {
        mark.width >= 2 * mark.height && mark.height < digit.height && mark.maxY > digit.y
            && 2 * mark.y + mark.height <= 2 * digit.y + digit.height / 2
    }

    /// Whether a piece has the shape of punctuation: flat (a hyphen, at least 2:1) or small
    /// and compact (a dot or comma, longer side under `markMaxHeight` × H).
    private func isMark(_ b: PixelBox, _ h: Double) -> Bool {
        let flat = b.width >= 2 * b.height && Double(b.height) < config.markMaxHeight * h
        let dot = Double(Swift.max(b.width, b.height)) < config.markMaxHeight * h && 2 * Swift.min(b.width, b.height) >= Swift.max(b.width, b.height)
        return flat || dot
    }

    /// For each piece, whether a whole digit of about its height stands beside it, sharing
    /// most of its rows: the piece is then a digit in a line, not part of one broken in two.
    ///
    /// A neighbour is whole when it is in none of the `paired` pieces: on a page of broken
    /// digits the neighbours are broken as well, and their halves stand side by side.
    private func besideWholeDigit(_ boxes: [PixelBox], cell: Int, paired: [(Int, Int)]) -> [Bool] {
        var isPaired = [Bool](repeating: false, count: boxes.count)
        for (a, b) in paired { isPaired[a] = true; isPaired[b] = true }
        var inLine = [Bool](repeating: false, count: boxes.count)
        guard isPaired.contains(true) else { return inLine }
        let pairs = candidatePairs(boxes, cell: cell, reach: cell) { i, j -> (Double, Void)? in
            let (a, b) = (boxes[i], boxes[j])
            let (shorter, taller) = (Swift.min(a.height, b.height), Swift.max(a.height, b.height))
            let beside = a.horizontalOverlap(b) == 0 && a.horizontalGap(b) <= shorter && 2 * a.verticalOverlap(b) >= taller
            return beside && 5 * shorter >= 4 * taller ? (0, ()) : nil
        }
        for pair in pairs {
            if !isPaired[pair.b] { inLine[pair.a] = true }
            if !isPaired[pair.a] { inLine[pair.b] = true }
        }
        return inLine
    }

    /// A piece narrower than this × the pen's stroke width is no pen stroke (a frame's remnant).
    static let penShare = 0.75
    /// Nor, beside another piece, is one narrower than this × its height: a box's wall left
    /// standing (1:14 and thinner in the hard suite's combs), where even an upright 1 of a
    /// pen fit for its size is wider.
    static let minBarAspect = 0.1

    /// Whether a piece is too short (and not wide enough) to be a digit on its own.
    private func isFragment(_ b: PixelBox, _ h: Double) -> Bool {
        Double(b.height) < config.fragmentHeightRatio * h && Double(b.width) < config.fragmentMaxWidthRatio * h
    }

    /// Whether a short piece sits on top of (or under) the other, overlapping its columns at
    /// all: a 5's detached top bar often reaches well past its body.
    private func capped(_ a: PixelBox, _ b: PixelBox, _ h: Double) -> Bool {
        let short = config.fragmentHeightRatio * h
        guard Double(Swift.min(a.height, b.height)) < short, a.horizontalOverlap(b) > 0 else { return false }
        return 2 * a.verticalOverlap(b) <= Swift.min(a.height, b.height)
    }

    /// Whether the x-extents overlap by at least `mergeOverlapRatio` of the narrower box.
    private func stacked(_ a: PixelBox, _ b: PixelBox) -> Bool {
        Double(a.horizontalOverlap(b)) >= config.mergeOverlapRatio * Double(Swift.min(a.width, b.width))
    }

    /// Pairs of boxes within `reach` pixels of each other that `score` accepts, best score first.
    private func candidatePairs<Kind>(_ boxes: [PixelBox], cell: Int, reach: Int,
                                      score: (Int, Int) -> (Double, Kind)?) -> [(a: Int, b: Int, score: Double, kind: Kind)] {
        guard !boxes.isEmpty else { return [] }
        let cell = Swift.max(cell, 1)
        let minX = boxes.map(\.x).min() ?? 0, minY = boxes.map(\.y).min() ?? 0
        let maxX = boxes.map(\.maxX).max() ?? 0, maxY = boxes.map(\.maxY).max() ?? 0
        let cols = (maxX - minX) / cell + 1, rows = (maxY - minY) / cell + 1
        func cells(_ b: PixelBox, pad: Int) -> (ClosedRange<Int>, ClosedRange<Int>) {
            let c0 = Swift.max((b.x - pad - minX) / cell, 0), c1 = Swift.min((b.maxX - 1 + pad - minX) / cell, cols - 1)
            let r0 = Swift.max((b.y - pad - minY) / cell, 0), r1 = Swift.min((b.maxY - 1 + pad - minY) / cell, rows - 1)
            return (c0...c1, r0...r1)
        }
        var grid = [Int: [Int]]()
        for (i, b) in boxes.enumerated() {
            let (cs, rs) = cells(b, pad: 0)
            for r in rs { for c in cs { grid[r * cols + c, default: []].append(i) } }
        }
        var seenBy = [Int](repeating: -1, count: boxes.count)
        var pairs: [(a: Int, b: Int, score: Double, kind: Kind)] = []
        for (i, b) in boxes.enumerated() {
            let (cs, rs) = cells(b, pad: reach)
            for r in rs {
                for c in cs {
                    for j in grid[r * cols + c] ?? [] where j > i && seenBy[j] != i {
                        seenBy[j] = i
                        if let (s, kind) = score(i, j) { pairs.append((i, j, s, kind)) }
                    }
                }
            }
        }
        pairs.sort { ($0.score, $0.a, $0.b) < ($1.score, $1.a, $1.b) }
        return pairs
    }
}

/// Disjoint groups of boxes, each knowing the box around all its members.
private struct UnionFind {
    private var parent: [Int]
    private var box: [PixelBox]

    init(_ boxes: [PixelBox]) {
        parent = Array(boxes.indices)
        box = boxes
    }

    mutating func find(_ i: Int) -> Int {
        var r = i
        while parent[r] != r { parent[r] = parent[parent[r]]; r = parent[r] }
        return r
    }

    /// Joins the groups of `a` and `b` if `accept` approves (given both groups' boxes and
    /// the box around both).
    mutating func join(_ a: Int, _ b: Int, accept: (PixelBox, PixelBox, PixelBox) -> Bool) {
        let ra = find(a), rb = find(b)
        guard ra != rb else { return }
        let union = box[ra].union(box[rb])
        guard accept(box[ra], box[rb], union) else { return }
        let (root, child) = ra < rb ? (ra, rb) : (rb, ra)
        parent[child] = root
        box[root] = union
    }

    /// The box of each group.
    var rootBoxes: [PixelBox] { parent.indices.filter { parent[$0] == $0 }.map { box[$0] } }

    /// One candidate per group, in order of each group's first member; `ids` names the members.
    mutating func candidates(_ ids: [Int]) -> [DigitCandidate] {
        var slot = [Int](repeating: -1, count: parent.count)
        var out: [DigitCandidate] = []
        for i in parent.indices {
            let r = find(i)
            if slot[r] < 0 {
                slot[r] = out.count
                out.append(DigitCandidate(box: box[r], components: []))
            }
            out[slot[r]].components.append(ids[i])
        }
        return out
    }
}
