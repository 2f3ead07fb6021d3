import XCTest
import ImageDecoding
@testable import DigitSegmentation

/// Pieces of one digit join; digits of neighbouring lines, written close, do not.
final class FragmentMergerTests: XCTestCase {
    private let segmenter = DigitSegmenter()

    /// Draws a stroke of radius `r` from (`x0`, `y0`) to (`x1`, `y1`).
    private func stroke(_ c: inout TestCanvas, _ x0: Int, _ y0: Int, _ x1: Int, _ y1: Int, r: Int = 3) {
        let steps = max(abs(x1 - x0), abs(y1 - y0), 1)
        for k in 0...steps {
            let t = Double(k) / Double(steps)
            c.disc(Int((Double(x0) + t * Double(x1 - x0)).rounded()), Int((Double(y0) + t * Double(y1 - y0)).rounded()), r)
        }
    }

    func testSlantedOneBrokenAcrossItsStrokeIsOneDigit() throws {
        // Alone on the page, so the digit height comes from the two pieces. They barely
        // share columns, so they are not stacked; a 2 px gap lies between their ink.
        var c = TestCanvas(width: 140, height: 130)
        stroke(&c, 72, 10, 58, 38)
        stroke(&c, 54, 46, 30, 104)
        let digits = try segmenter.segment(c.image)
        XCTAssertEqual(digits.count, 1)
        // Both pieces: neither alone is 70 px tall.
        XCTAssertGreaterThan(digits.first?.box.height ?? 0, 90)
    }

    func testShortPieceFourPixelsAboveItsStemIsOneDigit() throws {
        // A "1" whose top third broke off: the 4 px gap is small beside the 40 px stem,
        // large beside the 20 px piece.
        var c = TestCanvas(width: 120, height: 110)
        c.rect(50, 20, 8, 20); c.rect(50, 44, 8, 40)
        XCTAssertEqual(try segmenter.segment(c.image).map(\.box), [PixelBox(x: 50, y: 20, width: 8, height: 64)])
    }

    func testSixBrokenBetweenStemAndLoopIsOneDigit() throws {
        // Two whole 50 px digits set the height; the 6's stem (36 px) and loop (25 px) lie
        // 5 px apart, a tenth of it: wider than the ink gap allowed between whole digits.
        var c = TestCanvas(width: 180, height: 100)
        c.rect(20, 20, 8, 50); c.rect(60, 20, 8, 50)
        c.rect(100, 20, 6, 36)
        for k in 0..<72 {
            let t = Double(k) * Double.pi / 36
            c.disc(123 + Int((10 * cos(t)).rounded()), 52 + Int((10 * sin(t)).rounded()), 2)
        }
        let digits = try segmenter.segment(c.image)
        XCTAssertEqual(digits.map(\.box.x), [20, 60, 100])
        XCTAssertEqual(digits.last?.box.maxX, 136)
    }

    func testDigitOverTheNextLineWrittenCloseStaysApart() throws {
        // A thick pen: 6 px between the lines, a tenth of the digit height. The lower piece
        // has a whole digit of its height beside it, so it is a digit of its own line.
        var c = TestCanvas(width: 240, height: 180)
        c.rect(40, 20, 14, 60)
        for x in [40, 90, 140] { c.rect(x, 86, 14, 60) }
        let digits = try segmenter.segment(c.image)
        XCTAssertEqual(digits.map(\.line), [0, 1, 1, 1])
        XCTAssertEqual(digits.map(\.box.height), [60, 60, 60, 60])
    }

    func testDigitsAllBrokenAcrossTheLineEachStayWhole() throws {
        // Every digit of the line broke at the same height: the halves stand side by side,
        // but their neighbours are broken too, so each pair still joins.
        var c = TestCanvas(width: 200, height: 120)
        for x in [40, 70, 100] { c.rect(x, 20, 8, 30); c.rect(x, 53, 8, 30) }
        XCTAssertEqual(try segmenter.segment(c.image).map(\.box.height), [63, 63, 63])
    }

    func testPieceWithinAWideDigitsColumnsJoinsIt() {
        // A wide 2 (66 px, more than 1.25 × H = 62.5) and its broken-off top, 6 px above,
        // within its columns: joining does not widen the digit. Two 50 px bars set H.
        let boxes = [PixelBox(x: 0, y: 0, width: 8, height: 50), PixelBox(x: 30, y: 0, width: 8, height: 50),
                     PixelBox(x: 100, y: 14, width: 66, height: 21), PixelBox(x: 120, y: 0, width: 28, height: 8)]
        let (candidates, h) = FragmentMerger(config: SegmentationConfig()).merge(Array(zip(boxes.indices, boxes))) { i, j, limit in
            let gap = max(boxes[i].horizontalGap(boxes[j]), boxes[i].verticalGap(boxes[j]))
            return gap <= limit ? gap : nil
        }
        XCTAssertEqual(h, 50)
        XCTAssertEqual(candidates.map(\.box), [boxes[0], boxes[1], PixelBox(x: 100, y: 0, width: 66, height: 35)])
    }

    func testSlantedSevenBrokenBetweenBarAndStemIsOneDigit() {
        // The bar (21 px) ends above the stem's first columns; 9 px of paper lie between their
        // ink, about a quarter of H (40, from two whole digits): too far for the first pass,
        // and the pieces share too few columns to count as stacked.
        let boxes = [PixelBox(x: 0, y: 0, width: 8, height: 40), PixelBox(x: 30, y: 0, width: 8, height: 40),
                     PixelBox(x: 100, y: 0, width: 19, height: 21), PixelBox(x: 115, y: 18, width: 16, height: 26)]
        let (candidates, _) = FragmentMerger(config: SegmentationConfig()).merge(Array(zip(boxes.indices, boxes))) { i, j, limit in
            let gap = Set([i, j]) == [2, 3] ? 9 : max(boxes[i].horizontalGap(boxes[j]), boxes[i].verticalGap(boxes[j]))
            return gap <= limit ? gap : nil
        }
        XCTAssertEqual(candidates.map(\.box), [boxes[0], boxes[1], PixelBox(x: 100, y: 0, width: 31, height: 44)])
    }

