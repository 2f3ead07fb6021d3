import XCTest
import ImageDecoding
@testable import DigitSegmentation

/// A scanner's black margin over much of a small scan is left out of the ink model, so the
/// digit beside it is still found.
final class DarkMarginTests: XCTestCase {
    /// A 110 × 100 scan: black (12) over its left `margin` columns, paper (218) right of it,
    /// and a bar 8 × 50 of ink (60) at `bar`, all with ±4 levels of noise.
    private func scan(margin: Int, bar: Int = 80) -> GrayImage {
        var pixels = [UInt8](repeating: 218, count: 110 * 100)
        for y in 0..<100 {
            for x in 0..<margin { pixels[y * 110 + x] = 12 }
            if (25..<75).contains(y) { for x in bar..<(bar + 8) { pixels[y * 110 + x] = 60 } }
        }
        var state: UInt64 = 7
        for i in pixels.indices {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            pixels[i] = UInt8(clamping: Int(pixels[i]) + Int(state >> 61) - 4)
        }
        return GrayImage(width: 110, height: 100, pixels: pixels)
    }

    func testTheMarginIsCutAwayAndOnlyIt() throws {
        let page = scan(margin: 50)
        XCTAssertEqual(DarkMargin.interior(page.pixels, width: 110, height: 100, histogram: GrayHistogram(page.pixels)),
                       PixelBox(x: 50, y: 0, width: 60, height: 100))
        let inner = try XCTUnwrap(DarkMargin.inside(page.pixels, width: 110, height: 100, histogram: GrayHistogram(page.pixels)))
        XCTAssertEqual(inner.width, 60)
        XCTAssertEqual(inner.pixels.count, 6_000)
        XCTAssertGreaterThan(inner.pixels.first ?? 0, 200)
        // No margin: nothing to cut; a "margin" leaving under a quarter of the picture is none.
        let plain = scan(margin: 0)
        XCTAssertNil(DarkMargin.interior(plain.pixels, width: 110, height: 100, histogram: GrayHistogram(plain.pixels)))
        let dark = scan(margin: 90, bar: 95)
        XCTAssertNil(DarkMargin.interior(dark.pixels, width: 110, height: 100, histogram: GrayHistogram(dark.pixels)))
    }

    func testTheInkModelOfAScanMostlyMarginIsThePapersAndTheInks() throws {
        // Most pixels black: measured over all of them the paper's noise spread over 150 levels
        // and the page read as blank (no model at all).
        var config = SegmentationConfig()
        config.polarity = .darkOnLight
        let page = scan(margin: 70)
        let model = try XCTUnwrap(InkModel.estimate(page.pixels, width: 110, height: 100, config: config))
        XCTAssertEqual(Double(model.paperLevel), 218, accuracy: 4)
        XCTAssertTrue((64...210).contains(model.threshold), "threshold \(model.threshold)")
        XCTAssertTrue(model.isInk(60))
        XCTAssertFalse(model.isInk(218))
    }
}
