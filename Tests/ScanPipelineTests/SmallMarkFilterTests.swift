import DigitSegmentation
import XCTest
@testable import ScanPipeline

/// Marks the network reads as no digit go when they are shorter than their line's digits.
final class SmallMarkFilterTests: XCTestCase {
    private func digit(_ line: Int, height: Int, confidence: Float) -> FileResult.Digit {
        FileResult.Digit(value: 1, confidence: confidence, line: line,
                         box: PixelBox(x: 0, y: 0, width: 20, height: height), probabilities: [])
    }

    func testShortUnreadableMarksGoAndDigitsOfTheLinesSizeStay() {
        let filter = SmallMarkFilter(maxConfidence: 0.4)
        let digits = [
            digit(0, height: 20, confidence: 0.13),  // a printed "Total:" before the amount
            digit(0, height: 50, confidence: 0.99), digit(0, height: 52, confidence: 0.98),
            digit(0, height: 48, confidence: 0.2),   // an unreadable digit of the line's size
            digit(0, height: 30, confidence: 0.6),   // short, but read as a digit
            digit(1, height: 20, confidence: 0.1),   // alone on its line: nothing to compare with
        ]
        XCTAssertEqual(filter.kept(digits), [1, 2, 3, 4, 5])
        // Just under 0.7 × the line's median (50) goes; at it, it stays.
        XCTAssertEqual(filter.kept([digit(0, height: 50, confidence: 0.99), digit(0, height: 34, confidence: 0.3)]), [0])
        XCTAssertEqual(filter.kept([digit(0, height: 50, confidence: 0.99), digit(0, height: 35, confidence: 0.3)]), [0, 1])
        // At the threshold or above it stays; 0 turns the filter off.
        XCTAssertEqual(filter.kept([digit(0, height: 50, confidence: 0.99), digit(0, height: 20, confidence: 0.4)]), [0, 1])
        XCTAssertEqual(SmallMarkFilter(maxConfidence: 0).kept(digits), Array(digits.indices))
    }
}
