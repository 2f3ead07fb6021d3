/// Brings a digit's stroke width into MNIST's range before it is scaled to the 20 px box.
///
/// MNIST strokes are about 2–3 px at 28×28: measured as below on the ink at half coverage,
/// 0.064–0.154 of the digit's longer side for 90 % of the test set (median 0.097). A fine pen on a large canvas falls far below (a hairline after downscaling), a
/// marker far above (a blob). Such a digit is thickened or thinned at its own resolution by
/// grey-level dilation or erosion (max or min over an octagon: alternating 3×3 square and
/// cross steps, so diagonal strokes change like straight ones) until its width is the
/// target; digits already in range are left exactly as they are.
struct StrokeWidth: Sendable {
    /// Ratios (stroke width / longer side) in `low ... high` are left alone.
    var low: Double
    var high: Double
    /// The ratio an out-of-range digit is brought to.
    var target: Double

    init(config: SegmentationConfig) {
        low = config.strokeMin; high = config.strokeMax; target = config.strokeTarget
    }

    /// Stroke width of the pixels with `amount >= 0.5`; nil without ink.
    ///
    /// A stroke of width w and length l has area A = w·l and perimeter P ≈ 2·l + 2·w (its two
    /// sides and two ends), so w = (P/2 − √(P²/4 − 4A)) / 2. Plain 2A/P ignores the ends and
    /// reads short thick strokes (a marker's) far too thin. P counts pixel edges between ink
    /// and paper, the crop's border counting as paper; a closed ring has no ends, and where
    /// the root is imaginary 2A/P is used.
    static func measure(_ amount: [Float], width w: Int, height h: Int) -> Double? {
        guard w > 0, h > 0, amount.count >= w * h else { return nil }
        // Each ink pixel's side on paper (or on the crop's border) is one change between
        // neighbours along a row or a column, the border counting as paper: counted row by row
        // against the row above, without a bounds check per neighbour (every candidate piece of
        // a split is measured).
        var area = 0, perimeter = 0
        var above = [UInt8](repeating: 0, count: w), row = [UInt8](repeating: 0, count: w)
        amount.withUnsafeBufferPointer { a in
            for y in 0...h {
                var left: UInt8 = 0
                for x in 0..<w {
                    let ink: UInt8 = y < h && a[y * w + x] >= 0.5 ? 1 : 0
                    row[x] = ink
                    area &+= Int(ink)
                    perimeter &+= Int(ink ^ left) &+ Int(ink ^ above[x])
                    left = ink
                }
                perimeter &+= Int(left)
                swap(&above, &row)
            }
        }
        guard perimeter > 0 else { return nil }
        let a = Double(area), half = Double(perimeter) / 2
        let discriminant = half * half - 4 * a
        return discriminant >= 0 ? (half - discriminant.squareRoot()) / 2 : a / half
    }

    /// The crop with its stroke width brought into range, cropped again to its ink; the input
    /// itself when already in range (or too small to judge).
    func adjust(_ amount: [Float], width w: Int, height h: Int) -> (pixels: [Float], width: Int, height: Int) {
        let long = Double(Swift.max(w, h))
        guard let sw = Self.measure(amount, width: w, height: h), long >= 8 else { return (amount, w, h) }
        let ratio = sw / long
        guard ratio < low || ratio > high else { return (amount, w, h) }
        // Dilating by r widens a stroke by 2r; eroding narrows it by 2r.
        let steps = Int((abs(target * long - sw) / 2).rounded())
        guard steps > 0 else { return (amount, w, h) }
        if ratio < low {
            // Room to grow on every side.
            let padded = Self.padded(amount, width: w, height: h, by: steps)
            return Self.cropped(Self.morph(padded, width: w + 2 * steps, height: h + 2 * steps, steps: steps, Dilation.self),
                                width: w + 2 * steps, height: h + 2 * steps)
        }
        // A "stroke" as wide as half the shape is a solid blob, not a written figure: thinning
        // would only shrink it.
        guard 2 * sw <= Double(Swift.min(w, h)) else { return (amount, w, h) }
        let thinned = Self.morph(amount, width: w, height: h, steps: steps, Erosion.self)
        // A digit thinner in places than the erosion would vanish there: keep the original.
        guard let after = Self.measure(thinned, width: w, height: h), after > 0 else { return (amount, w, h) }
        return Self.cropped(thinned, width: w, height: h)
    }

