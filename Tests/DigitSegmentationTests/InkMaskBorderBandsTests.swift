import XCTest
import ImageDecoding
@testable import DigitSegmentation

/// A scanner's black margin is cleared from the ink mask; writing against it stays.
final class InkMaskBorderBandsTests: XCTestCase {
    func testFullColumnsAndRowsAtTheBorderAreClearedAndNothingElse() {
        var mask = InkMask(width: 40, height: 30)
        for y in 0..<30 { for x in 0..<5 { mask[x, y] = true } }     // left margin, 5 columns
        for x in 0..<40 { mask[x, 29] = true }                         // bottom margin, 1 row
        for y in 10..<20 { mask[5, y] = true; mask[6, y] = true } // a stroke against it
        for y in 0..<30 where !(10..<14).contains(y) { mask[39, y] = true } // a right column with a gap
        XCTAssertEqual(mask.clearBorderBands(), 6)
        XCTAssertFalse((0..<30).contains { y in (0..<5).contains { mask[$0, y] } })
        XCTAssertFalse((0..<40).contains { mask[$0, 29] })
        XCTAssertEqual((10..<20).filter { mask[5, $0] && mask[6, $0] }.count, 10, "the stroke stays")
        XCTAssertEqual((0..<29).filter { mask[39, $0] }.count, 25, "26 of 30 rows is no margin")
        // A page without a margin is left as it is.
        var page = InkMask(width: 40, height: 30)
        for y in 5..<25 { page[20, y] = true }
        let before = page
        XCTAssertEqual(page.clearBorderBands(), 0)
        XCTAssertEqual(page, before)
    }

    func testARingWrittenAgainstAMarginAsDarkAsItIsRead() throws {
        // The margin (20) and the first ring's ink (20) touch: one blob, read as neither, before.
        var c = TestCanvas(width: 400, height: 240, paper: 230, ink: 20)
        c.rect(0, 0, 24, 240)
        for x in [24, 180, 260] {
            c.rect(x, 80, 40, 6); c.rect(x, 154, 40, 6); c.rect(x, 80, 6, 80); c.rect(x + 34, 80, 6, 80)
        }
        c.addNoise(amplitude: 3, seed: 13)
        struct Sure: DigitScorer { func confidences(for images: [[UInt8]]) -> [Float] { images.map { _ in 0.99 } } }
        XCTAssertEqual(try DigitSegmenter().segment(c.image, scorer: Sure()).map(\.box.x), [24, 180, 260])
    }
}
