#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Random changes to 28×28 training digits, so the network learns hands and pens MNIST lacks.
///
/// Segmentation centres digits by centre of mass and fits them to 20 px, so the affine part
/// only covers the slack of that process (a few degrees, a few percent, a pixel or two) plus
/// slant. The rest imitates what differs between writers and pens: smooth local wobble of the
/// strokes (elastic), thinner and thicker pens, gaps in a stroke, faint or soft ink.
/// With every extra set to 0 it draws exactly the random numbers of the v1 recipe, so the v1
/// model stays reproducible.
struct Augmentation: Sendable {
    var rotationDegrees: Float
    var shift: Float
    var scale: Float
    /// Maximum horizontal shear (x += shear · (y − centre)): slanted hands.
    var shear: Float = 0
    /// Maximum displacement, in pixels, of the elastic field's control points.
    var elastic: Float = 0
    /// Chance of a thinner or thicker pen (half each).
    var strokeProbability: Float = 0
    /// Chance of a gap cut across the strokes.
    var occlusionProbability: Float = 0
    /// Chance of fainter ink and, independently, of a softer (blurred) pen.
    var contrastProbability: Float = 0

    /// Control points of the elastic field per side: 4 gives a wobble of about a stroke's length.
    static let grid = 4

    /// Warps `src` (h×w, values 0...255) into `dst` with parameters drawn from `rng`.
    func apply(_ src: UnsafePointer<Float>, into dst: UnsafeMutablePointer<Float>,
               height h: Int, width w: Int, rng: inout SplitMix64) {
        let angle = rng.nextSigned() * rotationDegrees * .pi / 180
        let s = 1 + rng.nextSigned() * scale
        let tx = rng.nextSigned() * shift, ty = rng.nextSigned() * shift
        let k = shear > 0 ? rng.nextSigned() * shear : 0
        // Output pixel p maps back to source q = R(−θ)(p − c − t)/s + c, then un-sheared.
        let cosA = cosf(angle) / s, sinA = sinf(angle) / s
        let cx = Float(w - 1) / 2, cy = Float(h - 1) / 2
        let field = elastic > 0 ? elasticField(rng: &rng) : nil
        for y in 0..<h {
            for x in 0..<w {
                var dx = Float(x) - cx - tx, dy = Float(y) - cy - ty
                if let field {
                    let (ex, ey) = Augmentation.sampleField(field, x: Float(x) / Float(w - 1), y: Float(y) / Float(h - 1))
                    dx += ex
                    dy += ey
                }
                let ry = -sinA * dx + cosA * dy
                let sx = cosA * dx + sinA * dy - k * ry + cx
                dst[y * w + x] = Augmentation.bilinear(src, h, w, sx, ry + cy)
            }
        }
        if strokeProbability > 0, rng.nextUnitFloat() < strokeProbability {
            // Sub-pixel: blend with a 4-neighbour max (thicker) or min (thinner) by a random
            // amount; thinning stops at half, as a full erosion wipes out 2-px strokes.
            let thicker = rng.nextUnitFloat() < 0.5, t = rng.nextUnitFloat()
            Augmentation.morph(dst, h, w, thicker: thicker, amount: thicker ? 0.3 + 0.7 * t : 0.2 + 0.3 * t)
        }
        if occlusionProbability > 0, rng.nextUnitFloat() < occlusionProbability {
            cut(dst, h, w, rng: &rng)
        }
        if contrastProbability > 0 {
            if rng.nextUnitFloat() < contrastProbability {
                let gain = 0.55 + 0.45 * rng.nextUnitFloat()
                for i in 0..<(h * w) { dst[i] *= gain }
            }
            if rng.nextUnitFloat() < contrastProbability {
                Augmentation.soften(dst, h, w, amount: rng.nextUnitFloat())
            }
        }
    }

    /// Random displacements at `grid`×`grid` control points, interpolated between them: a
    /// smooth field like Simard et al.'s Gaussian-smoothed noise, for 32 draws instead of 1,568.
    private func elasticField(rng: inout SplitMix64) -> [Float] {
        var field = [Float](repeating: 0, count: Augmentation.grid * Augmentation.grid * 2)
        for i in field.indices { field[i] = rng.nextSigned() * elastic }
        return field
    }

