import ImageDecoding

extension InkModel {
    /// Estimates the ink model of a (denoised) page; nil when the page holds no ink.
    ///
    /// A plain global Otsu fails on a large page with a few small digits: the ink is a tiny
    /// fraction of the histogram and Otsu splits the paper noise instead. So the threshold is
    /// Otsu's over the tiles that plainly hold ink — tiles with a pixel far (several noise
    /// sigmas) from the paper peak — where ink is a fair share of the pixels. Still one
    /// global threshold, and linear time.
    ///
    /// `histogram` is `GrayHistogram(pixels)` when the caller has it already. With dark ink
    /// (`config.polarity` `.darkOnLight`), a scanner's black margin is left out (`DarkMargin`).
    static func estimate(_ pixels: [UInt8], width: Int, height: Int,
                         config: SegmentationConfig, histogram: GrayHistogram? = nil) -> InkModel? {
        let whole = histogram ?? GrayHistogram(pixels)
        if config.polarity == .darkOnLight,
           let inner = DarkMargin.inside(pixels, width: width, height: height, histogram: whole) {
            return measured(inner.pixels, width: inner.width, height: inner.height, config: config,
                            histogram: GrayHistogram(inner.pixels))
        }
        return measured(pixels, width: width, height: height, config: config, histogram: whole)
    }

    /// `estimate` of a page with no margin to leave out.
    private static func measured(_ pixels: [UInt8], width: Int, height: Int,
                                 config: SegmentationConfig, histogram whole: GrayHistogram) -> InkModel? {
        guard whole.total > 0 else { return nil }
        let peak = whole.mode()
        let sigma = Swift.max(1.4826 * Double(whole.medianAbsoluteDeviation(from: peak)), 1)
        // Ink must stand out from the paper noise and by at least half the minimum contrast.
        let reach = Int(Swift.max(config.tileNoiseSigmas * sigma, Double(config.minContrast) / 2).rounded(.up))
        let darkLimit = peak - reach, brightLimit = peak + reach
        let allowDark = config.polarity != .lightOnDark
        let allowBright = config.polarity != .darkOnLight

        let inkTiles = tileHistogram(pixels, width: width, height: height, tileSize: config.tileSize,
                                     darkest: allowDark ? darkLimit : -1, brightest: allowBright ? brightLimit : 256)
        guard inkTiles.total > 0, let otsu = OtsuThreshold(inkTiles) else { return nil }

        let inkIsDark: Bool
        switch config.polarity {
        case .darkOnLight: inkIsDark = true
        case .lightOnDark: inkIsDark = false
        case .auto: inkIsDark = peak > otsu.threshold
        }
        let inkRange = inkIsDark ? 0...otsu.threshold : (otsu.threshold + 1)...255
        let paperRange = inkIsDark ? (otsu.threshold + 1)...255 : 0...otsu.threshold
        guard let inkLevel = inkTiles.median(in: inkRange), whole.count(in: paperRange) > 0 else { return nil }
        let paperLevel = whole.mode(in: paperRange)
        // Contrast is judged on the darkest fifth of the ink (the far end for light ink): a
        // hairline's pixels are mostly part paper, and its median alone would call it a smudge.
        let strongest = (inkIsDark ? inkTiles.percentile(0.2, in: inkRange) : inkTiles.percentile(0.8, in: inkRange)) ?? inkLevel
        let inkPixels = whole.count(in: inkRange)
        guard abs(paperLevel - strongest) >= config.minContrast, inkPixels >= config.minInkPixels else { return nil }
        return InkModel(inkIsDark: inkIsDark, threshold: otsu.threshold, paperLevel: paperLevel,
                        inkLevel: inkLevel, noiseFloor: Swift.min(2 * sigma, Double(abs(paperLevel - inkLevel)) / 4),
                        separability: otsu.betweenClassVariance / Swift.max(inkTiles.variance, 1e-9),
                        inkPixels: inkPixels)
    }

    /// Whether the ink of a page looks darker than its paper (whatever `config.polarity` says): the estimate's answer when there is
    /// one; otherwise (a page the estimate calls blank, which may only be unevenly lit) whether
    /// more pixels lie far below the paper peak than far above it.
    ///
    /// A shadow over most of a page makes the lit part look like light ink on dark paper: the
    /// page's most common gray is the shadow's. So light ink is believed only when, measured
    /// against each tile's own paper, dark pixels do not stand out twice as often as bright
    /// ones (`localDeviants`).
    static func inkIsDark(_ pixels: [UInt8], width: Int, height: Int, config: SegmentationConfig,
                          histogram: GrayHistogram? = nil) -> Bool {
        let whole = histogram ?? GrayHistogram(pixels)
        if let model = estimate(pixels, width: width, height: height, config: config, histogram: whole) {
            guard !model.inkIsDark, config.polarity == .auto else { return model.inkIsDark }
            let local = localDeviants(pixels, width: width, height: height, config: config)
            return local.dark > 2 * local.bright
        }
        let peak = whole.mode()
        let reach = Swift.max(Int(config.tileNoiseSigmas * 1.4826 * Double(whole.medianAbsoluteDeviation(from: peak))),
                              config.minContrast / 2)
        let below = peak - reach >= 0 ? whole.count(in: 0...(peak - reach)) : 0
        let above = peak + reach <= 255 ? whole.count(in: (peak + reach)...255) : 0
        return below >= above
    }

