import XCTest
import ImageDecoding
@testable import DigitSegmentation

/// Touching digits whose blob is not clearly wider than one digit are split when the network
/// doubts the whole blob, and only through little ink.
final class NarrowTouchingTests: XCTestCase {
    /// A scorer that knows a ring when it sees one: paper at the centre, ink on all four
    /// sides of it. Anything else (half a ring, two rings) reads as "not one digit".
    private struct RingScorer: DigitScorer {
        func confidences(for images: [[UInt8]]) -> [Float] {
            images.map { image in
                let row = Array(image[(14 * 28)..<(15 * 28)]), column = (0..<28).map { image[$0 * 28 + 14] }
                let closed = image[14 * 28 + 14] == 0 && row[..<14].contains { $0 > 128 } && row[15...].contains { $0 > 128 }
                    && column[..<14].contains { $0 > 128 } && column[15...].contains { $0 > 128 }
                return closed ? 0.999 : 0.2
            }
        }
    }

    /// A ring `w` wide and 60 tall, stroke 8, at `x`.
    private func ring(_ c: inout TestCanvas, _ x: Int, _ w: Int) {
        c.rect(x, 20, w, 8); c.rect(x, 72, w, 8); c.rect(x, 20, 8, 60); c.rect(x + w - 8, 20, 8, 60)
    }

    func testNarrowPairJoinedByAShortStrokeIsSplit() throws {
        // Two narrow rings joined by a 4 px bridge: 64 × 60, aspect 1.07, under splitMinAspect.
        var c = TestCanvas(width: 180, height: 100)
        ring(&c, 40, 30); c.rect(70, 46, 4, 8); ring(&c, 74, 30)
        let digits = try DigitSegmenter().segment(c.image, scorer: RingScorer())
        XCTAssertEqual(digits.count, 2)
        XCTAssertEqual(digits.first?.box.x, 40)
        XCTAssertEqual(digits.last?.box.maxX, 104)
        // Without the doubt rule (the aspect floor above the blob's), it stays whole.
        var config = SegmentationConfig()
        config.splitUncertainAspect = 1.2
        XCTAssertEqual(try DigitSegmenter(config: config).segment(c.image, scorer: RingScorer()).count, 1)
    }

    func testNarrowBlobTheNetworkReadsAsOneDigitIsNotTried() throws {
        var c = TestCanvas(width: 180, height: 100)
        ring(&c, 40, 30); c.rect(70, 46, 4, 8); ring(&c, 74, 30)
        // Confident in everything, the whole blob included: a narrow blob it reads is one digit.
        struct Sure: DigitScorer { func confidences(for images: [[UInt8]]) -> [Float] { images.map { _ in 0.99 } } }
        XCTAssertEqual(try DigitSegmenter().segment(c.image, scorer: Sure()).count, 1)
    }

    func testNarrowBlobIsNotCutThroughAHeavyStroke() throws {
        // Two rings sharing one full-height wall (68 × 60): only a cut down that wall leaves
        // two closed rings, and a cut through a whole stroke is not where digits touch.
        var c = TestCanvas(width: 180, height: 100)
        ring(&c, 40, 38); ring(&c, 70, 38)
        XCTAssertEqual(try DigitSegmenter().segment(c.image, scorer: RingScorer()).count, 1)
    }
}
