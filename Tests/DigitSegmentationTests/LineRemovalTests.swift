import XCTest
import ImageDecoding
@testable import DigitSegmentation

/// Ruled, squared and form paper: lines and box borders go, digit strokes stay.
final class LineRemovalTests: XCTestCase {
    private let segmenter = DigitSegmenter()

    private var withoutLineRemoval: DigitSegmenter {
        var config = SegmentationConfig()
        config.removeLines = false
        return DigitSegmenter(config: config)
    }

    /// A gray "printed line" canvas: thin lines lighter than the ink.
    private func line(_ c: inout TestCanvas, _ x: Int, _ y: Int, _ w: Int, _ h: Int, gray: UInt8 = 110) {
        let ink = c.ink
        c.ink = gray
        c.rect(x, y, w, h)
        c.ink = ink
    }

    /// Three form boxes 80 × 100 at x = 30, 130, 230 (y = 30), their lines `thickness` px.
    private func threeBoxes(_ c: inout TestCanvas, thickness t: Int) {
        for k in 0..<3 {
            let bx = 30 + 100 * k
            line(&c, bx, 30, 80, t, gray: 40); line(&c, bx, 130 - t, 80, t, gray: 40)
            line(&c, bx, 30, t, 100, gray: 40); line(&c, bx + 80 - t, 30, t, 100, gray: 40)
        }
    }

    func testRuledLinesGoAndCrossingStrokesStayWhole() throws {
        var c = TestCanvas(width: 420, height: 200)
        // A "1", an "L" and a "7" whose stem crosses the ruled line at y = 120.
        c.rect(60, 60, 8, 70)
        c.rect(160, 60, 8, 70); c.rect(160, 122, 40, 8)
        c.rect(260, 60, 40, 8); c.rect(292, 60, 8, 75)
        for y in [40, 120, 180] { line(&c, 0, y, 420, 2) }
        c.addNoise(amplitude: 5, seed: 4)
        let digits = try segmenter.segment(c.image)
        // Whole strokes: the full heights, across the line (the median filter may leave a
        // pixel of line beside a crossing, so x is within 1 px).
        XCTAssertEqual(digits.map(\.box.y), [60, 60, 60])
        XCTAssertEqual(digits.map(\.box.height), [70, 70, 75])
        for (digit, x) in zip(digits, [60, 160, 260]) { XCTAssertEqual(digit.box.x, x, accuracy: 1) }
        XCTAssertNotEqual(try withoutLineRemoval.segment(c.image).map(\.box), digits.map(\.box))
    }

    func testGridPaperGoesAroundTheDigits() throws {
        var c = TestCanvas(width: 360, height: 200)
        for x in stride(from: 5, to: 360, by: 36) { line(&c, x, 0, 1, 200, gray: 140) }
        for y in stride(from: 5, to: 200, by: 36) { line(&c, 0, y, 360, 1, gray: 140) }
        c.rect(50, 60, 8, 70)
        c.rect(150, 60, 36, 8); c.rect(178, 60, 8, 70)
        c.rect(250, 60, 8, 70); c.rect(250, 122, 40, 8)
        c.addNoise(amplitude: 5, seed: 8)
        let digits = try segmenter.segment(c.image)
        XCTAssertEqual(digits.map(\.box.x), [50, 150, 250])
        XCTAssertEqual(digits.map(\.box.height), [70, 70, 70])
    }

    func testFormBoxesAroundEachDigitGo() throws {
        var c = TestCanvas(width: 340, height: 160)
        threeBoxes(&c, thickness: 2)
        c.rect(60, 45, 8, 70)                                       // a "1" in the first box
        c.rect(140, 45, 36, 8); c.rect(168, 45, 8, 70)              // a "7"
        c.rect(240, 45, 8, 70); c.rect(240, 107, 36, 8)             // an "L"
        let digits = try segmenter.segment(c.image)
        XCTAssertEqual(digits.map(\.box), [PixelBox(x: 60, y: 45, width: 8, height: 70),
                                           PixelBox(x: 140, y: 45, width: 36, height: 70),
                                           PixelBox(x: 240, y: 45, width: 36, height: 70)])
    }

    func testCombFieldWithAWallTouchingADigit() throws {
        var c = TestCanvas(width: 340, height: 160)
        line(&c, 30, 30, 242, 2, gray: 40); line(&c, 30, 128, 242, 2, gray: 40)
        for x in [30, 110, 190, 270] { line(&c, x, 30, 2, 100, gray: 40) }
        c.rect(60, 45, 8, 70)
        c.rect(112, 60, 30, 8); c.rect(140, 45, 8, 70)             // a "4"-ish whose bar runs into the wall
        c.rect(220, 45, 8, 70); c.rect(220, 107, 36, 8)
        let digits = try segmenter.segment(c.image)
        XCTAssertEqual(digits.map(\.box.x), [60, 112, 220])
        XCTAssertEqual(digits.map(\.box.height), [70, 70, 70])
    }

