import XCTest
import ImageDecoding
@testable import DigitSegmentation

/// Ink of any colour: the gray conversion that keeps the most contrast.
final class ColourTests: XCTestCase {
    private func page() -> TestCanvas {
        var c = TestCanvas(width: 200, height: 100, paper: 235, ink: 0)
        c.rect(40, 20, 8, 60); c.rect(100, 20, 8, 60); c.rect(100, 72, 30, 8)
        return c
    }

    private func choice(ink: (UInt8, UInt8, UInt8), paper: (UInt8, UInt8, UInt8) = (240, 238, 235)) -> ChannelSelector.Conversion {
        ChannelSelector.choose(page().coloured(paper: paper, ink: ink), config: SegmentationConfig())
    }

    func testBlueInkIsReadInTheRedChannel() {
        XCTAssertEqual(choice(ink: (40, 60, 170)), .red)
    }

    func testRedInkIsReadInTheGreenChannel() {
        XCTAssertEqual(choice(ink: (200, 35, 45)), .green)
    }

    func testBlackInkAndPencilKeepLuma() {
        XCTAssertEqual(choice(ink: (30, 30, 32)), .luma)
        XCTAssertEqual(choice(ink: (115, 115, 120)), .luma)
        XCTAssertEqual(choice(ink: (120, 120, 125), paper: (245, 235, 200)), .luma)  // cream paper
    }

    func testBlueHandwritingInABlackPrintedFormIsNotReadInTheBlueChannel() throws {
        // Two boxes ruled in black, a bold blue stroke in each. In the blue channel the blue
        // all but vanishes and the black lines alone, the darkest ink there is, scored the
        // highest contrast; line removal then cleared them and left nothing.
        var rgb = [UInt8](repeating: 240, count: 240 * 120 * 3)
        func paint(_ x0: Int, _ y0: Int, _ w: Int, _ h: Int, _ colour: (UInt8, UInt8, UInt8)) {
            for y in y0..<(y0 + h) {
                for x in x0..<(x0 + w) { (rgb[3 * (y * 240 + x)], rgb[3 * (y * 240 + x) + 1], rgb[3 * (y * 240 + x) + 2]) = colour }
            }
        }
        for x0 in [20, 120] {
            paint(x0, 10, 100, 2, (25, 25, 25)); paint(x0, 108, 100, 2, (25, 25, 25))
            paint(x0, 10, 2, 100, (25, 25, 25)); paint(x0 + 98, 10, 2, 100, (25, 25, 25))
            paint(x0 + 44, 25, 12, 70, (70, 95, 185))
        }
        let picture = RGBImage(width: 240, height: 120, pixels: rgb)
        XCTAssertNotEqual(ChannelSelector.choose(picture, config: SegmentationConfig()), .blue)
        XCTAssertEqual(try DigitSegmenter().segment(picture).map(\.box.x), [64, 164])
    }

    func testGrayPictureIsLumaExactly() {
        let gray = page()
        let rgb = gray.coloured(paper: (235, 235, 235), ink: (0, 0, 0))
        XCTAssertEqual(ChannelSelector.choose(rgb, config: SegmentationConfig()), .luma)
        XCTAssertEqual(ChannelSelector.gray(rgb, config: SegmentationConfig()), rgb.luma())
    }

    func testPaleInkInvisibleInLumaIsFoundInColour() throws {
        // Light cyan highlighter on white: 25 gray levels in luma, 120 in the red channel.
        let rgb = page().coloured(paper: (240, 240, 240), ink: (120, 255, 255))
        XCTAssertEqual(try DigitSegmenter().segment(rgb.luma()), [])
        XCTAssertEqual(try DigitSegmenter().segment(rgb).map(\.box.x), [40, 100])
    }
}
