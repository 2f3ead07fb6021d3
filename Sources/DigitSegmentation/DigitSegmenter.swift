import ImageDecoding

/// Finds digits on a page in reading order and normalises each MNIST-style.
///
/// Stages: page preparation (`InkPage`: denoise, polarity, uneven light, threshold) →
/// 8-connected components (`ConnectedComponents`) → speck removal relative to the typical
/// digit height → fragment merging (`FragmentMerger`), and what is left chained where it is the
/// dashes of one stroke (`DashedStroke`) → lines and reading order (`LineGrouper`) → with the
/// network, underlines taken off digits (`UnderlineSeparator`), neighbours broken from one
/// digit joined (`BrokenDigitJoiner`) and left-over pieces given back to the digit they make
/// surer (`FragmentAttacher`) → touching digits split (`TouchingSplitter`), the gaps of a
/// broken digit the network doubts closed (`GapCloser`) → 28×28
/// normalisation (`MNISTNormalizer`, with stroke width brought into MNIST's range). With the
/// network's help, a photo of a sheet on a desk is also read with the desk painted out
/// (`SheetFinder`), a page that looks turned is also read turned level (`PageSkew`), and a page
/// whose apparent polarity finds nothing is read with dark ink. A picture too small to segment
/// as it is is read enlarged (`SmallPicture`). A value type with no shared state: one segmenter
/// may be used from many threads at once.
public struct DigitSegmenter: Sendable {
    public var config: SegmentationConfig
    public init(config: SegmentationConfig = SegmentationConfig()) { self.config = config }
    /// Pages are flattened with dark ink even where they look light-on-dark (`read`).
    private var flattenDarkInk = false

    /// Digits in reading order: lines top to bottom, left to right within a line.
    ///
    /// A blank page gives `[]`. Throws when the configuration is invalid or the page has more
    /// than `config.maxComponents` connected components.
    /// `scorer`, when given, judges candidate splits of touching digits; without one, a blob
    /// is split at its deepest projection valley when its shape alone says it is several digits.
    /// With a scorer and `config.findSheet`, a photo of a sheet on a darker desk is also read
    /// with the desk painted out (`SheetFinder`), and that reading wins when it has more
    /// digits the network is sure of away from the desk (`surer`).
    public func segment(_ image: GrayImage, scorer: (any DigitScorer)? = nil) throws(SegmentationError) -> [SegmentedDigit] {
        try config.validate()
        if let factor = SmallPicture.factor(width: image.width, height: image.height, below: config.enlargeBelow) {
            return try segmentEnlarged(image, by: factor, scorer: scorer)
        }
        let plain = try segmentAsIs(image, scorer: scorer)
        // Small digits on a larger picture (a screenshot of a form): read enlarged as well, and
        // that reading kept unless the network is sure of fewer digits in it.
        guard let factor = SmallPicture.factor(digitHeights: plain.map(\.box.height), below: config.enlargeDigitsBelow,
                                               pixels: image.width * image.height) else { return plain }
        let enlarged = try segmentEnlarged(image, by: factor, scorer: scorer)
        guard let scorer else { return enlarged }
        return Self.sureCount(enlarged, scorer) >= Self.sureCount(plain, scorer) ? enlarged : plain
    }

    /// `segment(_:scorer:)` of `image` enlarged `factor` times, boxes on `image`.
    private func segmentEnlarged(_ image: GrayImage, by factor: Int, scorer: (any DigitScorer)?) throws(SegmentationError) -> [SegmentedDigit] {
        // Sizes in pixels of the picture stay sizes of the picture.
        var enlarged = self
        enlarged.config.minDigitHeight *= factor
        enlarged.config.minInkPixels *= factor * factor
        var digits = try enlarged.segmentAsIs(SmallPicture.enlarged(image, by: factor), scorer: scorer)
        for i in digits.indices { digits[i].box = SmallPicture.boxBack(digits[i].box, factor: factor) }
        return digits
    }