    /// `steps` rounds of a 3×3 grey-level filter folding with `pick` (max dilates, min erodes),
    /// alternating the full square and the cross. Outside the image counts as paper (0), so
    /// erosion eats strokes from the crop's edges too.
    static func morph<Fold: MorphFold>(_ pixels: [Float], width w: Int, height h: Int, steps: Int,
                                       _ fold: Fold.Type) -> [Float] {
        @inline(__always) func pick(_ a: Float, _ b: Float) -> Float { Fold.pick(a, b) }
        var current = pixels
        var next = pixels
        for step in 0..<steps {
            let square = step % 2 == 0
            current.withUnsafeBufferPointer { c in
                next.withUnsafeMutableBufferPointer { n in
                    // The picture's edge pixels look outside it; the inside ones need no checks
                    // (with checks and the fold passed as a closure, this was over half the
                    // time of a photographed page with large digits).
                    @inline(__always) func at(_ x: Int, _ y: Int) -> Float {
                        x >= 0 && x < w && y >= 0 && y < h ? c[y * w + x] : 0
                    }
                    @inline(__always) func edge(_ x: Int, _ y: Int) {
                        var v = pick(pick(c[y * w + x], at(x - 1, y)), pick(at(x + 1, y), pick(at(x, y - 1), at(x, y + 1))))
                        if square { v = pick(v, pick(pick(at(x - 1, y - 1), at(x + 1, y - 1)), pick(at(x - 1, y + 1), at(x + 1, y + 1)))) }
                        n[y * w + x] = v
                    }
                    for y in 0..<h {
                        guard y > 0 && y < h - 1 && w > 2 else {
                            for x in 0..<w { edge(x, y) }
                            continue
                        }
                        edge(0, y)
                        // Row pointers and wrapping index arithmetic (no overflow checks), two
                        // loops rather than a test per pixel: each compiles to vector code.
                        let up = c.baseAddress! + (y - 1) * w, mid = c.baseAddress! + y * w
                        let down = c.baseAddress! + (y + 1) * w, out = n.baseAddress! + y * w
                        if square {
                            for x in 1..<(w - 1) {
                                let cross = pick(pick(mid[x], mid[x &- 1]), pick(mid[x &+ 1], pick(up[x], down[x])))
                                out[x] = pick(cross, pick(pick(up[x &- 1], up[x &+ 1]), pick(down[x &- 1], down[x &+ 1])))
                            }
                        } else {
                            for x in 1..<(w - 1) {
                                out[x] = pick(pick(mid[x], mid[x &- 1]), pick(mid[x &+ 1], pick(up[x], down[x])))
                            }
                        }
                        edge(w - 1, y)
                    }
                }
            }
            swap(&current, &next)
        }
        return current
    }

    /// `pixels` with `margin` pixels of paper (0) added on every side.
    static func padded(_ pixels: [Float], width w: Int, height h: Int, by margin: Int) -> [Float] {
        let pw = w + 2 * margin
        var out = [Float](repeating: 0, count: pw * (h + 2 * margin))
        for y in 0..<h { for x in 0..<w { out[(y + margin) * pw + x + margin] = pixels[y * w + x] } }
        return out
    }

    /// `pixels` cropped to its non-zero bounding box (unchanged when all zero).
    static func cropped(_ pixels: [Float], width w: Int, height h: Int) -> (pixels: [Float], width: Int, height: Int) {
        var x0 = w, x1 = -1, y0 = h, y1 = -1
        for y in 0..<h {
            for x in 0..<w where pixels[y * w + x] > 0 {
                x0 = Swift.min(x0, x); x1 = Swift.max(x1, x); y0 = Swift.min(y0, y); y1 = Swift.max(y1, y)
            }
        }
        guard x1 >= x0 else { return (pixels, w, h) }
        let cw = x1 - x0 + 1, ch = y1 - y0 + 1
        var out = [Float](repeating: 0, count: cw * ch)
        for y in 0..<ch { for x in 0..<cw { out[y * cw + x] = pixels[(y + y0) * w + x + x0] } }
        return (out, cw, ch)
    }
}

/// How `StrokeWidth.morph` folds a pixel with its neighbours, as a type so that each fold is
/// compiled into the loop rather than called per pixel.
protocol MorphFold { static func pick(_ a: Float, _ b: Float) -> Float }

/// Grey-level dilation: the brightest (most ink) of the neighbourhood.
enum Dilation: MorphFold {
    @inline(__always) static func pick(_ a: Float, _ b: Float) -> Float { a > b ? a : b }
}

/// Grey-level erosion: the faintest of the neighbourhood.
enum Erosion: MorphFold {
    @inline(__always) static func pick(_ a: Float, _ b: Float) -> Float { a < b ? a : b }
}
