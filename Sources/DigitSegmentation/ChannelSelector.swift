import ImageDecoding

/// Picks the gray conversion of a colour picture that keeps the most contrast between ink and
/// paper: blue ink is darkest in the red channel, red ink in the green one, pencil and black
/// ink are best in luma (where the channels' noise averages out).
///
/// Candidates are luma (BT.601, as `ImageDecoder.decode` computes it), the darkest of the
/// three channels, and each channel alone. Each is scored by the gap between its paper and ink
/// levels (`InkModel.estimate`), on a subsample of at most about a megapixel so the choice costs
/// little next to the page's own segmentation. Luma wins ties: another conversion must beat it
/// clearly, so gray pictures and black ink read exactly as they always did.
enum ChannelSelector {
    /// A gray conversion of an RGB picture.
    enum Conversion: CaseIterable, Sendable {
        case luma, darkest, red, green, blue

        @inline(__always)
        func apply(_ r: UInt8, _ g: UInt8, _ b: UInt8) -> UInt8 {
            switch self {
            case .luma:
                return UInt8(truncatingIfNeeded: (19_595 * Int(r) + 38_470 * Int(g) + 7_471 * Int(b) + 32_768) >> 16)
            case .darkest: return Swift.min(r, g, b)
            case .red: return r
            case .green: return g
            case .blue: return b
            }
        }
    }

    /// Another conversion replaces luma only when its ink contrast is this much larger
    /// (relative), and by at least `minGain` gray levels.
    static let relativeGain = 1.15
    static let minGain = 16

    /// ... and shows at least this share of the ink pixels luma shows.
    static let minInkShare = 0.5

    /// The picture as gray levels, converted the way that keeps the most ink contrast.
    static func gray(_ image: RGBImage, config: SegmentationConfig) -> GrayImage {
        let conversion = choose(image, config: config)
        var out = [UInt8](repeating: 0, count: image.width * image.height)
        // One loop per conversion, through raw buffers: with the choice and the array's checks
        // inside the loop, this pass was 5.4 % of an A4 page's time (now 1 %).
        @inline(__always)
        func fill(_ convert: (UInt8, UInt8, UInt8) -> UInt8) {
            image.pixels.withUnsafeBufferPointer { rgb in
                out.withUnsafeMutableBufferPointer { out in
                    for i in 0..<out.count { out[i] = convert(rgb[3 * i], rgb[3 * i + 1], rgb[3 * i + 2]) }
                }
            }
        }
        switch conversion {
        case .luma: fill { Conversion.luma.apply($0, $1, $2) }
        case .darkest: fill { Swift.min($0, $1, $2) }
        case .red: fill { r, _, _ in r }
        case .green: fill { _, g, _ in g }
        case .blue: fill { _, _, b in b }
        }
        return GrayImage(width: image.width, height: image.height, pixels: out)
    }

    /// The conversion with the most ink contrast (luma for gray pictures and ties).
    static func choose(_ image: RGBImage, config: SegmentationConfig) -> Conversion {
        let n = image.width * image.height
        guard n > 0 else { return .luma }
        let step = Swift.max(1, Int((Double(n) / 1_000_000).squareRoot().rounded(.up)))
        let w = (image.width + step - 1) / step, h = (image.height + step - 1) / step
        // A gray picture stored as RGB (most scans) is settled by one look at its samples.
        let colourful = image.pixels.withUnsafeBufferPointer { rgb in
            (0..<h).contains { y in
                (0..<w).contains { x in
                    let p = 3 * ((y * step) * image.width + x * step)
                    return rgb[p] != rgb[p + 1] || rgb[p + 1] != rgb[p + 2]
                }
            }
        }
        guard colourful else { return .luma }
        // All five conversions side by side in one buffer (k * w * h + i), written through one
        // pointer: an array of arrays paid a uniqueness check per pixel and conversion.
        let cases = Conversion.allCases
        let count = cases.count, area = w * h
        var all = [UInt8](repeating: 0, count: count * area)
        image.pixels.withUnsafeBufferPointer { rgb in
            all.withUnsafeMutableBufferPointer { out in
                for y in 0..<h {
                    for x in 0..<w {
                        let p = 3 * ((y * step) * image.width + x * step)
                        let (r, g, b) = (rgb[p], rgb[p + 1], rgb[p + 2])
                        let i = y * w + x
                        for k in 0..<count { out[k * area + i] = cases[k].apply(r, g, b) }
                    }
                }
            }
        }
        let channels = (0..<count).map { Array(all[($0 * area)..<(($0 + 1) * area)]) }
        var small = config
        small.tileSize = Swift.max(4, config.tileSize / step)
        small.minInkPixels = Swift.max(1, config.minInkPixels / (step * step))
        let models = channels.map { InkModel.estimate($0, width: w, height: h, config: small) }
        let contrasts = models.map { $0.map { abs($0.paperLevel - $0.inkLevel) } ?? 0 }
        let inks = models.map { $0?.inkPixels ?? 0 }
        let luma = contrasts[0]
        // A conversion that shows less than half the ink luma shows scores its contrast on what
        // is left: blue handwriting on a form printed in black all but vanishes in the blue
        // channel, whose ink is then the black lines alone, the darkest there is.
        var best = 0
        for k in contrasts.indices.dropFirst() where contrasts[k] > contrasts[best] && Double(inks[k]) >= minInkShare * Double(inks[0]) {
            best = k
        }
        guard best != 0, Double(contrasts[best]) >= relativeGain * Double(luma),
              contrasts[best] - luma >= minGain else { return .luma }
        return Conversion.allCases[best]
    }
}