    @inline(__always)
    static func sampleField(_ field: [Float], x: Float, y: Float) -> (Float, Float) {
        let g = grid - 1
        let fx = x * Float(g), fy = y * Float(g)
        let x0 = min(Int(fx), g - 1), y0 = min(Int(fy), g - 1)
        let ax = fx - Float(x0), ay = fy - Float(y0)
        func at(_ xx: Int, _ yy: Int, _ c: Int) -> Float { field[(yy * grid + xx) * 2 + c] }
        func lerp(_ c: Int) -> Float {
            let top = at(x0, y0, c) * (1 - ax) + at(x0 + 1, y0, c) * ax
            let bottom = at(x0, y0 + 1, c) * (1 - ax) + at(x0 + 1, y0 + 1, c) * ax
            return top * (1 - ay) + bottom * ay
        }
        return (lerp(0), lerp(1))
    }

    /// Blends each pixel towards the max (or min) of itself and its 4 neighbours.
    static func morph(_ img: UnsafeMutablePointer<Float>, _ h: Int, _ w: Int, thicker: Bool, amount: Float) {
        let copy = Array(UnsafeBufferPointer(start: img, count: h * w))
        for y in 0..<h {
            for x in 0..<w {
                var v = copy[y * w + x]
                for (nx, ny) in [(x - 1, y), (x + 1, y), (x, y - 1), (x, y + 1)] {
                    let n = (nx >= 0 && nx < w && ny >= 0 && ny < h) ? copy[ny * w + nx] : 0
                    v = thicker ? max(v, n) : min(v, n)
                }
                img[y * w + x] += amount * (v - img[y * w + x])
            }
        }
    }

    /// Erases a band 1–2.5 px wide along a random line through the middle of the digit: a pen
    /// that skipped, or a fold in the paper. A band that runs along a stroke would erase the
    /// stroke and change the digit, so a cut that takes more than a fifth of the ink is drawn
    /// again (three tries, then none).
    private func cut(_ img: UnsafeMutablePointer<Float>, _ h: Int, _ w: Int, rng: inout SplitMix64) {
        let cx = Float(w - 1) / 2, cy = Float(h - 1) / 2
        var mass: Float = 0
        for i in 0..<(h * w) { mass += img[i] }
        for _ in 0..<3 {
            let theta = rng.nextUnitFloat() * .pi
            let nx = cosf(theta), ny = sinf(theta)
            let offset = rng.nextSigned() * 5
            let half = 0.5 + 0.75 * rng.nextUnitFloat()
            func keep(_ x: Int, _ y: Int) -> Float {
                let d = abs((Float(x) - cx) * nx + (Float(y) - cy) * ny - offset)
                return d < half ? 0 : min(1, d - half)
            }
            var removed: Float = 0
            for y in 0..<h { for x in 0..<w { removed += img[y * w + x] * (1 - keep(x, y)) } }
            guard removed <= 0.2 * mass else { continue }
            for y in 0..<h { for x in 0..<w { img[y * w + x] *= keep(x, y) } }
            return
        }
    }

    /// Blends towards a 3×3 binomial blur: a soft pencil or an out-of-focus photo.
    static func soften(_ img: UnsafeMutablePointer<Float>, _ h: Int, _ w: Int, amount: Float) {
        let copy = Array(UnsafeBufferPointer(start: img, count: h * w))
        let weights: [Float] = [1, 2, 1]
        for y in 0..<h {
            for x in 0..<w {
                var sum: Float = 0
                for j in -1...1 {
                    for i in -1...1 {
                        let xx = x + i, yy = y + j
                        guard xx >= 0, xx < w, yy >= 0, yy < h else { continue }
                        sum += weights[i + 1] * weights[j + 1] * copy[yy * w + xx]
                    }
                }
                img[y * w + x] += amount * (sum / 16 - img[y * w + x])
            }
        }
    }

    @inline(__always)
    static func bilinear(_ src: UnsafePointer<Float>, _ h: Int, _ w: Int, _ x: Float, _ y: Float) -> Float {
        let x0 = Int(floorf(x)), y0 = Int(floorf(y))
        let fx = x - Float(x0), fy = y - Float(y0)
        func at(_ xx: Int, _ yy: Int) -> Float {
            (xx >= 0 && xx < w && yy >= 0 && yy < h) ? src[yy * w + xx] : 0
        }
        let top = at(x0, y0) * (1 - fx) + at(x0 + 1, y0) * fx
        let bottom = at(x0, y0 + 1) * (1 - fx) + at(x0 + 1, y0 + 1) * fx
        return top * (1 - fy) + bottom * fy
    }
}
