import XCTest
import ImageDecoding
@testable import DigitSegmentation

/// Stroke width brought into MNIST's range; faint ink brought to full strength; dotted pens.
final class StrokeWidthTests: XCTestCase {
    /// 2 · area / perimeter of the 28×28 output's pixels of at least half intensity.
    private func outputStrokeWidth(_ pixels: [UInt8]) -> Double {
        StrokeWidth.measure(pixels.map { Float($0) / 255 }, width: 28, height: 28) ?? 0
    }

    /// An "L" of the given stroke width, `size` tall, on a page with room around it.
    private func letterL(size: Int, stroke: Int) -> TestCanvas {
        var c = TestCanvas(width: size + 80, height: size + 80)
        c.rect(40, 40, stroke, size); c.rect(40, 40 + size - stroke, size * 6 / 10, stroke)
        c.addNoise(amplitude: 3, seed: 12)
        return c
    }

    private var unadjusted: DigitSegmenter {
        var config = SegmentationConfig()
        config.strokeMin = 0
        config.strokeMax = 1
        return DigitSegmenter(config: config)
    }

    /// The filter as first written: every neighbour through a bounds check, the fold a closure.
    private func referenceMorph(_ pixels: [Float], _ w: Int, _ h: Int, steps: Int, pick: (Float, Float) -> Float) -> [Float] {
        var current = pixels, next = pixels
        for step in 0..<steps {
            for y in 0..<h {
                for x in 0..<w {
                    func at(_ dx: Int, _ dy: Int) -> Float {
                        let (xx, yy) = (x + dx, y + dy)
                        return xx >= 0 && xx < w && yy >= 0 && yy < h ? current[yy * w + xx] : 0
                    }
                    var v = pick(pick(current[y * w + x], at(-1, 0)), pick(at(1, 0), pick(at(0, -1), at(0, 1))))
                    if step % 2 == 0 { v = pick(v, pick(pick(at(-1, -1), at(1, -1)), pick(at(-1, 1), at(1, 1)))) }
                    next[y * w + x] = v
                }
            }
            swap(&current, &next)
        }
        return current
    }

    func testMorphologyEqualsTheCheckedFilterExactly() {
        var rng = SplitMix64(seed: 21)
        for (w, h) in [(1, 1), (2, 5), (5, 2), (3, 3), (17, 9), (40, 33)] {
            let pixels = (0..<(w * h)).map { _ in Float(rng.next() % 5) / 4 * Float(rng.next() % 2) }
            for steps in [1, 2, 3] {
                XCTAssertEqual(StrokeWidth.morph(pixels, width: w, height: h, steps: steps, Dilation.self),
                               referenceMorph(pixels, w, h, steps: steps, pick: Swift.max), "dilate \(w)×\(h), \(steps)")
                XCTAssertEqual(StrokeWidth.morph(pixels, width: w, height: h, steps: steps, Erosion.self),
                               referenceMorph(pixels, w, h, steps: steps, pick: Swift.min), "erode \(w)×\(h), \(steps)")
            }
        }
    }

    func testMeasureCountsTheSameSidesAsAPixelByPixelWalk() {
        var rng = SplitMix64(seed: 34)
        for (w, h) in [(1, 1), (1, 7), (6, 1), (12, 9), (31, 26)] {
            let amount = (0..<(w * h)).map { _ in Float(rng.next() % 5) / 4 }
            func ink(_ x: Int, _ y: Int) -> Bool { x >= 0 && x < w && y >= 0 && y < h && amount[y * w + x] >= 0.5 }
            var area = 0, perimeter = 0
            for y in 0..<h {
                for x in 0..<w where ink(x, y) {
                    area += 1
                    perimeter += [ink(x - 1, y), ink(x + 1, y), ink(x, y - 1), ink(x, y + 1)].filter { !$0 }.count
                }
            }
            let half = Double(perimeter) / 2, d = half * half - 4 * Double(area)
            let expected: Double? = perimeter == 0 ? nil : d >= 0 ? (half - d.squareRoot()) / 2 : Double(area) / half
            XCTAssertEqual(StrokeWidth.measure(amount, width: w, height: h), expected, "\(w)×\(h)")
        }
    }

