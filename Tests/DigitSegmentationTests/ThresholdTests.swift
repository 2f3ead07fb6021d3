import XCTest
@testable import DigitSegmentation

final class ThresholdTests: XCTestCase {
    func testOtsuSplitsBimodalHistogramBetweenModes() throws {
        var h = GrayHistogram()
        for v in 30...50 { h.counts[v] = 100 - 4 * abs(v - 40) }
        for v in 190...210 { h.counts[v] = 300 - 10 * abs(v - 200) }
        let otsu = try XCTUnwrap(OtsuThreshold(h))
        XCTAssertGreaterThan(otsu.threshold, 50)
        XCTAssertLessThan(otsu.threshold, 190)
        XCTAssertEqual(otsu.darkMean, 40, accuracy: 1)
        XCTAssertEqual(otsu.brightMean, 200, accuracy: 1)
    }

    func testOtsuPutsThresholdInTheMiddleOfAnEmptyGap() throws {
        var h = GrayHistogram()
        h.counts[20] = 50
        h.counts[220] = 500
        let otsu = try XCTUnwrap(OtsuThreshold(h))
        XCTAssertEqual(otsu.threshold, 119, accuracy: 1)
    }

    func testOtsuNeedsTwoLevels() {
        var h = GrayHistogram()
        h.counts[128] = 10
        XCTAssertNil(OtsuThreshold(h))
        XCTAssertNil(OtsuThreshold(GrayHistogram()))
    }

    func testPolarityIsDetectedBothWays() throws {
        var c = TestCanvas(width: 120, height: 80)
        c.rect(30, 15, 8, 50)
        c.rect(70, 15, 25, 8)
        c.addNoise(amplitude: 6, seed: 1)
        let config = SegmentationConfig()
        let dark = try XCTUnwrap(InkModel.estimate(c.pixels, width: c.width, height: c.height, config: config))
        XCTAssertTrue(dark.inkIsDark)
        XCTAssertTrue(dark.isInk(30))
        XCTAssertFalse(dark.isInk(230))
        let inverted = c.inverted()
        let light = try XCTUnwrap(InkModel.estimate(inverted.pixels, width: c.width, height: c.height, config: config))
        XCTAssertFalse(light.inkIsDark)
        XCTAssertTrue(light.isInk(225))
        XCTAssertFalse(light.isInk(25))
    }

    func testAShadowOverMostOfThePageDoesNotInvertIt() throws {
        // Dark strokes on paper, two thirds of it in a shadow (light 0.55) with a sharp edge:
        // the page's commonest gray is the shadow's, and its lit corner looks like light ink.
        var c = TestCanvas(width: 240, height: 120)
        for x in stride(from: 20, to: 220, by: 40) { c.rect(x, 50, 6, 50); c.rect(x, 50, 20, 6) }
        c.light { x, y in y > 40 - x / 6 ? 0.55 : 1 }
        c.addNoise(amplitude: 4, seed: 2)
        let config = SegmentationConfig()
        let whole = try XCTUnwrap(InkModel.estimate(c.pixels, width: c.width, height: c.height, config: config))
        XCTAssertFalse(whole.inkIsDark, "the global estimate alone takes the lit corner for ink")
        XCTAssertTrue(InkModel.inkIsDark(c.pixels, width: c.width, height: c.height, config: config))
        // Light strokes on dark paper with the same shadow stay light.
        var inverted = TestCanvas(width: 240, height: 120, paper: 40, ink: 220)
        for x in stride(from: 20, to: 220, by: 40) { inverted.rect(x, 50, 6, 50); inverted.rect(x, 50, 20, 6) }
        inverted.light { x, y in y > 40 - x / 6 ? 0.55 : 1 }
        inverted.addNoise(amplitude: 4, seed: 2)
        XCTAssertFalse(InkModel.inkIsDark(inverted.pixels, width: inverted.width, height: inverted.height, config: config))
    }

    func testInkAmountIsZeroOnPaperAndOneOnSolidInk() throws {
        var c = TestCanvas(width: 100, height: 60)
        c.rect(20, 10, 30, 40)
        let model = try XCTUnwrap(InkModel.estimate(c.pixels, width: c.width, height: c.height,
                                                    config: SegmentationConfig()))
        XCTAssertEqual(model.inkAmount(230), 0)
        XCTAssertEqual(model.inkAmount(30), 1)
        XCTAssertEqual(model.inkAmount(130), 0.5, accuracy: 0.05)
    }

    func testMedianRemovesSaltAndKeepsAThreePixelStroke() {
        var c = TestCanvas(width: 40, height: 30)
        c.rect(10, 5, 3, 20)
        c.pixels[2 * 40 + 30] = 0  // an isolated speck
        let out = MedianFilter.apply(c.pixels, width: 40, height: 30, radius: 1)
        XCTAssertEqual(out[2 * 40 + 30], 230)
        for y in 6..<24 { for x in 10..<13 { XCTAssertEqual(out[y * 40 + x], 30, "(\(x), \(y))") } }
    }

    func testVectorMedianMatchesSortedReference() {
        var rng = SplitMix64(seed: 42)
        let w = 53, h = 9
        let pixels = (0..<(w * h)).map { _ in UInt8(truncatingIfNeeded: rng.next()) }
        let fast = MedianFilter.apply(pixels, width: w, height: h, radius: 1)
        for y in 0..<h {
            for x in 0..<w {
                var window: [UInt8] = []
                for dy in -1...1 { for dx in -1...1 {
                    window.append(pixels[min(max(y + dy, 0), h - 1) * w + min(max(x + dx, 0), w - 1)])
                } }
                XCTAssertEqual(fast[y * w + x], window.sorted()[4], "(\(x), \(y))")
            }
        }
    }
}