    /// `segment(_:scorer:)` at the picture's own size.
    private func segmentAsIs(_ image: GrayImage, scorer: (any DigitScorer)?) throws(SegmentationError) -> [SegmentedDigit] {
        let plain = try read(image, scorer: scorer)
        guard config.findSheet, let scorer, let sheet = SheetFinder(in: image) else { return plain }
        let onSheet = try read(sheet.image, scorer: scorer)
        let (plainSure, sheetSure) = (Self.confidences(plain, scorer), Self.confidences(onSheet, scorer))
        // A light digit on a dark ground (an MNIST image saved as a picture) can pass for a
        // bright sheet on a desk, and with the "desk" painted out only its rim and the holes
        // of its loops are left as ink. A digit of the plain reading that spans the whole
        // "sheet" stays when the network reads it as a digit and surer than anything written on
        // the sheet, away from its edge (a sheet's outline taken for a 0 reads less surely than
        // the digits on it). Pieces of the sheet's edge or the desk beside it are still none.
        let spanning = zip(plain, plainSure).filter { sheet.spansSheet($0.0.box) }.map(\.1).max() ?? 0
        let written = zip(onSheet, sheetSure).filter { !sheet.isSheetOrEdge($0.0.box) }.map(\.1).max() ?? 0
        if spanning >= TouchingSplitter.noDigit, spanning > written {
            return plain.filter { sheet.spansSheet($0.box) || !sheet.isSheetOrEdge($0.box) }
        }
        // A shadow with a hard edge across a page passes for a desk too, and painting it out
        // takes the digits in it: a sheet the network reads nothing sure on does not win
        // over a plain reading with sure digits (as tall as the "sheet", a lit strip between
        // two shadows, too), unless they are thin bars beside the sheet's sides or span the
        // picture (a shadow's edges read as 1s).
        if !sheetSure.contains(where: { $0 >= Self.sure }),
           zip(plain, plainSure).contains(where: { digit, sure in
               sure >= Self.sure && !sheet.isSideBar(digit.box) && !Self.spans(image, digit.box)
           }) { return plain }
        return Self.surer(onSheet, sheetSure, than: plain, plainSure, on: sheet) ? onSheet : plain
    }

    /// The digits of `image` (`readOnce`; with a scorer, read again with dark ink when the
    /// polarity the page looks to have finds nothing, or nothing but shapes spanning the picture).
    private func read(_ image: GrayImage, scorer: (any DigitScorer)?) throws(SegmentationError) -> [SegmentedDigit] {
        let plain = try readOnce(image, scorer: scorer)
        // A hard-edged shadow over most of a photo passes for dark paper, its lit part for
        // light ink, and the digits in the shadow are lost: a page where the polarity it
        // looks to have finds nothing at all, or nothing but "digits" nearly as tall or as
        // wide as the picture (the lit parts or the edges of such a shadow, read as 1s), is
        // read again with dark ink, its light flattened although it looks light-on-dark (the
        // shadow is why it does), and that reading kept when the network is sure of a digit in
        // it. (Read again whenever the first reading had fewer sure digits, MNIST's own
        // light-on-dark images lost 7 of 10,000: a loop's hole taken for a 0; whenever it had
        // no sure digit, a desk photo and an MNIST image too.)
        guard plain.allSatisfy({ Self.spans(image, $0.box) }), config.polarity == .auto, let scorer else { return plain }
        var darkInk = self
        darkInk.config.polarity = .darkOnLight
        darkInk.flattenDarkInk = true
        let other = try darkInk.readOnce(image, scorer: scorer)
        return Self.sureCount(other, scorer) > 0 ? other : plain
    }

    /// Whether `box` is nearly as tall or as wide as `image` (0.9 of it): no digit written on a
    /// page is, but the edges and lit parts of a shadow across it are.
    static func spans(_ image: GrayImage, _ box: PixelBox) -> Bool {
        10 * box.height >= 9 * image.height || 10 * box.width >= 9 * image.width
    }

    /// `read` with the polarity the page looks to have (or the one configured).
    private func readOnce(_ image: GrayImage, scorer: (any DigitScorer)?) throws(SegmentationError) -> [SegmentedDigit] {
        guard let page = InkPage.prepare(image.pixels, width: image.width, height: image.height,
                                         config: config, flattenDarkInk: flattenDarkInk) else { return [] }
        return try readPage(page, image: image, scorer: scorer)
    }

