import XCTest
import ImageDecoding
@testable import DigitSegmentation

final class NormalizerTests: XCTestCase {
    private let segmenter = DigitSegmenter()

    func testOutputIsMNISTShaped() throws {
        var c = TestCanvas(width: 200, height: 200)
        c.disc(90, 70, 30)            // a "9": head ...
        c.rect(112, 70, 10, 90)       // ... and a long tail, so the mass sits high
        c.addNoise(amplitude: 10, seed: 2)
        let digit = try XCTUnwrap(try segmenter.segment(c.image).first)
        XCTAssertEqual(digit.pixels.count, 28 * 28)
        let stats = DigitStats(digit.pixels)
        XCTAssertEqual(stats.longerSide, 20, accuracy: 1)
        XCTAssertEqual(stats.comX, 14, accuracy: 0.5)
        XCTAssertEqual(stats.comY, 14, accuracy: 0.5)
        XCTAssertEqual(digit.pixels.max(), 255)
        XCTAssertEqual(digit.pixels[0], 0)
    }

    func testWideDigitKeepsItsAspectRatio() throws {
        var c = TestCanvas(width: 200, height: 120)
        c.rect(20, 40, 120, 60)       // 2:1
        let digit = try XCTUnwrap(try segmenter.segment(c.image).first)
        let stats = DigitStats(digit.pixels)
        XCTAssertEqual(stats.maxX - stats.minX + 1, 20)
        XCTAssertEqual(stats.maxY - stats.minY + 1, 10)
    }

    func testIntrudingNeighbourInkIsExcluded() throws {
        // A "C" whose opening a neighbour's arm reaches into, without touching it.
        var alone = TestCanvas(width: 200, height: 100)
        alone.rect(40, 20, 8, 60); alone.rect(40, 20, 40, 8); alone.rect(40, 72, 40, 8)
        var both = alone
        both.rect(100, 20, 8, 60); both.rect(70, 46, 38, 8)
        let digits = try segmenter.segment(both.image)
        XCTAssertEqual(digits.count, 2)
        XCTAssertLessThan(digits[1].box.x, digits[0].box.maxX, "the arm must reach into the C's box")
        let reference = try XCTUnwrap(try segmenter.segment(alone.image).first)
        XCTAssertEqual(digits[0].box, reference.box)
        XCTAssertEqual(digits[0].pixels, reference.pixels)
    }

    func testDeskewStandsASlantedBarUpright() throws {
        // A bar leaning right by 1 px in 3 rows.
        var c = TestCanvas(width: 200, height: 160)
        for y in 20..<140 { c.rect(60 + (140 - y) / 3, y, 10, 1) }
        let slanted = try XCTUnwrap(try segmenter.segment(c.image).first)
        var config = SegmentationConfig()
        config.deskew = true
        let upright = try XCTUnwrap(try DigitSegmenter(config: config).segment(c.image).first)
        XCTAssertGreaterThan(DigitStats(slanted.pixels).maxX - DigitStats(slanted.pixels).minX, 5)
        XCTAssertLessThanOrEqual(DigitStats(upright.pixels).maxX - DigitStats(upright.pixels).minX, 3)
        XCTAssertEqual(upright.box, slanted.box, "the box stays the source ink's")
    }

    func testAreaAveragingPreservesTotalInk() {
        var rng = SplitMix64(seed: 11)
        let w = 37, h = 23
        let src = (0..<(w * h)).map { _ in Float(rng.next() % 1000) / 1000 }
        for (nw, nh) in [(20, 12), (7, 3), (50, 31)] {
            let out = AreaResampler.resize(src, width: w, height: h, newWidth: nw, newHeight: nh)
            let inTotal = src.reduce(0, +), outTotal = out.reduce(0, +)
            XCTAssertEqual(outTotal * Float(w * h) / Float(nw * nh), inTotal, accuracy: inTotal * 1e-4, "\(nw)×\(nh)")
        }
    }

    func testAreaAveragingOfAnIntegerRatioIsTheBlockMean() {
        // 6×3 → 2×1: each output pixel is the mean of a 3×3 block.
        let src: [Float] = [1, 2, 3, 10, 10, 10,
                            4, 5, 6, 10, 10, 10,
                            7, 8, 9, 10, 10, 40]
        let out = AreaResampler.resize(src, width: 6, height: 3, newWidth: 2, newHeight: 1)
        XCTAssertEqual(out[0], 5, accuracy: 1e-5)
        XCTAssertEqual(out[1], 120 / 9, accuracy: 1e-5)
    }

    func testAreaWeightsCoverFractionsExactly() {
        // 5 → 2: output 0 covers source 0, 1 and half of 2.
        let w = AreaResampler.weights(from: 5, to: 2)
        XCTAssertEqual(w[0].map(\.index), [0, 1, 2])
        XCTAssertEqual(w[0].map(\.weight), [0.4, 0.4, 0.2])
        XCTAssertEqual(w[1].map(\.index), [2, 3, 4])
    }
}
