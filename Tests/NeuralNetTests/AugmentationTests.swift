import Foundation
import XCTest
@testable import NeuralNet

/// The robust recipe's augmentation: what it must keep, and that v1's stays bit-identical.
final class AugmentationTests: XCTestCase {
    /// A 28×28 "7": a bar along the top and a diagonal down to the bottom.
    private func seven() -> [Float] {
        var img = [Float](repeating: 0, count: 784)
        for x in 6...21 { for y in 5...6 { img[y * 28 + x] = 255 } }
        for y in 7...23 { let x = 21 - (y - 7) / 2; img[y * 28 + x] = 255; img[y * 28 + x - 1] = 255 }
        return img
    }

    private func augment(_ a: Augmentation, _ src: [Float], seed: UInt64) -> [Float] {
        var out = [Float](repeating: 0, count: 784)
        var rng = SplitMix64(seed: seed)
        src.withUnsafeBufferPointer { s in
            out.withUnsafeMutableBufferPointer { o in a.apply(s.baseAddress!, into: o.baseAddress!, height: 28, width: 28, rng: &rng) }
        }
        return out
    }

    private var robust: Augmentation {
        let c = TrainingConfig()
        return Augmentation(rotationDegrees: c.augmentRotation, shift: c.augmentShift, scale: c.augmentScale,
                            shear: c.augmentShear, elastic: c.augmentElastic, strokeProbability: c.augmentStroke,
                            occlusionProbability: c.augmentOcclusion, contrastProbability: c.augmentContrast)
    }

    /// With the extras off, the warp is the v1 affine one: same draws, same pixels.
    func testExtrasOffIsTheV1AffineWarp() {
        let c = TrainingConfig.v1
        let a = Augmentation(rotationDegrees: c.augmentRotation, shift: c.augmentShift, scale: c.augmentScale,
                             shear: c.augmentShear, elastic: c.augmentElastic, strokeProbability: c.augmentStroke,
                             occlusionProbability: c.augmentOcclusion, contrastProbability: c.augmentContrast)
        let src = seven()
        for seed in 0..<20 as Range<UInt64> {
            var rng = SplitMix64(seed: seed)
            let angle = rng.nextSigned() * 10 * .pi / 180, s = 1 + rng.nextSigned() * 0.1
            let tx = rng.nextSigned() * 2, ty = rng.nextSigned() * 2
            let cosA = cosf(angle) / s, sinA = sinf(angle) / s
            var expected = [Float](repeating: 0, count: 784)
            src.withUnsafeBufferPointer { sp in
                for y in 0..<28 { for x in 0..<28 {
                    let dx = Float(x) - 13.5 - tx, dy = Float(y) - 13.5 - ty
                    expected[y * 28 + x] = Augmentation.bilinear(sp.baseAddress!, 28, 28, cosA * dx + sinA * dy + 13.5,
                                                                 -sinA * dx + cosA * dy + 13.5)
                } }
            }
            XCTAssertEqual(augment(a, src, seed: seed), expected, "seed \(seed)")
        }
    }

    /// Robust draws change the digit but keep it a digit: ink stays in range, most of it stays,
    /// and it stays near the centre (segmentation centres digits; augmentation must not undo that).
    func testRobustDrawsKeepTheDigit() {
        let src = seven(), mass = src.reduce(0, +)
        var sx: Float = 0, sy: Float = 0
        for i in 0..<784 { sx += Float(i % 28) * src[i]; sy += Float(i / 28) * src[i] }
        var changed = 0
        for seed in 0..<200 as Range<UInt64> {
            let out = augment(robust, src, seed: seed)
            XCTAssertTrue(out.allSatisfy { $0 >= 0 && $0 <= 255.001 }, "seed \(seed): values out of range")
            let m = out.reduce(0, +)
            XCTAssertGreaterThan(m, 0.15 * mass, "seed \(seed): most ink lost")
            XCTAssertLessThan(m, 2.5 * mass, "seed \(seed): too much ink added")
            var cx: Float = 0, cy: Float = 0
            for i in 0..<784 { cx += Float(i % 28) * out[i]; cy += Float(i / 28) * out[i] }
            XCTAssertEqual(cx / m, sx / mass, accuracy: 4, "seed \(seed)")
            XCTAssertEqual(cy / m, sy / mass, accuracy: 4, "seed \(seed)")
            if out != augment(robust, src, seed: seed + 1000) { changed += 1 }
            if let dir = ProcessInfo.processInfo.environment["DIGITSCAN_DUMP_AUGMENT"], seed < 48 {
                let bytes = [UInt8]("P5 28 28 255\n".utf8) + out.map { UInt8(max(0, min(255, $0))) }
                FileManager.default.createFile(atPath: "\(dir)/aug-\(seed).pgm", contents: Data(bytes))
            }
        }
        XCTAssertEqual(changed, 200, "different seeds must give different images")
    }

    /// Thicker then thinner pens move the ink mass the right way.
    func testStrokeMorphologyThickensAndThins() {
        var img = seven()
        let mass = img.reduce(0, +)
        img.withUnsafeMutableBufferPointer { Augmentation.morph($0.baseAddress!, 28, 28, thicker: true, amount: 1) }
        XCTAssertGreaterThan(img.reduce(0, +), 1.5 * mass)
        var thin = seven()
        thin.withUnsafeMutableBufferPointer { Augmentation.morph($0.baseAddress!, 28, 28, thicker: false, amount: 0.5) }
        XCTAssertLessThan(thin.reduce(0, +), 0.9 * mass)
    }
}
