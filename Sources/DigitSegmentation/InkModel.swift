/// Which gray levels are ink on one page, and how dark (or bright) full ink and bare paper are.
///
/// Built by `InkModel.estimate`; `nil` from there means the page is blank.
struct InkModel: Sendable, Equatable {
    /// True for dark ink on light paper, false for light ink on dark paper.
    var inkIsDark: Bool
    /// Otsu threshold: with dark ink, levels `<= threshold` are ink; otherwise levels `> threshold`.
    var threshold: Int
    /// Gray level of bare paper (the histogram peak on the paper side).
    var paperLevel: Int
    /// Gray level of solid ink (the median of the ink class near ink).
    var inkLevel: Int
    /// Paper noise, in gray levels, below which a difference from the paper counts as no ink.
    var noiseFloor: Double
    /// Otsu's between-class variance over the total variance of the ink-bearing tiles, 0 ... 1:
    /// near 1 when ink and paper are two clean levels, low when they blend into each other.
    var separability: Double = 1
    /// How many of the page's pixels are ink at the threshold.
    var inkPixels = 0

    /// Whether a (denoised) gray level is ink.
    @inline(__always)
    func isInk(_ v: UInt8) -> Bool {
        inkIsDark ? Int(v) <= threshold : Int(v) > threshold
    }

    /// How much ink a gray level holds, 0 (paper or lighter) ... 1 (solid ink or darker).
    ///
    /// Linear between the paper level (plus the noise floor) and the ink level, so anti-aliased
    /// edges keep their partial coverage the way MNIST's gray levels do.
    @inline(__always)
    func inkAmount(_ v: UInt8) -> Float {
        let depth = inkIsDark ? Float(paperLevel - Int(v)) : Float(Int(v) - paperLevel)
        let full = Float(abs(paperLevel - inkLevel))
        let floor = Float(noiseFloor)
        let a = (depth - floor) / Swift.max(full - floor, 1)
        return Swift.min(Swift.max(a, 0), 1)
    }
}
