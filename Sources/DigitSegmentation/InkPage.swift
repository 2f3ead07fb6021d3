/// A page ready for component labelling: dark ink on evenly lit light paper, the ink model
/// that grades its gray levels, and the binary ink mask.
///
/// Stages: median denoise → polarity (light-on-dark pages are inverted, so every later stage
/// sees dark ink) → background flattening where the light is uneven → ink model (Otsu over
/// the ink-bearing tiles) → mask from Otsu or, where ink and paper levels overlap, Sauvola.
struct InkPage: Sendable {
    let width: Int
    let height: Int
    /// Gray levels with dark ink on light paper, denoised and, where needed, flattened.
    var pixels: [UInt8]
    var ink: InkModel
    var mask: InkMask
    /// Typical stroke width in pixels: the median horizontal run of the ink mask.
    var strokeWidth: Double
    /// Whether Sauvola's local threshold made the mask.
    var usedLocalThreshold: Bool
    /// Whether the page was divided by its paper level.
    var flattened: Bool

    /// Prepares `gray` (row-major `width × height`); nil when the page holds no ink.
    /// `flattenDarkInk`: a page read with dark ink is flattened even where it looks light-on-dark
    /// (a shadow over most of a photo makes it look so).
    static func prepare(_ gray: [UInt8], width: Int, height: Int, config: SegmentationConfig,
                        flattenDarkInk: Bool = false) -> InkPage? {
        guard width > 0, height > 0 else { return nil }
        let (denoised, histogramIfUnchanged) = denoise(gray, width: width, height: height, config: config)
        // One histogram of the page serves the polarity check and, for dark ink, the ink model
        // measured for flattening (each full pass was 3 % of an A4 page's time).
        let histogram = histogramIfUnchanged ?? GrayHistogram(denoised)
        var autoConfig = config
        autoConfig.polarity = .auto
        let looksDark = InkModel.inkIsDark(denoised, width: width, height: height, config: autoConfig,
                                           histogram: histogram)
        let dark: Bool
        switch config.polarity {
        case .auto: dark = looksDark
        case .darkOnLight: dark = true
        case .lightOnDark: dark = false
        }
        let canonical = dark ? denoised : denoised.map { 255 - $0 }
        // Flattening needs to know which side is paper; a forced polarity that contradicts
        // the page's look gets the page as it is.
        var darkConfig = config
        darkConfig.polarity = .darkOnLight
        var flat: [UInt8]? = nil
        // The ink model and mask of the page as it is, when measured for flattening: where the
        // light needs no flattening they are the page's own (the same inputs, measured again,
        // were 8 % of an A4 page's time).
        var unflattened: (ink: InkModel, mask: InkMask)?
        if dark == looksDark || (dark && flattenDarkInk), config.backgroundBlockRatio > 0 {
            // The stroke width as a plain threshold sees it sets the least flattening scale
            // (measured so that a shadow band taken for ink does not pass for a stroke).
            if let rough = InkModel.estimate(canonical, width: width, height: height, config: darkConfig,
                                             histogram: dark ? histogram : nil) {
                unflattened = (rough, InkMask(pixels: canonical, width: width, height: height, isInk: rough.isInk))
            }
            let strokes = unflattened?.mask.strokeWidthBesideShadows() ?? 0
            flat = BackgroundFlattener.flatten(canonical, width: width, height: height,
                                               strokeWidth: Double(strokes), config: config)
        }
        let pixels = flat ?? canonical
        let ink: InkModel
        var mask: InkMask
        if flat == nil, let unflattened {
            (ink, mask) = unflattened
        } else {
            guard let model = InkModel.estimate(pixels, width: width, height: height, config: darkConfig) else { return nil }
            ink = model
            mask = InkMask(pixels: pixels, width: width, height: height, isInk: ink.isInk)
        }
        // A scanner's black margin is no ink, and would pass for the page's stroke width.
        mask.clearBorderBands()
        let strokeWidth = Double(mask.medianRunLength() ?? 1)
        let local: Bool
        switch config.threshold {
        case .otsu: local = false
        case .sauvola: local = true
        case .auto: local = ink.separability < config.sauvolaBelowSeparability
        }
        if local {
            let window = Swift.max(15, Int((config.sauvolaWindowStrokes * strokeWidth).rounded()) | 1)
            mask = SauvolaThreshold.mask(pixels, width: width, height: height, window: window,
                                         k: config.sauvolaK, maxLevel: ink.paperLevel - config.minContrast / 2)
            mask.clearBorderBands()
        }
        return InkPage(width: width, height: height, pixels: pixels, ink: ink, mask: mask,
                       strokeWidth: strokeWidth, usedLocalThreshold: local, flattened: flat != nil)
    }

    /// The image after the median filter, or as it is when its paper is already clean
    /// (filtering clean images would only thin their thinnest strokes) or when the filter
    /// would take its ink away.
    ///
    /// A square median is meant for noise, but it also erases every line thinner than half its
    /// window: a page written with a 1 px pen lost its digits. So a page whose ink (pixels as
    /// far from the paper as half the page's contrast, paper to its darkest or lightest
    /// thousandth, and at least `tileNoiseSigmas` noise sigmas) would mostly vanish under the
    /// filter is read unfiltered: its ink is thin strokes, not noise. Pages where thin lines
    /// are only part of the ink, such as 1 px form-box borders around ordinary digits, are
    /// still filtered.
    /// Also returns the histogram of the pixels it returns, where it took it (they are the
    /// page's own).
    private static func denoise(_ pixels: [UInt8], width: Int, height: Int,
                                config: SegmentationConfig) -> (pixels: [UInt8], histogram: GrayHistogram?) {
        guard config.medianRadius > 0 else { return (pixels, nil) }
        let histogram = GrayHistogram(pixels)
        let paper = histogram.mode()
        let sigma = 1.4826 * Double(histogram.medianAbsoluteDeviation(from: paper))
        guard sigma >= config.denoiseMinNoise else { return (pixels, histogram) }
        let filtered = MedianFilter.apply(pixels, width: width, height: height, radius: config.medianRadius)
        let darkest = histogram.percentile(0.001, in: 0...255) ?? paper
        let lightest = histogram.percentile(0.999, in: 0...255) ?? paper
        let contrast = Swift.max(paper - darkest, lightest - paper)
        let margin = Int(Swift.max(config.tileNoiseSigmas * sigma, Double(contrast) / 2).rounded())
        // Counted on every row of a small page, on about 256 evenly spread rows of a large
        // one (a full count cost 3 % of an A4 page's time).
        let isInk = (0..<256).map { abs($0 - paper) > margin ? 1 : 0 }
        let step = Swift.max(height / 256, 1)
        func inkCount(_ image: [UInt8]) -> Int {
            var n = 0
            for y in stride(from: 0, to: height, by: step) {
                for x in 0..<width { n &+= isInk[Int(image[y * width + x])] }
            }
            return n
        }
        let before = inkCount(pixels)
        guard before * step >= config.minInkPixels, 2 * inkCount(filtered) < before else { return (filtered, nil) }
        return (pixels, histogram)
    }
}
