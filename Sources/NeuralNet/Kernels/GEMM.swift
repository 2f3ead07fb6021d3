/// Single-precision matrix multiply: C = alpha · op(A) · op(B) + beta · C, all row-major.
///
/// op(A) is M×K (A itself is K×M when `transA`), op(B) is K×N (N×K when `transB`).
/// Blocked and packed so a 6×16 register tile of `SIMD8<Float>` accumulators does the work;
/// `gemmNaive` is the reference it is tested against.
@usableFromInline
struct GEMM {
    static let mr = 6, nr = 16
    static let kc = 256, mc = 96

    static func multiply(
        transA: Bool, transB: Bool, m: Int, n: Int, k: Int, alpha: Float = 1,
        a: UnsafePointer<Float>, lda: Int, b: UnsafePointer<Float>, ldb: Int,
        beta: Float, c: UnsafeMutablePointer<Float>, ldc: Int
    ) {
        if m == 0 || n == 0 { return }
        if k == 0 {
            scale(c, rows: m, cols: n, ldc: ldc, by: beta)
            return
        }
        let nPanels = (n + nr - 1) / nr
        let packedB = UnsafeMutablePointer<Float>.allocate(capacity: nPanels * nr * kc)
        let packedA = UnsafeMutablePointer<Float>.allocate(capacity: (mc / mr) * mr * kc)
        defer { packedB.deallocate(); packedA.deallocate() }

        var p0 = 0
        while p0 < k {
            let kb = min(kc, k - p0)
            packB(transB: transB, b: b, ldb: ldb, p0: p0, kb: kb, n: n, into: packedB)
            // The first K block applies beta; later blocks accumulate onto C.
            let blockBeta: Float = p0 == 0 ? beta : 1
            var i0 = 0
            while i0 < m {
                let mb = min(mc, m - i0)
                packA(transA: transA, a: a, lda: lda, i0: i0, mb: mb, p0: p0, kb: kb, into: packedA)
                var ip = 0
                while ip < mb {
                    let rows = min(mr, mb - ip)
                    for jp in 0..<nPanels {
                        let cols = min(nr, n - jp * nr)
                        kernel6x16(kb: kb, a: packedA + (ip / mr) * mr * kb, b: packedB + jp * nr * kb,
                                   c: c + (i0 + ip) * ldc + jp * nr, ldc: ldc,
                                   rows: rows, cols: cols, alpha: alpha, beta: blockBeta)
                    }
                    ip += mr
                }
                i0 += mb
            }
            p0 += kb
        }
    }

    private static func scale(_ c: UnsafeMutablePointer<Float>, rows: Int, cols: Int, ldc: Int, by beta: Float) {
        for i in 0..<rows {
            for j in 0..<cols { c[i * ldc + j] = beta == 0 ? 0 : beta * c[i * ldc + j] }
        }
    }

    /// Packs rows p0..<p0+kb of op(B) into panels of 16 columns: panel j holds kb rows of 16 floats.
    private static func packB(transB: Bool, b: UnsafePointer<Float>, ldb: Int, p0: Int, kb: Int,
                              n: Int, into out: UnsafeMutablePointer<Float>) {
        let nPanels = (n + nr - 1) / nr
        for jp in 0..<nPanels {
            let panel = out + jp * nr * kb
            let j0 = jp * nr
            let cols = min(nr, n - j0)
            if !transB && cols == nr {
                for p in 0..<kb {
                    let src = b + (p0 + p) * ldb + j0
                    (panel + p * nr).update(from: src, count: nr)
                }
            } else {
                for p in 0..<kb {
                    let dst = panel + p * nr
                    for j in 0..<nr {
                        if j < cols {
                            dst[j] = transB ? b[(j0 + j) * ldb + p0 + p] : b[(p0 + p) * ldb + j0 + j]
                        } else {
                            dst[j] = 0
                        }
                    }
                }
            }
        }
    }

    /// Packs rows i0..<i0+mb, columns p0..<p0+kb of op(A) into panels of 6 rows, K-major.
    private static func packA(transA: Bool, a: UnsafePointer<Float>, lda: Int, i0: Int, mb: Int,
                              p0: Int, kb: Int, into out: UnsafeMutablePointer<Float>) {
        var ip = 0
        while ip < mb {
            let panel = out + (ip / mr) * mr * kb
            let rows = min(mr, mb - ip)
            for p in 0..<kb {
                let dst = panel + p * mr
                for r in 0..<mr {
                    if r < rows {
                        let i = i0 + ip + r
                        dst[r] = transA ? a[(p0 + p) * lda + i] : a[i * lda + p0 + p]
                    } else {
                        dst[r] = 0
                    }
                }
            }
            ip += mr
        }
    }

