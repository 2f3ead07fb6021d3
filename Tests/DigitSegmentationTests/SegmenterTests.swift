import XCTest
import ImageDecoding
@testable import DigitSegmentation

final class SegmenterTests: XCTestCase {
    private let segmenter = DigitSegmenter()

    /// A "1"-like bar and an "L"-like shape, 60 px tall, starting at `x`.
    private func drawPair(_ c: inout TestCanvas, x: Int, y: Int) {
        c.rect(x, y, 8, 60)
        c.rect(x + 40, y, 8, 60); c.rect(x + 40, y + 52, 30, 8)
    }

    func testBlankPagesGiveNoDigits() throws {
        var noisy = TestCanvas(width: 300, height: 200)
        noisy.addNoise(amplitude: 12, seed: 3)
        XCTAssertEqual(try segmenter.segment(noisy.image), [])
        XCTAssertEqual(try segmenter.segment(TestCanvas(width: 50, height: 50).image), [])
        XCTAssertEqual(try segmenter.segment(TestCanvas(width: 50, height: 50, paper: 0).image), [])
        XCTAssertEqual(try segmenter.segment(GrayImage(width: 0, height: 0, pixels: [])), [])
    }

    func testFaintSmudgeIsNotADigit() throws {
        var c = TestCanvas(width: 200, height: 100, paper: 200, ink: 185)
        c.rect(50, 20, 10, 60)
        c.addNoise(amplitude: 4, seed: 5)
        XCTAssertEqual(try segmenter.segment(c.image), [])
    }

    func testTwoSeparateDigitsStayTwoInReadingOrder() throws {
        var c = TestCanvas(width: 200, height: 100)
        drawPair(&c, x: 40, y: 20)
        c.addNoise(amplitude: 8, seed: 1)
        let digits = try segmenter.segment(c.image)
        XCTAssertEqual(digits.map(\.box.x), [40, 80])
        XCTAssertEqual(digits.map(\.line), [0, 0])
    }

    func testSpecksAreDropped() throws {
        var c = TestCanvas(width: 200, height: 100)
        drawPair(&c, x: 40, y: 20)
        c.rect(150, 10, 2, 2); c.rect(10, 90, 3, 2); c.rect(130, 50, 2, 3)
        let digits = try segmenter.segment(c.image)
        XCTAssertEqual(digits.count, 2)
    }

    func testBrokenStrokeIsOneDigit() throws {
        var c = TestCanvas(width: 120, height: 100)
        c.rect(50, 10, 8, 35); c.rect(50, 48, 8, 37)  // a "1" with a 3 px break
        XCTAssertEqual(try segmenter.segment(c.image).map(\.box), [PixelBox(x: 50, y: 10, width: 8, height: 75)])
    }

    func testFiveWithDetachedTopBarIsOneDigit() throws {
        var c = TestCanvas(width: 160, height: 120)
        c.rect(45, 20, 40, 8)                                  // top bar, detached
        c.rect(40, 31, 8, 30); c.rect(40, 55, 35, 8)           // stem and middle
        c.rect(70, 55, 8, 35); c.rect(40, 84, 38, 8)           // belly
        let digits = try segmenter.segment(c.image)
        XCTAssertEqual(digits.count, 1)
        XCTAssertEqual(digits.first?.box, PixelBox(x: 40, y: 20, width: 45, height: 72))
    }

    func testFiveWhoseBarReachesPastItsBodyIsOneDigit() throws {
        var c = TestCanvas(width: 160, height: 120)
        c.rect(62, 20, 48, 8)                                  // bar, mostly right of the body
        c.rect(40, 31, 8, 30); c.rect(40, 55, 35, 8)
        c.rect(70, 55, 8, 35); c.rect(40, 84, 38, 8)
        XCTAssertEqual(try segmenter.segment(c.image).map(\.box), [PixelBox(x: 40, y: 20, width: 70, height: 72)])
    }

    func testStrokesWhoseInkNearlyTouchesAreOneDigit() throws {
        // A "4" written as a stem and a separate "-|": 3 px of paper between the strokes.
        var c = TestCanvas(width: 160, height: 100)
        c.rect(40, 20, 8, 40); c.rect(51, 52, 30, 8); c.rect(72, 20, 8, 60)
        XCTAssertEqual(try segmenter.segment(c.image).count, 1)
        // The same strokes 12 px apart are two digits.
        var apart = TestCanvas(width: 160, height: 100)
        apart.rect(40, 20, 8, 60); apart.rect(60, 52, 21, 8); apart.rect(72, 20, 8, 60)
        XCTAssertEqual(try segmenter.segment(apart.image).count, 2)
    }

    func testTwoLinesAreOrderedTopToBottom() throws {
        var c = TestCanvas(width: 260, height: 220)
        c.rect(30, 130, 8, 60); c.rect(80, 130, 8, 60); c.rect(130, 130, 8, 60)  // lower line first
        c.rect(60, 30, 8, 60); c.rect(120, 34, 8, 60)
        let digits = try segmenter.segment(c.image)
        XCTAssertEqual(digits.map(\.line), [0, 0, 1, 1, 1])
        XCTAssertEqual(digits.map(\.box.x), [60, 120, 30, 80, 130])
    }

    func testSlopingLinesStayWholeAndInOrder() throws {
        // Two lines of eight digits rising 6° (0.105 px per px): over the line the drift
        // (about 50 px) is most of a digit's height, more than a horizontal band allows.
        var boxes: [PixelBox] = []
        for line in 0..<2 {
            for k in 0..<8 {
                let x = 30 + 70 * k
                boxes.append(PixelBox(x: x, y: 150 + 110 * line - Int(0.105 * Double(x)), width: 30, height: 60))
            }
        }
        let grouper = LineGrouper(config: SegmentationConfig())
        // Handed over in a scrambled order.
        let scrambled = boxes.indices.map { ($0 * 7) % boxes.count }
        let (line, order) = grouper.group(scrambled.map { boxes[$0] })
        XCTAssertEqual(order.map { scrambled[$0] }, Array(boxes.indices))
        XCTAssertEqual(scrambled.indices.map { line[$0] }, scrambled.map { $0 / 8 })
    }

    func testWhiteOnBlackGivesTheSameDigits() throws {
        var c = TestCanvas(width: 200, height: 100)
        drawPair(&c, x: 40, y: 20)
        c.addNoise(amplitude: 8, seed: 9)
        let dark = try segmenter.segment(c.image)
        let light = try segmenter.segment(c.inverted())
        XCTAssertEqual(dark.count, 2)
        XCTAssertEqual(dark, light)
    }

    func testForcedPolarityThatIsWrongFindsNoDigits() throws {
        var c = TestCanvas(width: 200, height: 100)
        drawPair(&c, x: 40, y: 20)
        var config = SegmentationConfig()
        config.polarity = .lightOnDark
        XCTAssertEqual(try DigitSegmenter(config: config).segment(c.image), [])
        config.polarity = .darkOnLight
        XCTAssertEqual(try DigitSegmenter(config: config).segment(c.image).count, 2)
    }

    func testInvalidConfigThrows() {
        var config = SegmentationConfig()
        config.canvas = 16
        XCTAssertThrowsError(try DigitSegmenter(config: config).segment(TestCanvas(width: 9, height: 9).image)) {
            XCTAssertTrue("\($0)".contains("canvas"), "\($0)")
        }
    }
}
