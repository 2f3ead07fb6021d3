import XCTest
import ImageDecoding
@testable import DigitSegmentation

/// Cut paths find the way between strokes that overlap in width, where no column is clear.
final class CutPathTests: XCTestCase {
    /// Two parallel bars slanting right, 7 px wide and 5 px apart: every column from 2 on holds ink.
    private func slantedPair() -> (crop: DigitCrop, left: Float, right: Float) {
        let w = 40, h = 40
        var pixels = [Float](repeating: 0, count: w * h)
        var left: Float = 0, right: Float = 0
        for y in 0..<h {
            for x in 0..<w {
                let s = x - y / 2
                if (2...8).contains(s) { pixels[y * w + x] = 1; left += 1 }
                if (14...20).contains(s) { pixels[y * w + x] = 1; right += 1 }
            }
        }
        return (DigitCrop(pixels: pixels, width: w, height: h, x: 10, y: 5), left, right)
    }

    func testLeastInkPathRunsBetweenSlantedStrokes() {
        let (crop, left, right) = slantedPair()
        // No straight cut is clear ...
        for x in 2..<crop.width {
            XCTAssertGreaterThan(CutPath(vertical: x, height: crop.height).ink(in: crop), 0, "column \(x)")
        }
        // ... but the path is, and it parts the bars exactly.
        let path = CutPath.leastInk(crop, around: 21, reach: 15)
        XCTAssertEqual(path.ink(in: crop), 0)
        let a = CutPath.piece(of: crop, after: nil, before: path), b = CutPath.piece(of: crop, after: path, before: nil)
        XCTAssertEqual(a?.mass, left)
        XCTAssertEqual(b?.mass, right)
        XCTAssertEqual(a?.x, 12)
        XCTAssertEqual(b?.height, crop.height)
    }

    func testOnPaperThePathRunsStraight() {
        // A blank band between two upright bars: the path keeps to its column.
        let w = 30, h = 20
        var pixels = [Float](repeating: 0, count: w * h)
        for y in 0..<h { for x in 0..<w where x < 8 || x >= 22 { pixels[y * w + x] = 1 } }
        let crop = DigitCrop(pixels: pixels, width: w, height: h, x: 0, y: 0)
        XCTAssertEqual(CutPath.leastInk(crop, around: 15, reach: 6), CutPath(vertical: 15, height: h))
    }

    /// A scorer that reads one stroke, one run of ink on every row, as a digit, anything else
    /// (two strokes, or a stroke with a bit of the other) as not one.
    private struct OneStroke: DigitScorer {
        func confidences(for images: [[UInt8]]) -> [Float] {
            images.map { image in
                let single = (0..<28).allSatisfy { y in
                    var runs = 0, inside = false
                    for x in 0..<28 { let ink = image[y * 28 + x] > 64; if ink && !inside { runs += 1 }; inside = ink }
                    return runs <= 1
                }
                return single ? 0.99 : 0.1
            }
        }
    }

    func testSlantedTouchingStrokesAreSplitAlongAPath() throws {
        // Two strokes 60 tall slanting right (0.4 px a row), 16 px wide and 8 px apart, joined
        // at the top by a short bridge: a blob 1.07 × its height whose strokes overlap in
        // 16 columns, so no column parts them.
        var c = TestCanvas(width: 200, height: 120)
        for y in 0..<60 {
            let x = 40 + (59 - y) * 2 / 5
            c.rect(x, 30 + y, 16, 1); c.rect(x + 24, 30 + y, 16, 1)
        }
        c.rect(80, 30, 8, 3)
        let digits = try DigitSegmenter().segment(c.image, scorer: OneStroke())
        XCTAssertEqual(digits.count, 2)
        XCTAssertEqual(digits.map(\.box.height), [60, 60])
    }
}
