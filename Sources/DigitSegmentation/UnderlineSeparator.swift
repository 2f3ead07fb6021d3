/// Takes an underline back off the digit it was merged with.
///
/// `FragmentMerger` joins a flat piece under a digit to it when the piece is no wider than one
/// and a half digits: a 2's detached base is such a piece. An underline under a single digit
/// is often no wider, and then the digit reads with a bar under it (a 2 as a 3, a 4 as a 1).
/// Box shapes cannot tell the two apart; the network can. A digit whose lowest piece is flat
/// and lies below the rest is read with and without that piece, and the surer reading is kept:
/// a 2 without its base is a doubtful 7, a 2 over an underline a doubtful 3. The piece left
/// out is too flat to be a digit and is dropped as a mark.
struct UnderlineSeparator: Sendable {
    var config: SegmentationConfig

    /// `units` with underlines taken off their digits. `boxes` are the components' boxes, `h`
    /// the typical digit height; `crop` cuts a candidate's ink out of the page, `finish` makes
    /// the network's input of a crop.
    func separate(_ units: [BrokenDigitJoiner.Unit], boxes: [PixelBox], height h: Double, scorer: any DigitScorer,
                  crop: (DigitCandidate) -> DigitCrop?, finish: (DigitCrop) -> [UInt8]) -> [BrokenDigitJoiner.Unit] {
        var trials: [(unit: Int, without: BrokenDigitJoiner.Unit)] = []
        for (n, unit) in units.enumerated() where unit.crop != nil {
            guard let rest = withoutUnderline(unit.candidate, boxes: boxes, height: h), let restCrop = crop(rest) else { continue }
            trials.append((n, BrokenDigitJoiner.Unit(candidate: rest, line: unit.line, crop: restCrop)))
        }
        guard !trials.isEmpty else { return units }
        // Each trial: the digit as merged, then without its underline.
        let images = trials.flatMap { trial in [units[trial.unit].crop, trial.without.crop].compactMap { $0.map(finish) } }
        let read = scorer.confidences(for: images)
        guard images.count == 2 * trials.count, read.count == images.count else { return units }
        var out = units
        for (k, trial) in trials.enumerated() where read[2 * k + 1] > read[2 * k] {
            out[trial.unit] = trial.without
        }
        return out
    }

    /// `candidate` less its underline: its lowest piece when that is flat (at least 3:1,
    /// under `markMaxHeight` × H tall), spans most of the rest's width, and has its middle
    /// below the rest's lowest row. Nil when it has none.
    func withoutUnderline(_ candidate: DigitCandidate, boxes: [PixelBox], height h: Double) -> DigitCandidate? {
        guard candidate.components.count >= 2 else { return nil }
        guard let low = candidate.components.max(by: { boxes[$0].maxY < boxes[$1].maxY }) else { return nil }
        let line = boxes[low]
        let others = candidate.components.filter { $0 != low }
        guard let first = others.first else { return nil }
        let rest = others.dropFirst().reduce(boxes[first]) { $0.union(boxes[$1]) }
        guard line.width >= 3 * line.height, Double(line.height) < config.markMaxHeight * h,
              5 * line.width >= 4 * rest.width, 2 * line.y + line.height >= 2 * rest.maxY else { return nil }
        return DigitCandidate(box: rest, components: others)
    }
}
