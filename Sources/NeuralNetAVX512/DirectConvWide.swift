/// `DirectConv`'s tile, 32 output channels wide: the same sums in the same order, on
/// 512-bit registers.
///
/// This module alone is compiled with `-mavx512f` (see Package.swift): Swift has no
/// per-function target attribute, so the wide kernel needs a module of its own, and
/// NeuralNet calls it only after `CPUFeatures` has found AVX-512 at run time. Keep the two
/// kernels in step; `InferencePlanTests` pins them bit-identical.
package enum DirectConvWide {
    package static let pixels = 6, lanes = 32

    @inline(__always)
    private static func load16(_ p: UnsafePointer<Float>) -> SIMD16<Float> {
        UnsafeRawPointer(p).loadUnaligned(as: SIMD16<Float>.self)
    }

    /// Computes one tile: out[pixel r][0..<cols] = bias + Σ_taps Σ_c in[base_r + tap + c] · w.
    ///
    /// - `bases`: 6 input offsets (one per pixel; rows past `rows` must still be readable).
    /// - `taps`: `tapCount` offsets added to every base; each tap reads `channels` floats.
    /// - `weights`: the panel, (taps, channels, 32) with columns past the layer's width zero.
    /// - `bias`: 32 floats; `outOffsets`: where each pixel's 32 (or `cols`) outputs go.
    /// - `relu`: clamp at zero on the way out (ReLU fused into the store).
    package static func tile(input: UnsafePointer<Float>, bases: UnsafePointer<Int>,
                             taps: UnsafePointer<Int>, tapCount: Int, channels: Int,
                             weights: UnsafePointer<Float>, bias: UnsafePointer<Float>,
                             output: UnsafeMutablePointer<Float>, outOffsets: UnsafePointer<Int>,
                             rows: Int, cols: Int, relu: Bool) {
        let bLo = load16(bias), bHi = load16(bias + 16)
        var c00 = bLo, c01 = bHi, c10 = bLo, c11 = bHi, c20 = bLo, c21 = bHi
        var c30 = bLo, c31 = bHi, c40 = bLo, c41 = bHi, c50 = bLo, c51 = bHi
        let (o0, o1, o2, o3, o4, o5) = (bases[0], bases[1], bases[2], bases[3], bases[4], bases[5])
        var w = weights
        for t in 0..<tapCount {
            let tap = taps[t]
            let p0 = input + (o0 + tap), p1 = input + (o1 + tap), p2 = input + (o2 + tap)
            let p3 = input + (o3 + tap), p4 = input + (o4 + tap), p5 = input + (o5 + tap)
            for c in 0..<channels {
                let w0 = load16(w), w1 = load16(w + 16)
                var s = SIMD16<Float>(repeating: p0[c])
                c00.addProduct(s, w0); c01.addProduct(s, w1)
                s = SIMD16<Float>(repeating: p1[c])
                c10.addProduct(s, w0); c11.addProduct(s, w1)
                s = SIMD16<Float>(repeating: p2[c])
                c20.addProduct(s, w0); c21.addProduct(s, w1)
                s = SIMD16<Float>(repeating: p3[c])
                c30.addProduct(s, w0); c31.addProduct(s, w1)
                s = SIMD16<Float>(repeating: p4[c])
                c40.addProduct(s, w0); c41.addProduct(s, w1)
                s = SIMD16<Float>(repeating: p5[c])
                c50.addProduct(s, w0); c51.addProduct(s, w1)
                w += lanes
            }
        }
        let how = (cols, relu)
        store(output + outOffsets[0], c00, c01, how)
        if rows > 1 { store(output + outOffsets[1], c10, c11, how) }
        if rows > 2 { store(output + outOffsets[2], c20, c21, how) }
        if rows > 3 { store(output + outOffsets[3], c30, c31, how) }
        if rows > 4 { store(output + outOffsets[4], c40, c41, how) }
        if rows > 5 { store(output + outOffsets[5], c50, c51, how) }
    }

    /// Writes one pixel's outputs, the first `cols` of 32, ReLU applied when asked.
    @inline(__always)
    private static func store(_ row: UnsafeMutablePointer<Float>, _ lo: SIMD16<Float>, _ hi: SIMD16<Float>,
                              _ how: (cols: Int, relu: Bool)) {
        var lo = lo, hi = hi
        if how.relu {
            lo = lo.replacing(with: 0, where: lo .< 0)
            hi = hi.replacing(with: 0, where: hi .< 0)
        }
        if how.cols == lanes {
            UnsafeMutableRawPointer(row).storeBytes(of: lo, as: SIMD16<Float>.self)
            UnsafeMutableRawPointer(row + 16).storeBytes(of: hi, as: SIMD16<Float>.self)
        } else {
            for j in 0..<how.cols { row[j] = j < 16 ? lo[j] : hi[j - 16] }
        }
    }
}
