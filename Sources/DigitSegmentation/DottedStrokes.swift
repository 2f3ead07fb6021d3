/// Joins the dots of a dotted pen back into strokes.
///
/// Each dot is a component of its own, about one stroke wide, so a dotted page looks like a
/// page of specks: nothing there is digit-sized, and merging fragments by distance cannot
/// start. A page is dotted when most of its components are small solid dots lying close to
/// each other. Then each dot is linked to its neighbours along the strokes and every link is
/// drawn into the page as a stroke as wide as the dots, so the digits come back as MNIST's
/// pens draw them: connected, with their loops open.
///
/// Which dots are neighbours along a stroke: those of the relative neighbourhood graph (a
/// pair is linked unless some third dot is nearer to both), no farther apart than
/// `ratio` × the page's typical spacing. On dots sampled along a curve this graph follows
/// the curve: consecutive dots are linked, while a chord across a loop or between strokes
/// side by side has dots nearer to both of its ends. Work is linear in the dots (neighbours
/// come from a grid of cells as wide as the longest link).
enum DottedStrokes {
    /// One dot: the centre of its pixels, its longer side and its darkest gray level.
    struct Dot: Sendable, Equatable {
        var x: Double
        var y: Double
        var size: Int
        var level: UInt8
    }

    /// The dots of a dark-ink page written with a dotted pen, or nil for an ordinary page.
    ///
    /// A dot: longer side at least 2 px and at most 2.5 stroke widths + 2 px (the page's
    /// stroke width, from the runs of its mask, reads a small blurred dot as thinner than it
    /// is), aspect at most 2:1, ink covering at least half of its box, each row and column
    /// of which crosses it once. At least `minDots` (a dotted 1 may have only four)
    /// of them, `share` of all components at least 2 px and 0.6 stroke widths long, and half
    /// of their ink; and half of the dots have another dot within 4 dot sizes (specks where
    /// grid lines crossed are a grid cell apart, many times their own size).
    static func dots(in labels: ConnectedComponents, pixels: [UInt8], width: Int, strokeWidth sw: Double,
                     minDots: Int = 4, share: Double = 0.6) -> [Dot]? {
        var chosen: [Int] = [], counted = 0, dotInk = 0, allInk = 0
        for (i, c) in labels.components.enumerated() {
            let long = Swift.max(c.box.width, c.box.height), short = Swift.min(c.box.width, c.box.height)
            guard long >= 2, Double(long) >= 0.6 * sw else { continue }
            counted += 1
            allInk += c.area
            if Double(long) <= 2.5 * sw + 2 && 2 * short >= long && 2 * c.area >= c.box.width * c.box.height
                && isConvex(labels, component: i) {
                chosen.append(i)
                dotInk += c.area
            }
        }
        guard chosen.count >= minDots, Double(chosen.count) >= share * Double(counted),
              2 * dotInk >= allInk else { return nil }
        let dots = chosen.map { dot(labels, component: $0, pixels: pixels, width: width) }
        let size = Double(dots.map(\.size).sorted()[dots.count / 2])
        let near = nearestDistances(dots, within: 4 * size).filter { $0 <= 4 * size }
        return 2 * near.count >= dots.count ? dots : nil
    }

    /// Pairs of dots (indices into `dots`, lower first) that follow each other along a
    /// stroke: relative neighbours at most `ratio` × the spacing apart, where the spacing is
    /// the lower quartile of the distances from each dot to its nearest dot (about the
    /// pen's pitch; a skipping pen leaves gaps up to twice that).
    static func links(_ dots: [Dot], ratio: Double) -> [(Int, Int)] {
        guard dots.count >= 2 else { return [] }
        let size = Double(dots.map(\.size).sorted()[dots.count / 2])
        let nearest = nearestDistances(dots, within: 4 * size).sorted()
        guard !nearest.isEmpty else { return [] }
        let limit = ratio * nearest[nearest.count / 4]
        let neighbours = Self.neighbours(dots, within: limit)
        var out: [(Int, Int)] = []
        for (p, around) in neighbours.enumerated() {
            for (q, d) in around where q > p {
                // No third dot nearer to both ends than they are to each other.
                let blocked = around.contains { r, dpr in
                    r != q && dpr < d && distance(dots[q], dots[r]) < d
                }
                if !blocked { out.append((p, q)) }
            }
        }
        return out
    }

