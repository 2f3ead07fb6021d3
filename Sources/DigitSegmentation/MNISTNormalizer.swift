/// Turns one digit's own ink into a 28×28 MNIST-style image, the way MNIST was built:
/// crop to the ink, scale the longer side to 20 px keeping the aspect ratio with area
/// averaging, and paste into 28×28 with the intensity centre of mass at (14, 14).
struct MNISTNormalizer: Sendable {
    var config: SegmentationConfig
    var ink: InkModel

    /// Ownership of a pixel of the digit's neighbourhood.
    private enum Owner: UInt8 { case paper = 0, mine, other, halo }

    /// The normalised digit, row-major `canvas × canvas`, ink bright; nil when it holds no ink.
    func normalize(_ candidate: DigitCandidate, pixels: [UInt8], width: Int, height: Int,
                   labels: ConnectedComponents) -> [UInt8]? {
        crop(candidate, pixels: pixels, width: width, height: height, labels: labels).map { finish($0) }
    }

    /// The crop brought to MNIST's look and placed on the canvas: deskewed when configured,
    /// faint ink to full strength, the stroke width into range when `thin`/`thicken` allow
    /// it, scaled and centred.
    func finish(_ crop: DigitCrop, thin: Bool = true, thicken: Bool = true) -> [UInt8] {
        var strokes = StrokeWidth(config: config)
        if !thin { strokes.high = .infinity }
        if !thicken { strokes.low = 0 }
        let upright = config.deskew ? Deskew.apply(crop) : crop
        let adjusted = strokes.adjust(Self.stretched(upright.pixels), width: upright.width, height: upright.height)
        return place(adjusted.pixels, width: adjusted.width, height: adjusted.height)
    }

    /// The digit's own ink cropped to its bounding box; nil when it holds no ink.
    ///
    /// Only the candidate's components, plus paper pixels within `haloRadius` of them (the
    /// lighter half of anti-aliased edges), give gray; ink of any other component inside the
    /// box counts as paper, so an intruding neighbour leaves no trace.
    func crop(_ candidate: DigitCandidate, pixels: [UInt8], width: Int, height: Int,
              labels: ConnectedComponents) -> DigitCrop? {
        let pad = Swift.max(config.haloRadius, 0)
        let x0 = Swift.max(candidate.box.x - pad, 0), x1 = Swift.min(candidate.box.maxX + pad, width)
        let y0 = Swift.max(candidate.box.y - pad, 0), y1 = Swift.min(candidate.box.maxY + pad, height)
        let w = x1 - x0, h = y1 - y0
        guard w > 0, h > 0 else { return nil }

        var owner = [Owner](repeating: .paper, count: w * h)
        let mine = Set(candidate.components)
        for y in y0..<y1 {
            for r in labels.rowStart[y]..<labels.rowStart[y + 1] {
                let run = labels.runs[r]
                let a = Swift.max(Int(run.x0), x0), b = Swift.min(Int(run.x1), x1)
                guard a < b else { continue }
                let tag: Owner = mine.contains(Int(run.component)) ? .mine : .other
                for x in a..<b { owner[(y - y0) * w + (x - x0)] = tag }
            }
        }
        growHalo(&owner, width: w, height: h, steps: pad)

        // (h, w): ink amount 0...1 of each pixel of the region.
        var amount = [Float](repeating: 0, count: w * h)
        var cx0 = w, cx1 = -1, cy0 = h, cy1 = -1
        for y in 0..<h {
            for x in 0..<w where owner[y * w + x] == .mine || owner[y * w + x] == .halo {
                let a = ink.inkAmount(pixels[(y + y0) * width + (x + x0)])
                guard a > 0 else { continue }
                amount[y * w + x] = a
                cx0 = Swift.min(cx0, x); cx1 = Swift.max(cx1, x)
                cy0 = Swift.min(cy0, y); cy1 = Swift.max(cy1, y)
            }
        }
        guard cx1 >= cx0, cy1 >= cy0 else { return nil }
        let cw = cx1 - cx0 + 1, ch = cy1 - cy0 + 1
        // (ch, cw): the ink's own bounding box.
        var crop = [Float](repeating: 0, count: cw * ch)
        for y in 0..<ch {
            for x in 0..<cw { crop[y * cw + x] = amount[(y + cy0) * w + (x + cx0)] }
        }
        return DigitCrop(pixels: crop, width: cw, height: ch, x: x0 + cx0, y: y0 + cy0)
    }

