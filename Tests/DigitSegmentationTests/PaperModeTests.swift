import XCTest
@testable import DigitSegmentation

/// Paper clipped at white (a clean scan, an exported drawing) must be measured as white and
/// noiseless: its smoothing window is cut short at 255, which once put the peak at 253 and
/// read the page as noisy enough for the median filter, which wears down thin strokes.
final class PaperModeTests: XCTestCase {
    func testPaperClippedAtEitherEndPeaksThere() {
        var white = GrayHistogram()
        white.counts[255] = 5_000
        white.counts[40] = 300
        XCTAssertEqual(white.mode(), 255)
        var black = GrayHistogram()
        black.counts[0] = 5_000
        black.counts[220] = 300
        XCTAssertEqual(black.mode(), 0)
    }

    func testSmoothingStillFindsTheTruePeakOfSpikyPaper() {
        // JPEG-like: alternate levels empty, the bulk around 200 but the tallest spike at 206.
        var h = GrayHistogram()
        for v in stride(from: 190, through: 210, by: 2) { h.counts[v] = 400 - 15 * abs(v - 200) }
        h.counts[206] = 420
        XCTAssertEqual(h.mode(), 200, accuracy: 2)
    }

    func testCleanAntiAliasedInkOnWhiteIsNotMedianFiltered() throws {
        // A 2 px ring with a one-pixel gray rim, on paper at exactly 255: nothing to denoise.
        var c = TestCanvas(width: 80, height: 80, paper: 255, ink: 128)
        for (radius, level) in [(17, 128), (16, 0), (13, 128), (12, 255)] as [(Int, UInt8)] {
            c.ink = level
            c.disc(40, 40, radius)
        }
        let page = try XCTUnwrap(InkPage.prepare(c.pixels, width: c.width, height: c.height, config: SegmentationConfig()))
        XCTAssertEqual(zip(page.pixels, c.pixels).filter { $0 != $1 }.count, 0, "pixels changed by the median filter")
    }
}
