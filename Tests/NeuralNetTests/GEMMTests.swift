import XCTest
@testable import NeuralNet

/// The blocked GEMM against the naive triple loop, over every transpose combination and
/// sizes that exercise partial tiles and several K blocks.
final class GEMMTests: XCTestCase {
    func testMatchesNaiveReference() {
        var rng = SplitMix64(seed: 5)
        let shapes = [(1, 1, 1), (6, 16, 3), (7, 17, 5), (13, 40, 300), (100, 33, 9), (32, 196, 288)]
        for (m, n, k) in shapes {
            for transA in [false, true] {
                for transB in [false, true] {
                    for beta: Float in [0, 1, 0.5] {
                        let a = (0..<(m * k)).map { _ in rng.nextSigned() }
                        let b = (0..<(k * n)).map { _ in rng.nextSigned() }
                        let c0 = (0..<(m * n)).map { _ in rng.nextSigned() }
                        let lda = transA ? m : k, ldb = transB ? k : n
                        var expected = c0
                        gemmNaive(transA: transA, transB: transB, m: m, n: n, k: k, alpha: 1.5, a: a, lda: lda,
                                  b: b, ldb: ldb, beta: beta, c: &expected, ldc: n)
                        var got = c0
                        got.withUnsafeMutableBufferPointer { c in
                            GEMM.multiply(transA: transA, transB: transB, m: m, n: n, k: k, alpha: 1.5,
                                          a: a, lda: lda, b: b, ldb: ldb, beta: beta, c: c.baseAddress!, ldc: n)
                        }
                        for i in 0..<(m * n) {
                            let tol = 1e-4 * Float(k).squareRoot() * max(1, abs(expected[i]))
                            XCTAssertEqual(got[i], expected[i], accuracy: tol,
                                           "m\(m) n\(n) k\(k) tA\(transA) tB\(transB) β\(beta) at \(i)")
                        }
                    }
                }
            }
        }
    }
}
