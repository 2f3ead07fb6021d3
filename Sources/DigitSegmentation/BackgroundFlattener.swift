/// Evens out uneven light (shading, vignetting, a shadow across the page) by dividing each
/// pixel by the paper's brightness around it.
///
/// Paper is the bright envelope of a dark-ink page: per block, a high percentile of the
/// pixels (robust to noise, and paper as long as ink covers less than most of the block);
/// then a closing over the block grid fills the paper level in under strokes thicker than a
/// block without letting bright paper spill into a shadow; a light blur and bilinear
/// interpolation give a smooth level per pixel. Linear in the pixels; the block grid is small.
/// Light is multiplicative, so dividing (rather than subtracting) gives ink the same
/// darkness in the shadow as in the light.
enum BackgroundFlattener {
    /// Paper levels sampled on a grid of `block`-sized blocks, row-major `columns × rows`.
    struct PaperGrid: Sendable, Equatable {
        var columns: Int
        var rows: Int
        var block: Int
        var levels: [Float]

        /// Relative spread of the paper level: (brightest − darkest) / brightest.
        var shading: Double {
            guard let hi = levels.max(), let lo = levels.min(), hi > 0 else { return 0 }
            return Double((hi - lo) / hi)
        }
    }

    /// The flattened page (dark ink; paper brought to the brightest paper level), or nil when
    /// the light is already even enough (`config.flattenMinShading`) or flattening is off.
    ///
    /// `strokeWidth` (of the page before flattening) sets the least block side: the closing
    /// must span twice the stroke, or a marker stroke would pass for a shadow and be hollowed.
    static func flatten(_ pixels: [UInt8], width: Int, height: Int, strokeWidth: Double = 0,
                        config: SegmentationConfig) -> [UInt8]? {
        guard config.backgroundBlockRatio > 0, width > 0, height > 0 else { return nil }
        let span = 2 * config.backgroundRadius + 1
        let block = Swift.max(blockSide(width: width, height: height, config: config),
                              Int((2 * strokeWidth / Double(span)).rounded(.up)))
        let grid = paperLevels(pixels, width: width, height: height, block: block,
                               radius: config.backgroundRadius)
        guard grid.shading > config.flattenMinShading, let target = grid.levels.max() else { return nil }
        // Paper darker than 1 / flattenMaxGain of the brightest is no shadow but ink too
        // large for the closing (a solid blob): brighten it no further than that.
        var clamped = grid
        let floor = target / Float(config.flattenMaxGain)
        clamped.levels = grid.levels.map { Swift.max($0, floor) }
        return divide(pixels, width: width, height: height, by: clamped, target: target)
    }

    /// Block side for a `width × height` image: a share of its diagonal, so the closing spans
    /// strokes yet stays narrower than a shadow, both of which grow with the picture.
    static func blockSide(width: Int, height: Int, config: SegmentationConfig) -> Int {
        let diagonal = Double(width * width + height * height).squareRoot()
        return Swift.min(Swift.max(Int((config.backgroundBlockRatio * diagonal).rounded()), 4), 64)
    }