    /// The digits of `page`, prepared from `image`; with a scorer, a page turned at least
    /// `config.levelMinAngle` whose reading has a doubtful digit (below 0.9) is also read turned
    /// level (`PageSkew`), and that reading wins with more digits the network is sure of, its
    /// boxes mapped back onto the page as it was.
    private func readPage(_ page: InkPage, image: GrayImage, scorer: (any DigitScorer)?) throws(SegmentationError) -> [SegmentedDigit] {
        let plain = try digits(on: page, scorer: scorer)
        // Only a reading with doubts is worth a second: a page of few digits can seem askew
        // (two stacked digits bunch best at some angle), and its turned reading may split one.
        guard config.levelMinAngle > 0, let scorer, let skew = PageSkew.angle(of: page.mask),
              abs(skew) >= config.levelMinAngle else { return plain }
        let confidences = Self.confidences(plain, scorer)
        guard plain.isEmpty || confidences.contains(where: { $0 < Self.sure }) else { return plain }
        let fill = UInt8(GrayHistogram(image.pixels).mode())
        let level = PageSkew.rotated(image, degrees: -skew, fill: fill)
        guard let levelPage = InkPage.prepare(level.pixels, width: level.width, height: level.height,
                                              config: config, flattenDarkInk: flattenDarkInk) else { return plain }
        var turned = try digits(on: levelPage, scorer: scorer)
        guard Self.sureCount(turned, scorer) > confidences.filter({ $0 >= Self.sure }).count else { return plain }
        for i in turned.indices {
            turned[i].box = PageSkew.boxBack(turned[i].box, degrees: -skew, width: image.width, height: image.height)
        }
        return turned
    }

    /// A digit the network reads with at least this is one it is sure of, when two readings of
    /// a page (plain and turned level, plain and without the desk) are weighed.
    static let sure: Float = 0.9

    /// The network's confidence in each of `digits`.
    static func confidences(_ digits: [SegmentedDigit], _ scorer: any DigitScorer) -> [Float] {
        digits.isEmpty ? [] : scorer.confidences(for: digits.map(\.pixels))
    }

    /// How many of `digits` the network is sure of.
    static func sureCount(_ digits: [SegmentedDigit], _ scorer: any DigitScorer) -> Int {
        confidences(digits, scorer).filter { $0 >= sure }.count
    }

    /// Whether the sheet's reading `a` beats the plain reading `b`: more digits the network is
    /// sure of (0.9), not counting the sheet, its edge or the desk read as ink; or as many, and
    /// fewer pieces of desk at the picture's border (a scanner's black margin read as a 1); or
    /// as many again, and fewer pieces as tall as the sheet or along its sides (its sides read
    /// as thin 1s).
    /// On a full tie the plain reading stays.
    static func surer(_ a: [SegmentedDigit], than b: [SegmentedDigit], on sheet: SheetFinder,
                      scorer: any DigitScorer) -> Bool {
        surer(a, confidences(a, scorer), than: b, confidences(b, scorer), on: sheet)
    }

    /// `surer(_:than:on:scorer:)` with the network's confidences in each reading's digits.
    static func surer(_ a: [SegmentedDigit], _ aSure: [Float], than b: [SegmentedDigit], _ bSure: [Float],
                      on sheet: SheetFinder) -> Bool {
        func tally(_ digits: [SegmentedDigit], _ confidences: [Float]) -> (sure: Int, desk: Int, tall: Int) {
            let sure = zip(digits, confidences).filter { $1 >= Self.sure && !sheet.isSheetOrEdge($0.box) }.count
            return (sure, digits.filter { sheet.isDeskAtBorder($0.box) }.count,
                    digits.filter { sheet.isSheetSide($0.box) }.count)
        }
        let (ta, tb) = (tally(a, aSure), tally(b, bSure))
        if ta.sure != tb.sure { return ta.sure > tb.sure }
        return ta.desk != tb.desk ? ta.desk < tb.desk : ta.tall < tb.tall
    }

    /// Digits of a colour picture, read from the gray conversion that keeps the most contrast
    /// between its ink and its paper (`ChannelSelector`); otherwise as `segment(_:scorer:)` for gray.
    public func segment(_ image: RGBImage, scorer: (any DigitScorer)? = nil) throws(SegmentationError) -> [SegmentedDigit] {
        try config.validate()
        return try segment(ChannelSelector.gray(image, config: config), scorer: scorer)
    }