    func testNarrowBoxFittedToADigitGoes() throws {
        // A box fitted to a "1" that touches its top and bottom: frame and digit are one
        // component as tall as the box, whose top (36 px) is far under `frameMinSide` × it.
        var c = TestCanvas(width: 340, height: 200)
        line(&c, 60, 30, 36, 2, gray: 40); line(&c, 60, 128, 36, 2, gray: 40)
        line(&c, 60, 30, 2, 100, gray: 40); line(&c, 94, 30, 2, 100, gray: 40)
        c.rect(74, 32, 8, 96)
        c.addNoise(amplitude: 5, seed: 3)
        let digits = try segmenter.segment(c.image)
        XCTAssertEqual(digits.count, 1)
        XCTAssertEqual(digits.first?.box.x ?? 0, 74, accuracy: 1)
        XCTAssertEqual(digits.first?.box.width ?? 0, 8, accuracy: 2)
        XCTAssertGreaterThanOrEqual(digits.first?.box.height ?? 0, 90)
        // Tops as long as the walls must be (the rule before `frameMinWidth`): the frame stays.
        var config = SegmentationConfig()
        config.frameMinWidth = config.frameMinSide
        XCTAssertEqual(try DigitSegmenter(config: config).segment(c.image).first?.box.width ?? 0, 36, accuracy: 1)
    }

    func testFramesThreePixelsThickGoWholeFromDigitsTouchingThem() throws {
        // Box lines 3 px thick; a 7 whose bar lies along its box's top, an L standing on its
        // box's bottom, a 1 beside a wall. Each side goes whole, not only the row or column
        // of it that passed the frame test (what was left joined the digits to their frames).
        var c = TestCanvas(width: 340, height: 200)
        threeBoxes(&c, thickness: 3)
        c.rect(45, 33, 50, 8); c.rect(87, 33, 8, 94)
        c.rect(150, 45, 8, 82); c.rect(150, 119, 40, 8)
        c.rect(292, 40, 8, 87)
        c.addNoise(amplitude: 5, seed: 3)
        let boxes = try segmenter.segment(c.image).map(\.box)
        XCTAssertEqual(boxes.count, 3)
        for (box, want) in zip(boxes, [PixelBox(x: 45, y: 33, width: 50, height: 94), PixelBox(x: 150, y: 45, width: 40, height: 82),
                                       PixelBox(x: 292, y: 40, width: 8, height: 87)]) {
            XCTAssertEqual(box.x, want.x, accuracy: 1); XCTAssertEqual(box.y, want.y, accuracy: 1)
            XCTAssertEqual(box.width, want.width, accuracy: 2); XCTAssertEqual(box.height, want.height, accuracy: 2)
        }
    }

    func testCombWhoseTopADigitLiesAlongIsFoundFromItsBottom() throws {
        // A comb of three boxes in 3 px lines; the first box's 7 has its bar along the comb's
        // top, which thickens the top's band there and cuts it short, so no frame is found
        // from the top. The bottom is whole, and the frame is found from it.
        var c = TestCanvas(width: 340, height: 200)
        line(&c, 30, 30, 243, 3, gray: 40); line(&c, 30, 127, 243, 3, gray: 40)
        for x in [30, 110, 190, 270] { line(&c, x, 30, 3, 100, gray: 40) }
        c.rect(40, 33, 62, 8); c.rect(94, 33, 8, 94)
        c.rect(140, 45, 8, 70)
        c.rect(220, 45, 8, 70); c.rect(220, 107, 36, 8)
        c.addNoise(amplitude: 5, seed: 5)
        let boxes = try segmenter.segment(c.image).map(\.box)
        XCTAssertEqual(boxes.count, 3)
        for (box, want) in zip(boxes, [(40, 62), (140, 8), (220, 36)]) {
            XCTAssertEqual(box.x, want.0, accuracy: 1)
            XCTAssertEqual(box.width, want.1, accuracy: 2)
        }
    }

    func testSmallDigitsMakeNoNarrowFrames() throws {
        // A 2 and a 9 about 20 px tall in 2-px strokes: a bar, a stem and a loop meet within
        // the 4 px a frame's corners may be off; none of it is a frame at this size.
        var c = TestCanvas(width: 120, height: 60)
        c.rect(20, 20, 10, 2); c.rect(28, 20, 2, 10); c.rect(20, 28, 10, 2); c.rect(20, 28, 2, 12); c.rect(20, 38, 12, 2)
        c.rect(60, 20, 10, 2); c.rect(60, 20, 2, 10); c.rect(60, 28, 10, 2); c.rect(68, 20, 2, 20)
        let digits = try segmenter.segment(c.image)
        XCTAssertEqual(digits.count, 2)
        XCTAssertEqual(digits, try withoutLineRemoval.segment(c.image))
    }

    func testDigitsWithStraightSidesAreNotFrames() throws {
        // A boxy "0" and a "7" with a long bar, in thin (2 px) strokes: line removal leaves
        // them exactly as they are without it.
        var c = TestCanvas(width: 260, height: 140)
        c.rect(40, 30, 50, 2); c.rect(40, 108, 50, 2); c.rect(40, 30, 2, 80); c.rect(88, 36, 2, 74)
        c.rect(140, 30, 70, 2); c.rect(200, 30, 2, 80)
        let digits = try segmenter.segment(c.image)
        XCTAssertEqual(digits.count, 2)
        XCTAssertEqual(digits, try withoutLineRemoval.segment(c.image))
    }
}
