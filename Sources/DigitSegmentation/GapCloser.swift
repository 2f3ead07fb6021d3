/// Bridges the gaps of a broken stroke inside one digit.
///
/// A pen that skips or a scan that drops faint ink leaves a digit in pieces; merging puts the
/// pieces back in one box, but the network still sees the gaps, and a 9 whose loop is cut
/// reads as a 4, a bold 1 cut across as an 8. A grey-level closing (dilation, then erosion, by
/// the same octagon) bridges gaps up to about twice its radius and leaves strokes as they were;
/// it also narrows holes and bays, so it is offered only for a digit in several pieces that
/// the network doubts, and kept only when the network reads the mended digit surely.
struct GapCloser: Sendable {
    /// The closing's radius as a share of the digit's longer side (`gapCloseRatio`).
    var ratio: Double

    /// Offered to digits the network reads below this (hard suites, seeds 7-12 and the
    /// committed one: 6 files fixed and none lost; offered below 0.9, 3 fixed) ...
    static let offeredBelow: Float = 0.99
    /// ... and kept when the mended digit reads at least this (at 0.9, one more hard-suite
    /// file fixed, but a speckled 8 mended into a 1) ...
    static let minConfidence: Float = 0.99
    /// ... with at most this share of the doubt the network had in the digit as it was.
    static let doubtLeft: Float = 0.5

    /// The network's input for `crop`, a digit of `pieces` components: the mended one when the
    /// network is surer of it, else `finish(crop)` as it is.
    func input(for crop: DigitCrop, pieces: Int, scorer: (any DigitScorer)?,
               finish: (DigitCrop) -> [UInt8]) -> [UInt8] {
        let asIs = finish(crop)
        guard ratio > 0, pieces > 1, let scorer,
              let before = scorer.confidences(for: [asIs]).first, before < Self.offeredBelow else { return asIs }
        let radius = Swift.max(1, Int((ratio * Double(Swift.max(crop.width, crop.height))).rounded()))
        let mended = finish(Self.closed(crop, radius: radius))
        guard let after = scorer.confidences(for: [mended]).first, after >= Self.minConfidence,
              1 - after <= Self.doubtLeft * (1 - before) else { return asIs }
        return mended
    }

    /// `crop` closed by `radius` pixels, on a canvas padded so that its edges stay paper.
    static func closed(_ crop: DigitCrop, radius r: Int) -> DigitCrop {
        guard r > 0, crop.width > 0, crop.height > 0 else { return crop }
        let (w, h) = (crop.width, crop.height)
        let pw = w + 2 * r, ph = h + 2 * r
        let padded = StrokeWidth.padded(crop.pixels, width: w, height: h, by: r)
        let grown = StrokeWidth.morph(padded, width: pw, height: ph, steps: r, Dilation.self)
        let closed = StrokeWidth.morph(grown, width: pw, height: ph, steps: r, Erosion.self)
        var out = crop
        for y in 0..<h { for x in 0..<w { out.pixels[y * w + x] = closed[(y + r) * pw + x + r] } }
        return out
    }
}
