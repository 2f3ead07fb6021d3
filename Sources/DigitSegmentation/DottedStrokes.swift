/// Joins the dots of a dotted pen (or a pen that skips) back into strokes.
///
/// Each dot is a component of its own, about one stroke wide, so a dotted page looks like a
/// page of specks: nothing there is digit-sized, and merging fragments by distance cannot
/// start. A page is dotted when most of its components are compact dots of about the stroke
/// width; then the page's gray levels get a closing (darkest, then lightest, over a square
/// wider than the gaps between dots), which turns each row of dots into a solid stroke, as
/// MNIST's pens draw them. (A gray closing bridges a gap near its limit only with the dots'
/// lighter edges, hence the generous square.) Linear in the pixels for each step of the radius.
enum DottedStrokes {
    /// The gap between neighbouring dots along a stroke (the 90th percentile over dots of the
    /// paper between a dot and its nearest dot: nearly every dot must reach its neighbour)
    /// when most components are dots and they lie within three dot sizes of each other; nil
    /// for an ordinary page.
    ///
    /// A dot: longer side 0.6 ... 2.5 stroke widths, aspect at most 2:1, ink covering at
    /// least a third of its box. At least `minDots` of them, `share` of all components at
    /// least 0.6 stroke widths long, and half of their ink. Neighbours are searched in a grid of cells a few dots
    /// wide, so the work stays linear in the dots.
    static func dotGap(_ components: [Component], strokeWidth sw: Double,
                       minDots: Int = 8, share: Double = 0.6) -> Double? {
        var dots: [PixelBox] = [], counted = 0, dotInk = 0, allInk = 0
        for c in components {
            let long = Swift.max(c.box.width, c.box.height), short = Swift.min(c.box.width, c.box.height)
            guard Double(long) >= 0.6 * sw else { continue }
            counted += 1
            allInk += c.area
            if Double(long) <= 2.5 * sw && 2 * short >= long && 3 * c.area >= c.box.width * c.box.height {
                dots.append(c.box)
                dotInk += c.area
            }
        }
        // Most pieces are dots, and the dots hold most of the ink (specks where grid lines
        // crossed are many, but the digits among them hold the ink).
        guard dots.count >= minDots, Double(dots.count) >= share * Double(counted),
              2 * dotInk >= allInk else { return nil }
        let cell = Swift.max(Int((4 * 2.5 * sw).rounded(.up)), 1)
        var grid = [Int: [Int]]()
        func key(_ cx: Int, _ cy: Int) -> Int { cy &* 1_000_003 &+ cx }
        for (i, d) in dots.enumerated() { grid[key(d.x / cell, d.y / cell), default: []].append(i) }
        var gaps: [Int] = []
        for (i, d) in dots.enumerated() {
            var nearest = Int.max
            for cy in (d.y / cell - 1)...(d.y / cell + 1) {
                for cx in (d.x / cell - 1)...(d.x / cell + 1) {
                    for j in grid[key(cx, cy)] ?? [] where j != i {
                        let e = dots[j]
                        nearest = Swift.min(nearest, Swift.max(d.horizontalGap(e), d.verticalGap(e)))
                    }
                }
            }
            if nearest != Int.max { gaps.append(nearest) }
        }
        guard !gaps.isEmpty else { return nil }
        gaps.sort()
        let gap = Double(gaps[gaps.count * 9 / 10])
        // A pen's dots follow each other closely; specks left where grid lines crossed are
        // a grid cell apart, many times their own size.
        let sizes = dots.map { Swift.max($0.width, $0.height) }.sorted()
        return gap <= 3 * Double(sizes[sizes.count / 2]) ? gap : nil
    }

    /// Gray-level closing of a dark-ink page over a square of side `2 radius + 1`.
    static func close(_ pixels: [UInt8], width w: Int, height h: Int, radius: Int) -> [UInt8] {
        let darkest = filter(pixels, width: w, height: h, radius: radius, pick: Swift.min)
        return filter(darkest, width: w, height: h, radius: radius, pick: Swift.max)
    }

    /// Separable square min or max filter with clipped borders.
    private static func filter(_ pixels: [UInt8], width w: Int, height h: Int, radius r: Int,
                               pick: (UInt8, UInt8) -> UInt8) -> [UInt8] {
        var rows = pixels
        for y in 0..<h {
            let row = y * w
            for x in 0..<w {
                var v = pixels[row + x]
                for k in Swift.max(x - r, 0)...Swift.min(x + r, w - 1) { v = pick(v, pixels[row + k]) }
                rows[row + x] = v
            }
        }
        var out = rows
        for y in 0..<h {
            for x in 0..<w {
                var v = rows[y * w + x]
                for k in Swift.max(y - r, 0)...Swift.min(y + r, h - 1) { v = pick(v, rows[k * w + x]) }
                out[y * w + x] = v
            }
        }
        return out
    }
}
