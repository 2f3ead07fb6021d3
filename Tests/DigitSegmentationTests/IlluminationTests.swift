import XCTest
import ImageDecoding
@testable import DigitSegmentation

/// Uneven light (shading, shadows) and the local threshold.
final class IlluminationTests: XCTestCase {
    /// Four bar-and-hook "digits" on a page with a soft shadow band across its middle.
    private func shadowedPage() -> TestCanvas {
        var c = TestCanvas(width: 480, height: 160, paper: 225, ink: 35)
        for k in 0..<4 {
            c.rect(40 + 110 * k, 40, 8, 70); c.rect(40 + 110 * k, 102, 40, 8)
        }
        // Light: full at the sides, 35 % under a band from x = 170 to 330, soft edges 40 px.
        c.light { x, _ in
            let inside = min(max(Double(min(x - 150, 350 - x)) / 40, 0), 1)
            return 1 - 0.65 * inside
        }
        c.addNoise(amplitude: 4, seed: 7)
        return c
    }

    func testShadowIsFlattenedSoEveryDigitIsFound() throws {
        let page = shadowedPage()
        let digits = try DigitSegmenter().segment(page.image)
        XCTAssertEqual(digits.map(\.box), (0..<4).map { PixelBox(x: 40 + 110 * $0, y: 40, width: 40, height: 70) })
        // Without flattening one global threshold swallows the shadow.
        var plain = SegmentationConfig()
        plain.backgroundBlockRatio = 0
        plain.threshold = .otsu
        XCTAssertNotEqual(try DigitSegmenter(config: plain).segment(page.image).map(\.box), digits.map(\.box))
    }

    func testEvenlyLitPageIsNotFlattened() {
        var c = TestCanvas(width: 300, height: 200)
        c.rect(100, 50, 10, 80)
        c.addNoise(amplitude: 6, seed: 3)
        XCTAssertNil(BackgroundFlattener.flatten(c.pixels, width: c.width, height: c.height, config: SegmentationConfig()))
    }

    func testPaperLevelIsFilledInUnderThickStrokes() throws {
        // A 20 px marker stroke on paper that darkens from 240 (left) to 120 (right).
        var c = TestCanvas(width: 400, height: 200, paper: 240, ink: 30)
        c.rect(180, 20, 20, 160)
        c.light { x, _ in 1 - 0.5 * Double(x) / 400 }
        let config = SegmentationConfig()
        let block = BackgroundFlattener.blockSide(width: c.width, height: c.height, config: config)
        let grid = BackgroundFlattener.paperLevels(c.pixels, width: c.width, height: c.height,
                                                   block: block, radius: config.backgroundRadius)
        // Under the stroke the estimate is the paper's level there (about 240 × 0.76), not ink.
        let column = 190 / block, row = 100 / block
        XCTAssertEqual(Double(grid.levels[row * grid.columns + column]), 240 * (1 - 0.5 * 190 / 400), accuracy: 12)
        let flat = try XCTUnwrap(BackgroundFlattener.flatten(c.pixels, width: c.width, height: c.height, config: config))
        XCTAssertEqual(Double(flat[100 * c.width + 20]), Double(flat[100 * c.width + 380]), accuracy: 12)
        XCTAssertLessThan(flat[100 * c.width + 190], 60)
    }

    func testSauvolaMatchesABruteForceWindow() {
        var rng = SplitMix64(seed: 5)
        let w = 23, h = 17, window = 7
        let pixels = (0..<(w * h)).map { _ in UInt8(truncatingIfNeeded: rng.next()) }
        let mask = SauvolaThreshold.mask(pixels, width: w, height: h, window: window, k: 0.2, maxLevel: 255)
        for y in 0..<h {
            for x in 0..<w {
                var sum = 0.0, squares = 0.0, n = 0.0
                for yy in max(y - 3, 0)...min(y + 3, h - 1) {
                    for xx in max(x - 3, 0)...min(x + 3, w - 1) {
                        let v = Double(pixels[yy * w + xx]); sum += v; squares += v * v; n += 1
                    }
                }
                let mean = sum / n, deviation = max(squares / n - mean * mean, 0).squareRoot()
                let t = mean * (1 + 0.2 * (deviation / 128 - 1))
                let v = Double(pixels[y * w + x])
                if abs(v - t) > 0.01 { XCTAssertEqual(mask[x, y], v <= t, "(\(x), \(y))") }
            }
        }
    }

    func testSauvolaFindsFaintInkBesideDarkInk() throws {
        // A dark digit and a faint pencil one (paper 230, pencil 150, ink 20).
        var c = TestCanvas(width: 260, height: 120, paper: 230, ink: 20)
        c.rect(40, 20, 8, 70); c.rect(40, 82, 40, 8)
        var faint = TestCanvas(width: 260, height: 120, paper: 230, ink: 150)
        faint.rect(160, 20, 8, 70); faint.rect(160, 20, 40, 8)
        for i in c.pixels.indices { c.pixels[i] = min(c.pixels[i], faint.pixels[i]) }
        c.addNoise(amplitude: 3, seed: 2)
        var local = SegmentationConfig()
        local.threshold = .sauvola
        XCTAssertEqual(try DigitSegmenter(config: local).segment(c.image).map(\.box.x), [40, 160])
        var global = SegmentationConfig()
        global.threshold = .otsu
        XCTAssertEqual(try DigitSegmenter(config: global).segment(c.image).map(\.box.x), [40])
    }

    /// A shadow band with fairly sharp edges (a hand or a phone in the light) at a steep angle:
    /// light 40 % under a band 150 px across (in x), its edges soft over 30 px (0.04 × the
    /// diagonal), over a row of digits.
    private func sharpShadowPage() -> TestCanvas {
        var c = TestCanvas(width: 640, height: 480, paper: 235, ink: 40)
        for k in 0..<5 {
            c.rect(40 + 120 * k, 200, 7, 70); c.rect(40 + 120 * k, 263, 38, 7)
        }
        c.light { x, y in
            let d = abs(Double(x) - 180 - 0.35 * Double(y))
            let t = min(max((75 - d) / 30 + 0.5, 0), 1)
            return 1 - 0.6 * t * t * (3 - 2 * t)
        }
        c.addNoise(amplitude: 3, seed: 11)
        return c
    }

    func testStrokeWidthIsNotTheShadowBands() {
        let page = sharpShadowPage()
        let mask = InkMask(pixels: page.pixels, width: page.width, height: page.height) { $0 < 170 }
        // Each row crosses the band once (about 150 px, under a quarter of the page), so the
        // band's runs outnumber the strokes' and the horizontal median is the band's.
        XCTAssertGreaterThan(mask.medianRunLength(longest: page.width / 4) ?? 0, 60)
        XCTAssertEqual(Double(mask.strokeWidthBesideShadows() ?? 0), 7, accuracy: 1)
    }

    func testSharpEdgedShadowBandIsFlattenedAwayFromTheDigits() throws {
        let digits = try DigitSegmenter().segment(sharpShadowPage().image)
        XCTAssertEqual(digits.map(\.box), (0..<5).map { PixelBox(x: 40 + 120 * $0, y: 200, width: 38, height: 70) })
    }
}
