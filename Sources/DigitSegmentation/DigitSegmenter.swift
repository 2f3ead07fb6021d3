import ImageDecoding

/// Finds digits on a page in reading order and normalises each MNIST-style.
///
/// Stages: median denoise → one Otsu threshold with automatic polarity (`InkModel`) →
/// 8-connected components (`ConnectedComponents`) → speck removal relative to the typical
/// digit height → fragment merging (`FragmentMerger`) → lines and reading order
/// (`LineGrouper`) → 28×28 normalisation (`MNISTNormalizer`). A value type with no shared
/// state: one segmenter may be used from many threads at once.
public struct DigitSegmenter: Sendable {
    public var config: SegmentationConfig
    public init(config: SegmentationConfig = SegmentationConfig()) { self.config = config }

    /// Digits in reading order: lines top to bottom, left to right within a line.
    ///
    /// A blank page gives `[]`. Throws when the configuration is invalid or the page has more
    /// than `config.maxComponents` connected components.
    public func segment(_ image: GrayImage) throws(SegmentationError) -> [SegmentedDigit] {
        try config.validate()
        let width = image.width, height = image.height
        guard width > 0, height > 0 else { return [] }

        let pixels = denoised(image)
        guard let ink = InkModel.estimate(pixels, width: width, height: height, config: config) else { return [] }
        let labels = try ConnectedComponents(pixels: pixels, width: width, height: height,
                                             maxComponents: config.maxComponents, isInk: ink.isInk)
        let components = labels.components
        let h = Self.typicalHeight(components.map(\.box.height))
        let kept = components.indices.compactMap { i -> (index: Int, box: PixelBox)? in
            let b = components[i].box
            return Double(Swift.max(b.width, b.height)) >= config.speckRatio * h ? (i, b) : nil
        }
        let (merged, digitHeight) = FragmentMerger(config: config).merge(kept) { i, j, limit in
            labels.inkGap(kept[i].index, kept[j].index, limit: limit)
        }
        let candidates = merged.filter {
            $0.box.height >= config.minDigitHeight
                && Double(Swift.max($0.box.width, $0.box.height)) >= config.fragmentHeightRatio * digitHeight
        }

        let (lineOf, order) = LineGrouper(config: config).group(candidates.map(\.box))
        let normalizer = MNISTNormalizer(config: config, ink: ink)
        return order.compactMap { i in
            guard let digit = normalizer.normalize(candidates[i], pixels: pixels, width: width,
                                                   height: height, labels: labels) else { return nil }
            return SegmentedDigit(box: candidates[i].box, line: lineOf[i], pixels: digit)
        }
    }

    /// The image after the median filter, or as it is when its paper is already clean
    /// (filtering clean images would only thin their thinnest strokes).
    private func denoised(_ image: GrayImage) -> [UInt8] {
        guard config.medianRadius > 0 else { return image.pixels }
        let histogram = GrayHistogram(image.pixels)
        let sigma = 1.4826 * Double(histogram.medianAbsoluteDeviation(from: histogram.mode()))
        guard sigma >= config.denoiseMinNoise else { return image.pixels }
        return MedianFilter.apply(image.pixels, width: image.width, height: image.height,
                                  radius: config.medianRadius)
    }

    /// Typical digit height: the median height of the components at least half as tall as
    /// the tallest (so small pieces and specks do not drag it down, and one digit suffices).
    static func typicalHeight(_ heights: [Int]) -> Double {
        guard let tallest = heights.max() else { return 1 }
        let tall = heights.filter { 2 * $0 >= tallest }.sorted()
        return Double(tall[tall.count / 2])
    }
}