    /// The digits of a prepared page.
    func digits(on prepared: InkPage, scorer: (any DigitScorer)? = nil) throws(SegmentationError) -> [SegmentedDigit] {
        var page = prepared
        let width = page.width, height = page.height
        var mask = page.mask
        var (labels, dots) = try removeLines(from: &mask, page: page, findDots: config.joinDots)
        if let dots {
            // Draw the strokes the dots stand for, then find the now solid strokes.
            let links = DottedStrokes.links(dots, ratio: config.dotGapRatio)
            DottedStrokes.draw(links, dots: dots, into: &page.pixels, width: width, height: height,
                               paper: page.ink.paperLevel)
            page.mask = InkMask(pixels: page.pixels, width: width, height: height, isInk: page.ink.isInk)
            page.mask.clearBorderBands()
            page.strokeWidth = Double(page.mask.medianRunLength() ?? 1)
            mask = page.mask
            labels = try removeLines(from: &mask, page: page, findDots: false).labels
        }
        let components = labels.components
        let h = Self.typicalHeight(components.map(\.box.height))
        let kept = components.indices.compactMap { i -> (index: Int, box: PixelBox)? in
            let b = components[i].box
            return Double(Swift.max(b.width, b.height)) >= config.speckRatio * h ? (i, b) : nil
        }
        let (merged, digitHeight) = FragmentMerger(config: config).merge(kept, penWidth: page.strokeWidth) { i, j, limit in
            labels.inkGap(kept[i].index, kept[j].index, limit: limit)
        }
        // Too small for a digit, or too flat (a hyphen or an underline: no digit is that short).
        func isDigitSized(_ box: PixelBox) -> Bool {
            Swift.max(box.width, box.height) >= config.minDigitHeight
                && Double(Swift.max(box.width, box.height)) >= config.fragmentHeightRatio * digitHeight
                && Double(box.height) >= config.markMaxHeight * digitHeight
        }
        var candidates = merged.filter { isDigitSized($0.box) }
        // What is left, specks included, may be the dashes of a broken stroke.
        var isKept = [Bool](repeating: false, count: components.count)
        for piece in kept { isKept[piece.index] = true }
        let leftover = merged.filter { !isDigitSized($0.box) }
            + components.indices.filter { !isKept[$0] }.map { DigitCandidate(box: components[$0].box, components: [$0]) }
        let (chains, unchained) = DashedStroke.chains(leftover, height: digitHeight,
                                                   minWidth: FragmentMerger.penShare * page.strokeWidth, config: config)
        candidates += chains.filter { isDigitSized($0.box) }

        let (lineOf, order) = LineGrouper(config: config).group(candidates.map(\.box))
        let normalizer = MNISTNormalizer(config: config, ink: page.ink)
        let crop = { (c: DigitCandidate) in normalizer.crop(c, pixels: page.pixels, width: width, height: height, labels: labels) }
        let crops = order.map { crop(candidates[$0]) }
        // Thick or thin strokes are the pen's when the page's median digit has them; bold
        // digits in an ordinary hand are left alone, as MNIST has such digits too.
        let ratios = crops.compactMap { crop -> Double? in
            guard let crop, let sw = StrokeWidth.measure(crop.pixels, width: crop.width, height: crop.height) else { return nil }
            return sw / Double(Swift.max(crop.width, crop.height))
        }.sorted()
        let pageRatio = ratios.isEmpty ? config.strokeTarget : ratios[ratios.count / 2]
        let thin = pageRatio > config.markerPageRatio, thicken = pageRatio < config.strokeMin
        let finish = { (c: DigitCrop) in normalizer.finish(c, thin: thin, thicken: thicken) }
        var units = zip(order, crops).map { BrokenDigitJoiner.Unit(candidate: candidates[$0], line: lineOf[$0], crop: $1) }
        if let scorer {
            units = UnderlineSeparator(config: config).separate(units, boxes: components.map(\.box), height: digitHeight,
                                                                scorer: scorer, crop: crop, finish: finish)
            units = BrokenDigitJoiner(config: config).join(units, height: digitHeight, scorer: scorer, crop: crop, finish: finish)
            units = FragmentAttacher(config: config).attach(units, pieces: unchained, height: digitHeight, scorer: scorer,
                                                            crop: crop, finish: finish)
        }
        let splitter = TouchingSplitter(config: config)
        let mender = GapCloser(ratio: config.gapCloseRatio)
        var widthsByLine = [Int: [Int]]()
        for unit in units { widthsByLine[unit.line, default: []].append(unit.candidate.box.width) }
        var found: [SegmentedDigit] = []
        for unit in units {
            guard let crop = unit.crop else { continue }
            // The median width of the line's other digits, when there are at least two.
            var others = widthsByLine[unit.line] ?? []
            if let mine = others.firstIndex(of: unit.candidate.box.width) { others.remove(at: mine) }
            others.sort()
            let lineWidth = others.count >= 2 ? Double(others[others.count / 2]) : nil
            if let pieces = splitter.split(crop, lineWidth: lineWidth, scorer: scorer, trustDoubt: dots == nil, finish: finish) {
                found += pieces.map { SegmentedDigit(box: $0.box, line: unit.line, pixels: finish($0)) }
            } else {
                let pixels = mender.input(for: crop, pieces: unit.candidate.components.count, scorer: scorer, finish: finish)
                found.append(SegmentedDigit(box: unit.candidate.box, line: unit.line, pixels: pixels))
            }
        }
        return found
    }