    /// Pixels far darker and far brighter than their tile's paper (its most common gray), over
    /// tiles a quarter of the page's shorter side (at least 32 px, several strokes wide): ink
    /// stands out from the paper around it, wherever the light falls. A tile where over a
    /// third of the pixels stand out is a shadow's edge or a blot, not strokes on paper, and
    /// is not counted.
    static func localDeviants(_ pixels: [UInt8], width: Int, height: Int,
                              config: SegmentationConfig) -> (dark: Int, bright: Int) {
        let tile = Swift.max(32, Swift.min(width, height) / 4)
        var dark = 0, bright = 0
        for ty in stride(from: 0, to: height, by: tile) {
            for tx in stride(from: 0, to: width, by: tile) {
                var histogram = GrayHistogram()
                for y in ty..<Swift.min(ty + tile, height) {
                    for x in tx..<Swift.min(tx + tile, width) { histogram.counts[Int(pixels[y * width + x])] += 1 }
                }
                let paper = histogram.mode()
                let sigma = 1.4826 * Double(histogram.medianAbsoluteDeviation(from: paper))
                let reach = Int(Swift.max(config.tileNoiseSigmas * sigma, Double(config.minContrast) / 2).rounded(.up))
                let below = paper - reach >= 0 ? histogram.count(in: 0...(paper - reach)) : 0
                let above = paper + reach <= 255 ? histogram.count(in: (paper + reach)...255) : 0
                guard 3 * (below + above) <= histogram.total else { continue }
                dark += below
                bright += above
            }
        }
        return (dark, bright)
    }

    /// Histogram of the pixels in the square tiles holding a pixel far from the paper: at most
    /// `darkest` or at least `brightest`. Looking for that pixel was most of an A4 page's ink
    /// estimate, nearly all of it over paper; sixteen pixels are now compared at once.
    private static func tileHistogram(_ pixels: [UInt8], width: Int, height: Int, tileSize: Int,
                                      darkest: Int, brightest: Int) -> GrayHistogram {
        let marks = (0..<256).map { $0 <= darkest || $0 >= brightest }
        // Sixteen pixels at once where the limits fit in bytes (-1 and 256 match none).
        let low = SIMD16<UInt8>(repeating: UInt8(clamping: Swift.max(darkest, 0)))
        let high = SIMD16<UInt8>(repeating: UInt8(clamping: Swift.min(brightest, 255)))
        let testLow = darkest >= 0, testHigh = brightest <= 255
        let tile = Swift.max(tileSize, 1)
        let tilesX = (width + tile - 1) / tile, tilesY = (height + tile - 1) / tile
        var marked = [Bool](repeating: false, count: tilesX * tilesY)
        var counts = [Int](repeating: 0, count: 256)
        // Tile by tile along each row, stopping at a tile's first mark (no division per
        // pixel), on raw buffers: this pass was 5.6 % of a small scan's time, now under 2 %.
        pixels.withUnsafeBufferPointer { pixels in
            guard let base = pixels.baseAddress else { return }
            let raw = UnsafeRawPointer(base)
            marks.withUnsafeBufferPointer { marks in
                marked.withUnsafeMutableBufferPointer { marked in
                    for y in 0..<height {
                        let row = y * width, ty = (y / tile) * tilesX
                        for tx in 0..<tilesX where !marked[ty + tx] {
                            var x = tx * tile
                            let end = Swift.min((tx + 1) * tile, width)
                            while x + 16 <= end {
                                let v = raw.loadUnaligned(fromByteOffset: row + x, as: SIMD16<UInt8>.self)
                                if (testLow && any(v .<= low)) || (testHigh && any(v .>= high)) { break }
                                x += 16
                            }
                            while x < end && !marks[Int(pixels[row + x])] { x += 1 }
                            if x < end { marked[ty + tx] = true }
                        }
                    }
                }
            }
            counts.withUnsafeMutableBufferPointer { counts in
                for ty in 0..<tilesY {
                    for tx in 0..<tilesX where marked[ty * tilesX + tx] {
                        for y in (ty * tile)..<Swift.min((ty + 1) * tile, height) {
                            let row = y * width
                            for x in (tx * tile)..<Swift.min((tx + 1) * tile, width) { counts[Int(pixels[row + x])] += 1 }
                        }
                    }
                }
            }
        }
        var histogram = GrayHistogram()
        histogram.counts = counts
        return histogram
    }
}
