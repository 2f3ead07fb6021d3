#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Small random affine moves of 28×28 digits (rotation, scale, shift), bilinear, zero outside.
///
/// Segmentation centres digits by centre of mass and fits them to 20 px, so what is left to
/// learn is the slack of that process: a few degrees, a few percent, a pixel or two.
struct Augmentation: Sendable {
    var rotationDegrees: Float
    var shift: Float
    var scale: Float

    /// Warps `src` (h×w, values as given) into `dst` with parameters drawn from `rng`.
    func apply(_ src: UnsafePointer<Float>, into dst: UnsafeMutablePointer<Float>,
               height h: Int, width w: Int, rng: inout SplitMix64) {
        let angle = rng.nextSigned() * rotationDegrees * .pi / 180
        let s = 1 + rng.nextSigned() * scale
        let tx = rng.nextSigned() * shift, ty = rng.nextSigned() * shift
        // Output pixel p maps back to source q = R(−θ)(p − c − t)/s + c.
        let cosA = cosf(angle) / s, sinA = sinf(angle) / s
        let cx = Float(w - 1) / 2, cy = Float(h - 1) / 2
        for y in 0..<h {
            for x in 0..<w {
                let dx = Float(x) - cx - tx, dy = Float(y) - cy - ty
                let sx = cosA * dx + sinA * dy + cx
                let sy = -sinA * dx + cosA * dy + cy
                dst[y * w + x] = Augmentation.bilinear(src, h, w, sx, sy)
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