    func testMeasureOfABarIsItsWidth() {
        let bar = [Float](repeating: 1, count: 10 * 100)
        XCTAssertEqual(StrokeWidth.measure(bar, width: 10, height: 100) ?? 0, 10, accuracy: 1e-9)
        // An L of two 40 px strokes: A = 8000, P = 480, w = (240 − 160) / 2.
        var l = [Float](repeating: 0, count: 90 * 150)
        for y in 0..<150 { for x in 0..<40 { l[y * 90 + x] = 1 } }
        for y in 110..<150 { for x in 0..<90 { l[y * 90 + x] = 1 } }
        XCTAssertEqual(StrokeWidth.measure(l, width: 90, height: 150) ?? 0, 40, accuracy: 1e-9)
        XCTAssertNil(StrokeWidth.measure([Float](repeating: 0, count: 9), width: 3, height: 3))
    }

    func testHairlineIsThickened() throws {
        let page = letterL(size: 240, stroke: 2).image
        let thin = try XCTUnwrap(try unadjusted.segment(page).first)
        let fixed = try XCTUnwrap(try DigitSegmenter().segment(page).first)
        XCTAssertLessThan(outputStrokeWidth(thin.pixels), 1)
        XCTAssertEqual(outputStrokeWidth(fixed.pixels), 0.097 * 20, accuracy: 0.6)
        XCTAssertEqual(fixed.box, thin.box, "the box stays the source ink's")
    }

    func testMarkerIsThinned() throws {
        let page = letterL(size: 150, stroke: 40).image
        let blob = try XCTUnwrap(try unadjusted.segment(page).first)
        let fixed = try XCTUnwrap(try DigitSegmenter().segment(page).first)
        XCTAssertGreaterThan(outputStrokeWidth(blob.pixels), 4)
        XCTAssertEqual(outputStrokeWidth(fixed.pixels), 0.097 * 20, accuracy: 0.8)
    }

    func testStrokeInRangeIsLeftAlone() throws {
        let page = letterL(size: 100, stroke: 10).image
        XCTAssertEqual(try DigitSegmenter().segment(page), try unadjusted.segment(page))
    }

    func testFaintInkReachesFullStrength() {
        // Ink amounts of a pencil digit: 0.5 at most.
        let faint: [Float] = [0, 0.25, 0.5, 0.5, 0.45, 0.5, 0, 0.5]
        let stretched = MNISTNormalizer.stretched(faint)
        XCTAssertEqual(stretched.max(), 1)
        XCTAssertEqual(stretched[1], 0.5, accuracy: 1e-6)
        let solid: [Float] = [0, 1, 1, 0.3, 1]
        XCTAssertEqual(MNISTNormalizer.stretched(solid), solid)
    }

    func testDottedStrokesAreJoined() throws {
        // A dotted "1" and a dotted "L": dots 6 px across, 10 px apart (centre to centre).
        var c = TestCanvas(width: 240, height: 140)
        for y in stride(from: 25, through: 115, by: 10) { c.disc(60, y, 3); c.disc(150, y, 3) }
        for x in stride(from: 160, through: 200, by: 10) { c.disc(x, 115, 3) }
        c.addNoise(amplitude: 4, seed: 6)
        let digits = try DigitSegmenter().segment(c.image)
        // Each digit from its first dot to its last (the median filter rounds off a pixel).
        XCTAssertEqual(digits.count, 2)
        for (digit, expected) in zip(digits, [PixelBox(x: 57, y: 22, width: 7, height: 97),
                                              PixelBox(x: 147, y: 22, width: 57, height: 97)]) {
            XCTAssertEqual(digit.box.x, expected.x, accuracy: 1)
            XCTAssertEqual(digit.box.y, expected.y, accuracy: 1)
            XCTAssertEqual(digit.box.maxX, expected.maxX, accuracy: 1)
            XCTAssertEqual(digit.box.maxY, expected.maxY, accuracy: 1)
        }
        var off = SegmentationConfig()
        off.joinDots = false
        XCTAssertNotEqual(try DigitSegmenter(config: off).segment(c.image).count, 2)
    }

    func testOrdinaryPageIsNotDotted() throws {
        var c = TestCanvas(width: 300, height: 120)
        for k in 0..<4 { c.rect(30 + 60 * k, 20, 8, 70) }
        c.rect(20, 105, 3, 3); c.rect(200, 8, 2, 3)  // specks
        let labels = try ConnectedComponents(pixels: c.pixels, width: c.width, height: c.height,
                                             maxComponents: 100) { $0 < 128 }
        XCTAssertNil(DottedStrokes.dots(in: labels, pixels: c.pixels, width: c.width, strokeWidth: 8))
    }
}
