import NeuralNetAVX512

/// The inference micro-kernel: 6 output pixels × 16 output channels of a convolution, read
/// straight from a zero-padded channels-last input ("indirect" convolution).
///
/// With the input laid out (H, W, C), the im2col row of an output pixel for kernel tap (ki, kj)
/// is C contiguous floats at `base + tapOffset`. So the kernel walks six pixel pointers instead
/// of a packed column matrix: no unfold, no packing, and the six pixels may sit anywhere (across
/// rows or images), so small maps (7×7) waste no tile. A dense layer is the same thing with one
/// tap and C = features. Used only by `InferencePlan`; training keeps `GEMM` and `Im2Col`.
enum DirectConv {
    static let pixels = 6, lanes = 16

    /// Output channels per tile: 32 with AVX-512 (`DirectConvWide`), else 16.
    static func lanes(wide: Bool) -> Int { wide ? DirectConvWide.lanes : lanes }

    /// One tile, `lanes(wide:)` channels wide; arguments as `tile` below.
    @inline(__always)
    static func tile(wide: Bool, input: UnsafePointer<Float>, bases: UnsafePointer<Int>,
                     taps: UnsafePointer<Int>, tapCount: Int, channels: Int,
                     weights: UnsafePointer<Float>, bias: UnsafePointer<Float>,
                     output: UnsafeMutablePointer<Float>, outOffsets: UnsafePointer<Int>,
                     rows: Int, cols: Int, relu: Bool) {
        if wide {
            DirectConvWide.tile(input: input, bases: bases, taps: taps, tapCount: tapCount, channels: channels,
                                weights: weights, bias: bias, output: output, outOffsets: outOffsets,
                                rows: rows, cols: cols, relu: relu)
        } else {
            tile(input: input, bases: bases, taps: taps, tapCount: tapCount, channels: channels,
                 weights: weights, bias: bias, output: output, outOffsets: outOffsets,
                 rows: rows, cols: cols, relu: relu)
        }
    }

    @inline(__always)
    private static func load8(_ p: UnsafePointer<Float>) -> SIMD8<Float> {
        UnsafeRawPointer(p).loadUnaligned(as: SIMD8<Float>.self)
    }

    /// Computes one tile: out[pixel r][0..<cols] = bias + Σ_taps Σ_c in[base_r + tap + c] · w.
    ///
    /// - `bases`: 6 input offsets (one per pixel; rows past `rows` must still be readable).
    /// - `taps`: `tapCount` offsets added to every base; each tap reads `channels` floats.
    /// - `weights`: the panel, (taps, channels, 16) with columns past the layer's width zero.
    /// - `bias`: 16 floats; `outOffsets`: where each pixel's 16 (or `cols`) outputs go.
    /// - `relu`: clamp at zero on the way out (ReLU fused into the store).
    static func tile(input: UnsafePointer<Float>, bases: UnsafePointer<Int>,
                     taps: UnsafePointer<Int>, tapCount: Int, channels: Int,
                     weights: UnsafePointer<Float>, bias: UnsafePointer<Float>,
                     output: UnsafeMutablePointer<Float>, outOffsets: UnsafePointer<Int>,
                     rows: Int, cols: Int, relu: Bool) {
        let bLo = load8(bias), bHi = load8(bias + 8)
        var c00 = bLo, c01 = bHi, c10 = bLo, c11 = bHi, c20 = bLo, c21 = bHi
        var c30 = bLo, c31 = bHi, c40 = bLo, c41 = bHi, c50 = bLo, c51 = bHi
        let (o0, o1, o2, o3, o4, o5) = (bases[0], bases[1], bases[2], bases[3], bases[4], bases[5])
        var w = weights
        for t in 0..<tapCount {
            let tap = taps[t]
            let p0 = input + (o0 + tap), p1 = input + (o1 + tap), p2 = input + (o2 + tap)
            let p3 = input + (o3 + tap), p4 = input + (o4 + tap), p5 = input + (o5 + tap)
            for c in 0..<channels {
                let w0 = load8(w), w1 = load8(w + 8)
                var s = SIMD8<Float>(repeating: p0[c])
                c00.addProduct(s, w0); c01.addProduct(s, w1)
                s = SIMD8<Float>(repeating: p1[c])
                c10.addProduct(s, w0); c11.addProduct(s, w1)
                s = SIMD8<Float>(repeating: p2[c])
                c20.addProduct(s, w0); c21.addProduct(s, w1)
                s = SIMD8<Float>(repeating: p3[c])
                c30.addProduct(s, w0); c31.addProduct(s, w1)
                s = SIMD8<Float>(repeating: p4[c])
                c40.addProduct(s, w0); c41.addProduct(s, w1)
                s = SIMD8<Float>(repeating: p5[c])
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

    /// Writes one pixel's outputs, the first `cols` of 16, ReLU applied when asked.
    @inline(__always)
    private static func store(_ row: UnsafeMutablePointer<Float>, _ lo: SIMD8<Float>, _ hi: SIMD8<Float>,
                              _ how: (cols: Int, relu: Bool)) {
        var lo = lo, hi = hi
        if how.relu {
            lo = lo.replacing(with: 0, where: lo .< 0)
            hi = hi.replacing(with: 0, where: hi .< 0)
        }
        if how.cols == lanes {
            UnsafeMutableRawPointer(row).storeBytes(of: lo, as: SIMD8<Float>.self)
            UnsafeMutableRawPointer(row + 8).storeBytes(of: hi, as: SIMD8<Float>.self)
        } else {
            for j in 0..<how.cols { row[j] = j < 8 ? lo[j] : hi[j - 8] }
        }
    }
}
