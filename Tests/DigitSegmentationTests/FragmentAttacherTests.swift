import XCTest
import ImageDecoding
@testable import DigitSegmentation

/// A piece that merging left out beside a digit joins it when the network reads the digit
/// surer with it, and only then.
final class FragmentAttacherTests: XCTestCase {
    /// Reads a 28×28 input whose ink spans more than 6 columns at `wide`, a narrower one at 0.6.
    private struct WidthScorer: DigitScorer {
        var wide: Float = 0.999
        func confidences(for images: [[UInt8]]) -> [Float] {
            images.map { image in
                let columns = (0..<28).filter { x in (0..<28).contains { image[$0 * 28 + x] > 64 } }
                return (columns.max() ?? 0) - (columns.min() ?? 0) + 1 > 6 ? wide : 0.6
            }
        }
    }

    /// A stem 10 × 60 and, `gap` px left of it at mid-height, a dot 10 × 10: too small for a
    /// digit and, beside a digit without sharing its columns, punctuation to the merger.
    private func page(gap: Int) -> GrayImage {
        var c = TestCanvas(width: 140, height: 100)
        c.rect(70, 20, 10, 60)
        c.rect(70 - gap - 10, 45, 10, 10)
        return c.image
    }

    func testAPieceThatMakesTheDigitReadSureJoinsIt() throws {
        let digits = try DigitSegmenter().segment(page(gap: 5), scorer: WidthScorer())
        XCTAssertEqual(digits.map(\.box), [PixelBox(x: 55, y: 20, width: 25, height: 60)])
    }

    func testAPieceStaysOutWhenTheDigitIsNoSurerOrItIsFar() throws {
        let stem = [PixelBox(x: 70, y: 20, width: 10, height: 60)]
        // Without the network, and when the network reads the pair no surer than 0.7.
        XCTAssertEqual(try DigitSegmenter().segment(page(gap: 5)).map(\.box), stem)
        XCTAssertEqual(try DigitSegmenter().segment(page(gap: 5), scorer: WidthScorer(wide: 0.7)).map(\.box), stem)
        // 12 px away: over 0.15 × the digit height.
        XCTAssertEqual(try DigitSegmenter().segment(page(gap: 12), scorer: WidthScorer()).map(\.box), stem)
    }
}