    /// Faint ink (pencil, a hairline whose pixels are partly paper) brought to full strength:
    /// MNIST digits all have solid cores. Amounts are scaled so the 90th percentile of the
    /// digit's ink is 1; a digit whose ink already reaches that is returned unchanged.
    static func stretched(_ amount: [Float]) -> [Float] {
        var histogram = [Int](repeating: 0, count: 101)
        var n = 0
        for a in amount where a > 0 { histogram[Int((a * 100).rounded())] += 1; n += 1 }
        guard n > 0 else { return amount }
        var seen = 0, level = 100
        while level > 0 && 10 * (seen + histogram[level]) <= n { seen += histogram[level]; level -= 1 }
        let p90 = Float(level) / 100
        guard p90 < 0.9, p90 > 0 else { return amount }
        return amount.map { Swift.min($0 / p90, 1) }
    }

    /// Marks paper pixels within `steps` (8-neighbour steps) of the digit's own ink as halo;
    /// the growth never crosses another component's ink.
    private func growHalo(_ owner: inout [Owner], width w: Int, height h: Int, steps: Int) {
        guard steps > 0 else { return }
        for _ in 0..<steps {
            let before = owner
            for y in 0..<h {
                for x in 0..<w where before[y * w + x] == .paper {
                    search: for dy in -1...1 {
                        let yy = y + dy
                        guard yy >= 0 && yy < h else { continue }
                        for dx in -1...1 {
                            let xx = x + dx
                            guard xx >= 0 && xx < w else { continue }
                            let o = before[yy * w + xx]
                            if o == .mine || o == .halo { owner[y * w + x] = .halo; break search }
                        }
                    }
                }
            }
        }
    }

    /// Scales the cropped ink so its longer side is `digitBox`, then pastes it into the canvas
    /// with its centre of mass on the canvas centre (clamped so the digit stays inside).
    private func place(_ crop: [Float], width cw: Int, height ch: Int) -> [UInt8] {
        let box = config.digitBox, canvas = config.canvas
        let long = Swift.max(cw, ch)
        let nw = Swift.max(1, Int((Double(cw * box) / Double(long)).rounded()))
        let nh = Swift.max(1, Int((Double(ch * box) / Double(long)).rounded()))
        let scaled = AreaResampler.resize(crop, width: cw, height: ch, newWidth: nw, newHeight: nh)

        var mass: Float = 0, mx: Float = 0, my: Float = 0
        for y in 0..<nh {
            for x in 0..<nw {
                let v = scaled[y * nw + x]
                mass += v; mx += v * Float(x); my += v * Float(y)
            }
        }
        // Index coordinates: MNIST's mean centre of mass is (14.0, 14.0) in these.
        let centre = Float(canvas) / 2
        let comX = mass > 0 ? mx / mass : Float(nw - 1) / 2
        let comY = mass > 0 ? my / mass : Float(nh - 1) / 2
        let ox = Swift.min(Swift.max(Int((centre - comX).rounded()), 0), canvas - nw)
        let oy = Swift.min(Swift.max(Int((centre - comY).rounded()), 0), canvas - nh)

        var out = [UInt8](repeating: 0, count: canvas * canvas)
        for y in 0..<nh {
            for x in 0..<nw {
                let v = Swift.min(Swift.max(scaled[y * nw + x] * 255, 0), 255)
                out[(y + oy) * canvas + (x + ox)] = UInt8(v.rounded())
            }
        }
        return out
    }
}