    /// The paper's brightness per block, filled in under ink and smoothed.
    static func paperLevels(_ pixels: [UInt8], width: Int, height: Int,
                            block: Int, radius: Int) -> PaperGrid {
        let columns = (width + block - 1) / block, rows = (height + block - 1) / block
        var levels = [Float](repeating: 0, count: columns * rows)
        var histogram = [Int](repeating: 0, count: 256)
        // Raw buffers, and the percentile walked down from the block's brightest level, not
        // from 255: blocks are small (16 pixels on small scans), and the walk and the arrays'
        // checks were most of this function's time there.
        histogram.withUnsafeMutableBufferPointer { histogram in
            pixels.withUnsafeBufferPointer { pixels in
                for by in 0..<rows {
                    let y0 = by * block, y1 = Swift.min(y0 + block, height)
                    for bx in 0..<columns {
                        let x0 = bx * block, x1 = Swift.min(x0 + block, width)
                        var lo = 255, hi = 0
                        for y in y0..<y1 {
                            for x in x0..<x1 {
                                let v = Int(pixels[y * width + x])
                                histogram[v] += 1
                                lo = Swift.min(lo, v); hi = Swift.max(hi, v)
                            }
                        }
                        // The 90th percentile: paper even when ink covers most of the block.
                        let n = (y1 - y0) * (x1 - x0)
                        var above = 0, v = hi
                        while v > 0 && 10 * (above + histogram[v]) <= n { above += histogram[v]; v -= 1 }
                        levels[by * columns + bx] = Float(v)
                        for v in lo...hi { histogram[v] = 0 }
                    }
                }
            }
        }
        levels = filter(levels, columns: columns, rows: rows, radius: radius, pick: Swift.max)
        levels = filter(levels, columns: columns, rows: rows, radius: radius, pick: Swift.min)
        levels = filter(levels, columns: columns, rows: rows, radius: 1) { a, b in a + b }
        let window = Float(9)  // the blur summed a 3×3 neighbourhood (edges replicated)
        return PaperGrid(columns: columns, rows: rows, block: block, levels: levels.map { $0 / window })
    }

    /// A separable square filter of `radius` over the grid that folds values with `pick`
    /// (max, min or sum), replicating the edges.
    private static func filter(_ values: [Float], columns: Int, rows: Int, radius: Int,
                               pick: (Float, Float) -> Float) -> [Float] {
        guard radius > 0 else { return values }
        var across = values
        for r in 0..<rows {
            for c in 0..<columns {
                var acc = values[r * columns + c]
                for d in 1...radius {
                    acc = pick(acc, values[r * columns + Swift.max(c - d, 0)])
                    acc = pick(acc, values[r * columns + Swift.min(c + d, columns - 1)])
                }
                across[r * columns + c] = acc
            }
        }
        var out = across
        for r in 0..<rows {
            for c in 0..<columns {
                var acc = across[r * columns + c]
                for d in 1...radius {
                    acc = pick(acc, across[Swift.max(r - d, 0) * columns + c])
                    acc = pick(acc, across[Swift.min(r + d, rows - 1) * columns + c])
                }
                out[r * columns + c] = acc
            }
        }
        return out
    }

    /// Each pixel × `target` / the paper level interpolated at it (block centres as knots).
    private static func divide(_ pixels: [UInt8], width: Int, height: Int, by grid: PaperGrid,
                               target: Float) -> [UInt8] {
        var out = [UInt8](repeating: 0, count: pixels.count)
        let b = Float(grid.block)
        // Per column: the grid cell to its left and the weight of the right knot.
        let columnKnots = (0..<width).map { x -> (Int, Float) in
            knot((Float(x) + 0.5) / b - 0.5, count: grid.columns)
        }
        var rowLevels = [Float](repeating: 0, count: grid.columns)
        for y in 0..<height {
            let (r, fy) = knot((Float(y) + 0.5) / b - 0.5, count: grid.rows)
            let r1 = Swift.min(r + 1, grid.rows - 1)
            for c in 0..<grid.columns {
                rowLevels[c] = grid.levels[r * grid.columns + c] * (1 - fy) + grid.levels[r1 * grid.columns + c] * fy
            }
            let row = y * width
            for x in 0..<width {
                let (c, fx) = columnKnots[x]
                let level = rowLevels[c] * (1 - fx) + rowLevels[Swift.min(c + 1, grid.columns - 1)] * fx
                let v = Float(pixels[row + x]) * target / Swift.max(level, 1)
                out[row + x] = UInt8(Swift.min(Swift.max(v + 0.5, 0), 255))
            }
        }
        return out
    }

    /// The knot left of grid coordinate `g` (clamped) and the weight of the next one.
    @inline(__always)
    private static func knot(_ g: Float, count: Int) -> (Int, Float) {
        guard g > 0 else { return (0, 0) }
        let i = Int(g)
        guard i < count - 1 else { return (count - 1, 0) }
        return (i, g - Float(i))
    }
}
