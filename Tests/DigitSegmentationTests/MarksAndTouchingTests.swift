import XCTest
import ImageDecoding
@testable import DigitSegmentation

/// Punctuation and underlines are not digits; touching digits are split where the scorer
/// reads the pieces best.
final class MarksAndTouchingTests: XCTestCase {
    /// A scorer that answers from a closure over the 28×28 inputs.
    private struct FakeScorer: DigitScorer {
        let judge: @Sendable ([UInt8]) -> Float
        func confidences(for images: [[UInt8]]) -> [Float] { images.map(judge) }
    }

    /// A ring "0", `w` wide and 60 tall, stroke 8, at `x`.
    private func ring(_ c: inout TestCanvas, _ x: Int, _ w: Int) {
        c.rect(x, 20, w, 8); c.rect(x, 72, w, 8); c.rect(x, 20, 8, 60); c.rect(x + w - 8, 20, 8, 60)
    }

    func testHyphenDotAndUnderlineAreNotDigits() throws {
        var c = TestCanvas(width: 360, height: 150)
        c.rect(40, 20, 8, 70)                                   // "1"
        c.rect(75, 52, 24, 6)                                   // hyphen, 12 px from both neighbours
        c.rect(110, 20, 40, 8); c.rect(142, 20, 8, 70)          // "7"
        c.rect(180, 20, 8, 70); c.rect(180, 82, 40, 8)          // "L"
        c.disc(232, 86, 4)                                      // full stop after it
        c.rect(30, 100, 200, 7)                                 // underline, 10 px below
        c.addNoise(amplitude: 4, seed: 21)
        let digits = try DigitSegmenter().segment(c.image)
        XCTAssertEqual(digits.map(\.box.x), [40, 110, 180])
        XCTAssertEqual(digits.map(\.box.height), [70, 70, 70])
    }

    func testDetachedBarOfAFiveStillJoins() throws {
        // The punctuation rules must not cost a 5 its bar: the bar lies over its columns.
        var c = TestCanvas(width: 160, height: 120)
        c.rect(45, 20, 40, 8)
        c.rect(40, 31, 8, 30); c.rect(40, 55, 35, 8); c.rect(70, 55, 8, 35); c.rect(40, 84, 38, 8)
        XCTAssertEqual(try DigitSegmenter().segment(c.image).count, 1)
    }

    func testTouchingRingsAreSplitWhereThePiecesReadAsDigits() throws {
        // Two rings overlapping by 2 px.
        var pair = TestCanvas(width: 200, height: 100)
        ring(&pair, 40, 50); ring(&pair, 88, 50)
        // The scorer knows a ring when it sees one: paper at the centre, ink on all four
        // sides of it. A piece holding half a ring has a side open.
        let scorer = FakeScorer { image in
            let row = Array(image[(14 * 28)..<(15 * 28)]), column = (0..<28).map { image[$0 * 28 + 14] }
            let closed = image[14 * 28 + 14] == 0 && row[..<14].contains { $0 > 128 } && row[15...].contains { $0 > 128 }
                && column[..<14].contains { $0 > 128 } && column[15...].contains { $0 > 128 }
            return closed ? 0.999 : 0.5
        }
        let digits = try DigitSegmenter().segment(pair.image, scorer: scorer)
        XCTAssertEqual(digits.count, 2)
        XCTAssertEqual(digits.map(\.line), [0, 0])
        XCTAssertEqual(digits.first?.box.x, 40)
        XCTAssertEqual(digits.last?.box.maxX, 138)
        // A scorer that likes nothing keeps it whole.
        XCTAssertEqual(try DigitSegmenter().segment(pair.image, scorer: FakeScorer { _ in 0.5 }).count, 1)
    }

    func testASplitMustReadBetterThanTheWholeBlob() throws {
        var pair = TestCanvas(width: 200, height: 100)
        ring(&pair, 40, 50); ring(&pair, 88, 50)
        // Pieces (about square) read as rings at 0.999; the whole blob (twice as wide as tall
        // in its 28×28 input) reads at `whole`.
        func scorer(whole: Float) -> FakeScorer {
            FakeScorer { image in
                let ink = image.indices.filter { image[$0] > 128 }
                let xs = ink.map { $0 % 28 }, ys = ink.map { $0 / 28 }
                let w = (xs.max() ?? 0) - (xs.min() ?? 0) + 1, h = (ys.max() ?? 0) - (ys.min() ?? 0) + 1
                return w * 2 > 3 * h ? whole : 0.999
            }
        }
        XCTAssertEqual(try DigitSegmenter().segment(pair.image, scorer: scorer(whole: 0.5)).count, 2)
        XCTAssertEqual(try DigitSegmenter().segment(pair.image, scorer: scorer(whole: 0.9995)).count, 1,
                       "a blob the network reads more surely than any split stays whole")
    }

    /// A wide blob the network reads as no digit (below 0.5) takes a split whose pieces read
    /// from `splitWideFallback` (0.8); one it reads as a doubtful digit needs `splitMinConfidence`.
    func testAWideBlobReadAsNoDigitSettlesForALessSureSplit() throws {
        var pair = TestCanvas(width: 200, height: 100)
        ring(&pair, 40, 50); ring(&pair, 88, 50)
        func scorer(whole: Float, piece: Float) -> FakeScorer {
            FakeScorer { image in
                let ink = image.indices.filter { image[$0] > 128 }
                let xs = ink.map { $0 % 28 }, ys = ink.map { $0 / 28 }
                let w = (xs.max() ?? 0) - (xs.min() ?? 0) + 1, h = (ys.max() ?? 0) - (ys.min() ?? 0) + 1
                return w * 2 > 3 * h ? whole : piece
            }
        }
        XCTAssertEqual(try DigitSegmenter().segment(pair.image, scorer: scorer(whole: 0.2, piece: 0.85)).count, 2)
        XCTAssertEqual(try DigitSegmenter().segment(pair.image, scorer: scorer(whole: 0.2, piece: 0.75)).count, 1)
        XCTAssertEqual(try DigitSegmenter().segment(pair.image, scorer: scorer(whole: 0.6, piece: 0.85)).count, 1,
                       "a whole read as a doubtful digit needs pieces at splitMinConfidence")
        var off = SegmentationConfig()
        off.splitWideFallback = 1
        XCTAssertEqual(try DigitSegmenter(config: off).segment(pair.image, scorer: scorer(whole: 0.2, piece: 0.85)).count, 1)
    }

    func testWithoutAScorerAVeryWideBlobIsCutAtItsValley() throws {
        // Two bars joined by a thin bridge: aspect 1.7, a valley at the bridge.
        var c = TestCanvas(width: 200, height: 120)
        c.rect(40, 20, 40, 60); c.rect(80, 46, 20, 6); c.rect(100, 20, 40, 60)
        let digits = try DigitSegmenter().segment(c.image)
        XCTAssertEqual(digits.count, 2)
        XCTAssertEqual(digits.first?.box.x, 40)
        XCTAssertEqual(digits.last?.box.maxX, 140)
    }

    func testOrdinaryWideDigitIsNotSplit() throws {
        // A wide "7" (aspect 1.2) stays one digit even for a scorer that likes every piece.
        var c = TestCanvas(width: 200, height: 120)
        c.rect(40, 20, 84, 8); c.rect(116, 20, 8, 70); c.rect(80, 50, 40, 8)
        let yes = FakeScorer { _ in 1 }
        XCTAssertEqual(try DigitSegmenter().segment(c.image, scorer: yes).count, 1)
    }
}