    @inline(__always)
    private static func load8(_ p: UnsafePointer<Float>) -> SIMD8<Float> {
        UnsafeRawPointer(p).loadUnaligned(as: SIMD8<Float>.self)
    }

    /// The register tile: 12 accumulators cover 6 rows × 16 columns of C.
    private static func kernel6x16(kb: Int, a: UnsafePointer<Float>, b: UnsafePointer<Float>,
                                   c: UnsafeMutablePointer<Float>, ldc: Int,
                                   rows: Int, cols: Int, alpha: Float, beta: Float) {
        var c00 = SIMD8<Float>(), c01 = SIMD8<Float>()
        var c10 = SIMD8<Float>(), c11 = SIMD8<Float>()
        var c20 = SIMD8<Float>(), c21 = SIMD8<Float>()
        var c30 = SIMD8<Float>(), c31 = SIMD8<Float>()
        var c40 = SIMD8<Float>(), c41 = SIMD8<Float>()
        var c50 = SIMD8<Float>(), c51 = SIMD8<Float>()
        var ap = a, bp = b
        for _ in 0..<kb {
            let b0 = load8(bp), b1 = load8(bp + 8)
            var s = SIMD8<Float>(repeating: ap[0])
            c00.addProduct(s, b0); c01.addProduct(s, b1)
            s = SIMD8<Float>(repeating: ap[1])
            c10.addProduct(s, b0); c11.addProduct(s, b1)
            s = SIMD8<Float>(repeating: ap[2])
            c20.addProduct(s, b0); c21.addProduct(s, b1)
            s = SIMD8<Float>(repeating: ap[3])
            c30.addProduct(s, b0); c31.addProduct(s, b1)
            s = SIMD8<Float>(repeating: ap[4])
            c40.addProduct(s, b0); c41.addProduct(s, b1)
            s = SIMD8<Float>(repeating: ap[5])
            c50.addProduct(s, b0); c51.addProduct(s, b1)
            ap += mr
            bp += nr
        }
        let t = (alpha, beta, cols)
        store(c, c00, c01, t)
        if rows > 1 { store(c + ldc, c10, c11, t) }
        if rows > 2 { store(c + 2 * ldc, c20, c21, t) }
        if rows > 3 { store(c + 3 * ldc, c30, c31, t) }
        if rows > 4 { store(c + 4 * ldc, c40, c41, t) }
        if rows > 5 { store(c + 5 * ldc, c50, c51, t) }
    }

    /// Writes one row of the tile: alpha · acc + beta · C, only the first `cols` columns.
    @inline(__always)
    private static func store(_ row: UnsafeMutablePointer<Float>, _ lo: SIMD8<Float>, _ hi: SIMD8<Float>,
                              _ t: (alpha: Float, beta: Float, cols: Int)) {
        var lo = lo * t.alpha, hi = hi * t.alpha
        if t.cols == nr {
            if t.beta != 0 {
                let vb = SIMD8<Float>(repeating: t.beta)
                lo.addProduct(vb, load8(row)); hi.addProduct(vb, load8(row + 8))
            }
            UnsafeMutableRawPointer(row).storeBytes(of: lo, as: SIMD8<Float>.self)
            UnsafeMutableRawPointer(row + 8).storeBytes(of: hi, as: SIMD8<Float>.self)
        } else {
            for j in 0..<t.cols {
                let v = j < 8 ? lo[j] : hi[j - 8]
                row[j] = t.beta == 0 ? v : v + t.beta * row[j]
            }
        }
    }
}

/// The reference the blocked kernel is tested against: the textbook triple loop.
func gemmNaive(transA: Bool, transB: Bool, m: Int, n: Int, k: Int, alpha: Float = 1,
               a: [Float], lda: Int, b: [Float], ldb: Int, beta: Float, c: inout [Float], ldc: Int) {
    for i in 0..<m {
        for j in 0..<n {
            var sum: Float = 0
            for p in 0..<k {
                let av = transA ? a[p * lda + i] : a[i * lda + p]
                let bv = transB ? b[j * ldb + p] : b[p * ldb + j]
                sum += av * bv
            }
            c[i * ldc + j] = alpha * sum + (beta == 0 ? 0 : beta * c[i * ldc + j])
        }
    }
}