    /// Clears ruled lines, grid lines and box borders from `mask` and labels what is left.
    ///
    /// Lines are judged by their length against the digit height, which the lines themselves
    /// hide (on squared paper every digit touches the grid). So a first pass, on a copy, takes
    /// out only lines that cross the whole sheet, edge to edge, to measure the digits; the
    /// real pass then uses that height, and can tell the frames of boxes (short, but
    /// cornered) as well.
    ///
    /// With `findDots`, a page that the first pass shows to be written with a dotted pen
    /// (`DottedStrokes.dots`) returns its dots and the first pass's labels: the dots must be
    /// joined before the digit height, and so the real pass, can mean anything.
    private func removeLines(from mask: inout InkMask, page: InkPage,
                             findDots: Bool) throws(SegmentationError) -> (labels: ConnectedComponents, dots: [DottedStrokes.Dot]?) {
        func label(_ m: InkMask) throws(SegmentationError) -> ConnectedComponents {
            try ConnectedComponents(pixels: m.bits, width: m.width, height: m.height,
                                    maxComponents: config.maxComponents) { $0 != 0 }
        }
        func dots(_ labels: ConnectedComponents) -> [DottedStrokes.Dot]? {
            guard findDots else { return nil }
            return DottedStrokes.dots(in: labels, pixels: page.pixels, width: page.width, strokeWidth: page.strokeWidth)
        }
        guard config.removeLines else {
            let labels = try label(mask)
            return (labels, dots(labels))
        }
        let thickness = Swift.max(4, Int((config.lineMaxThickness * page.strokeWidth).rounded()))
        // Lines are traced halfway between paper and the ink threshold (and include all ink).
        let faintLevel = (page.ink.paperLevel + page.ink.threshold) / 2
        var faint = InkMask(pixels: page.pixels, width: page.width, height: page.height) { Int($0) <= faintLevel }
        for i in faint.bits.indices { faint.bits[i] |= mask.bits[i] }
        let across = (horizontal: Swift.max(mask.width / 2, 25 * thickness),
                      vertical: Swift.max(mask.height / 2, 25 * thickness))
        let pageWide = LineRemover(minHorizontal: Int.max, minVertical: Int.max, maxThickness: thickness,
                                   maxFrameThickness: thickness, penLines: nil, minFrameSide: nil, edgeToEdge: across)
        // Both removers start from the longest runs of the same faint mask.
        let longestRuns = LineRemover.longestRuns(faint)
        var rough = mask
        let roughCleared = pageWide.apply(to: &rough, faint: faint, longest: longestRuns)
        let roughLabels = try label(rough)
        if let found = dots(roughLabels) { return (roughLabels, found) }
        // Digits: upright components at least half as tall as the tallest thing left (specks
        // and line ends are not digits); if every digit touches a frame, the frame's height.
        let tallest = roughLabels.components.map(\.box.height).max() ?? 1
        let upright = roughLabels.components.map(\.box).filter {
            Swift.max($0.width, $0.height) < 4 * Swift.min($0.width, $0.height) && 2 * $0.height >= tallest
        }
        let h = upright.isEmpty ? Double(tallest) : Self.typicalHeight(upright.map(\.height))
        let longest = Int((config.lineMinLength * h).rounded())
        // An underline is as thick as the pen, but longer than any digit stroke or two.
        let pen = (minimum: longest * 5 / 4, maxThickness: Swift.max(thickness, Int((1.5 * page.strokeWidth).rounded())))
        let remover = LineRemover(minHorizontal: longest, minVertical: longest, maxThickness: thickness,
                                  maxFrameThickness: thickness, penLines: pen,
                                  minFrameSide: Int((config.frameMinSide * h).rounded()),
                                  minFrameWidth: Int((config.frameMinWidth * h).rounded()), edgeToEdge: across)
        let cleared = remover.apply(to: &mask, faint: faint, longest: longestRuns)
        if cleared == 0 && roughCleared == 0 { return (roughLabels, nil) }
        return (try label(mask), nil)
    }

    /// Typical digit height: the median height of the components at least half as tall as
    /// the tallest (so small pieces and specks do not drag it down, and one digit suffices).
    static func typicalHeight(_ heights: [Int]) -> Double {
        guard let tallest = heights.max() else { return 1 }
        let tall = heights.filter { 2 * $0 >= tallest }.sorted()
        return Double(tall[tall.count / 2])
    }
}