    func testSevensFlatBarBrokenOffAtTheCornerJoinsItsStem() {
        // A 7's bar (36 × 8 px) broke off at the corner above its slanted stem (22 px wide):
        // flat and half as wide again as the stem, as an underline is, but on top and no
        // wider than a digit, so it is the 7's bar. The same bar under a digit stays apart.
        let h = 50
        let stem = PixelBox(x: 114, y: 6, width: 22, height: 44), bar = PixelBox(x: 100, y: 0, width: 36, height: 8)
        let under = PixelBox(x: 200, y: 54, width: 36, height: 8), digit = PixelBox(x: 214, y: 0, width: 22, height: h)
        let boxes = [PixelBox(x: 0, y: 0, width: 8, height: h), PixelBox(x: 30, y: 0, width: 8, height: h), stem, bar, digit, under]
        let (candidates, _) = FragmentMerger(config: SegmentationConfig()).merge(Array(zip(boxes.indices, boxes))) { i, j, limit in
            let gap = max(boxes[i].horizontalGap(boxes[j]), boxes[i].verticalGap(boxes[j]), Set([i, j]) == [2, 3] ? 2 : 0)
            return gap <= limit ? gap : nil
        }
        XCTAssertEqual(candidates.map(\.box), [boxes[0], boxes[1], PixelBox(x: 100, y: 0, width: 36, height: 50), digit, under])
    }

    func testSevensBarBrokenOffLeftOfItsStemJoinsItButAHyphenDoesNot() {
        // A 7's bar (14 × 5 px) broke off left of the stem's top, 8 px of paper between their
        // ink (a sixth of H: too far for pieces side by side): it lies over none of the stem's
        // columns and has a hyphen's shape, but it is level with the stem's top. The same piece
        // at mid-height before a digit is a hyphen.
        let h = 48
        let bar = PixelBox(x: 96, y: 2, width: 14, height: 5), stem = PixelBox(x: 118, y: 0, width: 10, height: h)
        let hyphen = PixelBox(x: 196, y: 22, width: 14, height: 5), digit = PixelBox(x: 218, y: 0, width: 10, height: h)
        let boxes = [PixelBox(x: 0, y: 0, width: 20, height: h), PixelBox(x: 40, y: 0, width: 20, height: h), bar, stem, hyphen, digit]
        let (candidates, _) = FragmentMerger(config: SegmentationConfig()).merge(Array(zip(boxes.indices, boxes))) { i, j, limit in
            let gap = max(boxes[i].horizontalGap(boxes[j]), boxes[i].verticalGap(boxes[j]))
            return gap <= limit ? gap : nil
        }
        XCTAssertEqual(candidates.map(\.box), [boxes[0], boxes[1], PixelBox(x: 96, y: 0, width: 32, height: h), hyphen, digit])
    }

    func testTwoWholeDigitsWrittenCloseAreLeftToTheNetwork() {
        // Two pieces 50 px tall and 10 and 30 px wide ("1" and "0"), 2 px of paper apart: within
        // the side gap whole digits may stand apart and still merge, but both are whole digits'
        // height and wider than the pen (8 px), so boxes alone do not join them.
        let boxes = [PixelBox(x: 0, y: 0, width: 10, height: 50), PixelBox(x: 12, y: 0, width: 30, height: 50),
                     PixelBox(x: 100, y: 0, width: 30, height: 50)]
        func merged(_ config: SegmentationConfig, pen: Double) -> [PixelBox] {
            FragmentMerger(config: config).merge(Array(zip(boxes.indices, boxes)), penWidth: pen) { i, j, limit in
                let gap = max(boxes[i].horizontalGap(boxes[j]), boxes[i].verticalGap(boxes[j]))
                return gap <= limit ? gap : nil
            }.candidates.map(\.box)
        }
        XCTAssertEqual(merged(SegmentationConfig(), pen: 8), boxes)
        // Turned off, they merge as before.
        var off = SegmentationConfig()
        off.mergeTallSideRatio = 0
        XCTAssertEqual(merged(off, pen: 8), [PixelBox(x: 0, y: 0, width: 42, height: 50), boxes[2]])
        // A piece narrower than 3/4 of a 16 px pen is no stroke of it (a box's wall left standing).
        XCTAssertEqual(merged(SegmentationConfig(), pen: 16), [PixelBox(x: 0, y: 0, width: 42, height: 50), boxes[2]])
    }

    func testAFramesWallBesideADigitStillJoinsIt() {
        // A wall 4 px wide and 50 tall (1:12, thinner than any upright 1 of this pen) 2 px from
        // a digit: merged with it, so that it is not read as a 1.
        let boxes = [PixelBox(x: 0, y: 0, width: 4, height: 50), PixelBox(x: 6, y: 0, width: 30, height: 50),
                     PixelBox(x: 100, y: 0, width: 30, height: 50)]
        let (candidates, _) = FragmentMerger(config: SegmentationConfig()).merge(Array(zip(boxes.indices, boxes)), penWidth: 4) { i, j, limit in
            let gap = max(boxes[i].horizontalGap(boxes[j]), boxes[i].verticalGap(boxes[j]))
            return gap <= limit ? gap : nil
        }
        XCTAssertEqual(candidates.map(\.box), [PixelBox(x: 0, y: 0, width: 36, height: 50), boxes[2]])
    }
}