    /// Draws each link as a stroke between the centres of its dots, as wide as the dots and
    /// as dark as the lighter of their darkest pixels, anti-aliased over one pixel; pixels
    /// only get darker. `paper` is the page's paper level.
    static func draw(_ links: [(Int, Int)], dots: [Dot], into pixels: inout [UInt8],
                     width w: Int, height h: Int, paper: Int) {
        for (i, j) in links {
            let a = dots[i], b = dots[j]
            let radius = Double(a.size + b.size) / 4
            let depth = Double(paper - Int(Swift.max(a.level, b.level)))
            guard depth > 0 else { continue }
            let reach = radius + 1
            let x0 = Swift.max(Int((Swift.min(a.x, b.x) - reach).rounded(.down)), 0)
            let x1 = Swift.min(Int((Swift.max(a.x, b.x) + reach).rounded(.up)), w - 1)
            let y0 = Swift.max(Int((Swift.min(a.y, b.y) - reach).rounded(.down)), 0)
            let y1 = Swift.min(Int((Swift.max(a.y, b.y) + reach).rounded(.up)), h - 1)
            guard x0 <= x1, y0 <= y1 else { continue }
            let dx = b.x - a.x, dy = b.y - a.y, length2 = Swift.max(dx * dx + dy * dy, 1e-9)
            for y in y0...y1 {
                for x in x0...x1 {
                    // Distance from the pixel's centre to the segment.
                    let px = Double(x) + 0.5 - a.x, py = Double(y) + 0.5 - a.y
                    let t = Swift.min(Swift.max((px * dx + py * dy) / length2, 0), 1)
                    let ex = px - t * dx, ey = py - t * dy
                    let cover = Swift.min(Swift.max(radius + 0.5 - (ex * ex + ey * ey).squareRoot(), 0), 1)
                    guard cover > 0 else { continue }
                    let v = UInt8(Swift.max(Swift.min(Double(paper) - cover * depth, 255), 0).rounded())
                    if v < pixels[y * w + x] { pixels[y * w + x] = v }
                }
            }
        }
    }

    /// Whether every row and every column of component `c`'s box meets its pixels in one
    /// run, as a dot's do: a marker's solid digits (3, 5, 7) fold back on themselves.
    private static func isConvex(_ labels: ConnectedComponents, component c: Int) -> Bool {
        let box = labels.components[c].box
        let runs = labels.componentRunStart[c]..<labels.componentRunStart[c + 1]
        guard runs.count == box.height else { return false }
        // Per column: the rows where it starts and ends, and how many pixels it has.
        var top = [Int](repeating: Int.max, count: box.width), bottom = [Int](repeating: -1, count: box.width)
        var count = [Int](repeating: 0, count: box.width)
        for k in runs {
            let run = labels.runs[Int(labels.runsByComponent[k])]
            let y = Int(run.y)
            for x in Int(run.x0)..<Int(run.x1) {
                let col = x - box.x
                top[col] = Swift.min(top[col], y); bottom[col] = Swift.max(bottom[col], y); count[col] += 1
            }
        }
        return (0..<box.width).allSatisfy { count[$0] == bottom[$0] - top[$0] + 1 }
    }

    /// The centre, size and darkest level of component `c`.
    private static func dot(_ labels: ConnectedComponents, component c: Int, pixels: [UInt8], width: Int) -> Dot {
        var sx = 0.0, sy = 0.0, n = 0.0, darkest = UInt8.max
        for k in labels.componentRunStart[c]..<labels.componentRunStart[c + 1] {
            let run = labels.runs[Int(labels.runsByComponent[k])]
            let y = Int(run.y), a = Int(run.x0), b = Int(run.x1)
            let count = Double(b - a)
            // Pixel centres: x + 0.5 for x in a ..< b.
            sx += count * Double(a + b) / 2
            sy += count * (Double(y) + 0.5)
            n += count
            for x in a..<b { darkest = Swift.min(darkest, pixels[y * width + x]) }
        }
        let box = labels.components[c].box
        return Dot(x: sx / n, y: sy / n, size: Swift.max(box.width, box.height), level: darkest)
    }

    private static func distance(_ a: Dot, _ b: Dot) -> Double {
        ((a.x - b.x) * (a.x - b.x) + (a.y - b.y) * (a.y - b.y)).squareRoot()
    }

    /// For each dot that has another within `limit`, the distance to the nearest one.
    private static func nearestDistances(_ dots: [Dot], within limit: Double) -> [Double] {
        neighbours(dots, within: limit).compactMap { around in around.map(\.distance).min() }
    }

    /// For each dot, the other dots within `limit` of it, with their distances.
    private static func neighbours(_ dots: [Dot], within limit: Double) -> [[(index: Int, distance: Double)]] {
        let cell = Swift.max(limit, 1)
        func key(_ cx: Int, _ cy: Int) -> Int { cy &* 1_000_003 &+ cx }
        func cellOf(_ d: Dot) -> (Int, Int) { (Int((d.x / cell).rounded(.down)), Int((d.y / cell).rounded(.down))) }
        var grid = [Int: [Int]]()
        for (i, d) in dots.enumerated() {
            let (cx, cy) = cellOf(d)
            grid[key(cx, cy), default: []].append(i)
        }
        return dots.enumerated().map { i, d in
            let (cx, cy) = cellOf(d)
            var around: [(index: Int, distance: Double)] = []
            for gy in (cy - 1)...(cy + 1) {
                for gx in (cx - 1)...(cx + 1) {
                    for j in grid[key(gx, gy)] ?? [] where j != i {
                        let dist = distance(d, dots[j])
                        if dist <= limit { around.append((j, dist)) }
                    }
                }
            }
            return around
        }
    }
}
