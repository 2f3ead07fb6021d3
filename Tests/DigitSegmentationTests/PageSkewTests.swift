import XCTest
import ImageDecoding
@testable import DigitSegmentation

/// A page photographed askew is measured, turned level and read; boxes come back onto the
/// page as it was.
final class PageSkewTests: XCTestCase {
    func testSineAndCosineAreExactOverTheAnglesUsed() {
        for degrees in stride(from: -15.0, through: 15.0, by: 2.5) {
            let a = degrees * Double.pi / 180
            let (c, s) = PageSkew.sinCos(a)
            XCTAssertEqual(c * c + s * s, 1, accuracy: 1e-12)
            // sin 15° = (√6 − √2) / 4.
            if degrees == 15 { XCTAssertEqual(s, (6.0.squareRoot() - 2.0.squareRoot()) / 4, accuracy: 1e-12) }
        }
    }

    /// A page of ruled lines, turned `degrees` clockwise (falling to the right).
    private func ruledPage(degrees: Double) -> InkMask {
        var c = TestCanvas(width: 400, height: 300)
        for y in stride(from: 30, to: 280, by: 40) { c.rect(0, y, 400, 2) }
        let turned = PageSkew.rotated(c.image, degrees: degrees, fill: 230)
        return InkMask(pixels: turned.pixels, width: turned.width, height: turned.height) { $0 < 128 }
    }

    func testSkewOfRuledLinesIsFoundToHalfADegree() throws {
        XCTAssertEqual(try XCTUnwrap(PageSkew.angle(of: ruledPage(degrees: 8))), 8, accuracy: 0.5)
        XCTAssertEqual(try XCTUnwrap(PageSkew.angle(of: ruledPage(degrees: -11))), -11, accuracy: 0.5)
        // A level page has no skew to correct.
        XCTAssertNil(PageSkew.angle(of: ruledPage(degrees: 0)))
    }

    func testBoxesMapBackOntoThePageAsItWas() {
        var c = TestCanvas(width: 300, height: 200)
        c.rect(120, 60, 30, 50)
        let turned = PageSkew.rotated(c.image, degrees: -10, fill: 230)
        // Where the block went on the turned page.
        var x0 = Int.max, y0 = Int.max, x1 = 0, y1 = 0
        for y in 0..<turned.height {
            for x in 0..<turned.width where turned[x, y] < 128 {
                x0 = min(x0, x); y0 = min(y0, y); x1 = max(x1, x + 1); y1 = max(y1, y + 1)
            }
        }
        let back = PageSkew.boxBack(PixelBox(x: x0, y: y0, width: x1 - x0, height: y1 - y0),
                                    degrees: -10, width: 300, height: 200)
        // The block's own box, grown by the turn of its corners (at most sin 10° × its sides).
        XCTAssertLessThanOrEqual(back.x, 120); XCTAssertGreaterThanOrEqual(back.x, 105)
        XCTAssertLessThanOrEqual(back.y, 60); XCTAssertGreaterThanOrEqual(back.y, 45)
        XCTAssertGreaterThanOrEqual(back.maxX, 150); XCTAssertLessThanOrEqual(back.maxX, 165)
        XCTAssertGreaterThanOrEqual(back.maxY, 110); XCTAssertLessThanOrEqual(back.maxY, 125)
    }

    func testRuledPageTurnedTenDegreesIsReadLevel() throws {
        // Three rings standing on ruled lines, the page turned 10°: askew, the lines run
        // through the rings and no long level run gives them away.
        var c = TestCanvas(width: 420, height: 260)
        for y in stride(from: 40, to: 240, by: 44) { c.rect(0, y, 420, 2) }
        for x in [100, 190, 280] {
            c.rect(x, 98, 40, 6); c.rect(x, 168, 40, 6); c.rect(x, 98, 6, 76); c.rect(x + 34, 98, 6, 76)
        }
        let page = PageSkew.rotated(c.image, degrees: 10, fill: 230)
        let digits = try DigitSegmenter().segment(page, scorer: RingScorer())
        XCTAssertEqual(digits.count, 3)
        // Left to right, each box on the turned page around where its ring went.
        XCTAssertEqual(digits.map(\.box.x), digits.map(\.box.x).sorted())
        var config = SegmentationConfig()
        config.levelMinAngle = 0
        XCTAssertNotEqual(try DigitSegmenter(config: config).segment(page, scorer: RingScorer()).count, 3)
    }
}
