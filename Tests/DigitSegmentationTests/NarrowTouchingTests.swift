import XCTest
import ImageDecoding
@testable import DigitSegmentation

/// Touching digits whose blob is not clearly wider than one digit are split when the network
/// doubts the whole blob, and only through little ink.
final class NarrowTouchingTests: XCTestCase {
    /// A ring `w` wide and 60 tall, stroke 8, at `x`.
    private func ring(_ c: inout TestCanvas, _ x: Int, _ w: Int) {
        c.rect(x, 20, w, 8); c.rect(x, 72, w, 8); c.rect(x, 20, 8, 60); c.rect(x + w - 8, 20, 8, 60)
    }

    /// Two rings `w` wide from x = 40, joined by a bridge 4 px wide and 8 tall at mid-height.
    private func ringPair(_ w: Int) -> TestCanvas {
        var c = TestCanvas(width: 180, height: 100)
        ring(&c, 40, w); c.rect(40 + w, 46, 4, 8); ring(&c, 44 + w, w)
        return c
    }

    func testNarrowPairJoinedByAShortStrokeIsSplit() throws {
        // Two narrow rings joined by a 4 px bridge: 64 × 60, aspect 1.07, under splitMinAspect.
        let c = ringPair(30)
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
        let c = ringPair(30)
        // Confident in everything, the whole blob included: a narrow blob it reads is one digit.
        struct Sure: DigitScorer { func confidences(for images: [[UInt8]]) -> [Float] { images.map { _ in 0.99 } } }
        XCTAssertEqual(try DigitSegmenter().segment(c.image, scorer: Sure()).count, 1)
    }

    func testNarrowBlobTheNetworkOnlyMildlyDoubtsIsCutOnlyIntoSurePieces() throws {
        let c = ringPair(30)
        // An odd single digit reads about 0.5 ... 0.9, and its pieces may still read well: past
        // the doubt, pieces read below splitSurePieces leave it whole.
        XCTAssertEqual(try DigitSegmenter().segment(c.image, scorer: RingScorer(other: 0.8, ring: 0.98)).count, 1)
        XCTAssertEqual(try DigitSegmenter().segment(c.image, scorer: RingScorer(other: 0.6, ring: 0.98)).count, 2)
        var config = SegmentationConfig()
        config.splitDoubtConfidence = 0.5
        XCTAssertEqual(try DigitSegmenter(config: config).segment(c.image, scorer: RingScorer(other: 0.6, ring: 0.98)).count, 1)
        // Pieces read beyond splitSurePieces are two digits written into each other.
        XCTAssertEqual(try DigitSegmenter().segment(c.image, scorer: RingScorer(other: 0.8, ring: 0.999)).count, 2)
        config = SegmentationConfig()
        config.splitSurePieces = 1
        XCTAssertEqual(try DigitSegmenter(config: config).segment(c.image, scorer: RingScorer(other: 0.8, ring: 0.999)).count, 1)
    }

    func testBlobTheNetworkReadsBeyondDoubtIsCutOnlyIntoSurerPieces() throws {
        // 76 × 60 (aspect 1.27), read as one digit at 0.99: two digits written into each other
        // can read so. Cut when each piece reads at splitSurePieces and halves the doubt.
        let c = ringPair(36)
        XCTAssertEqual(try DigitSegmenter().segment(c.image, scorer: RingScorer(other: 0.99, ring: 0.999)).count, 2)
        XCTAssertEqual(try DigitSegmenter().segment(c.image, scorer: RingScorer(other: 0.99, ring: 0.993)).count, 1)
        XCTAssertEqual(try DigitSegmenter().segment(c.image, scorer: RingScorer(other: 0.96, ring: 0.985)).count, 1)
        // Narrower than splitSureAspect, such a blob is not tried.
        var config = SegmentationConfig()
        config.splitSureAspect = 1.3
        XCTAssertEqual(try DigitSegmenter(config: config).segment(c.image, scorer: RingScorer(other: 0.99, ring: 0.999)).count, 1)
    }

    func testBlobNearlyWideEnoughIsTriedUnderMilderDoubt() throws {
        // Rings 36 wide joined by a bridge: 76 × 60, aspect 1.27, under splitMinAspect but
        // over splitWideDoubtAspect. Read as one digit at 0.9, it is tried, and split.
        let c = ringPair(36)
        XCTAssertEqual(try DigitSegmenter().segment(c.image, scorer: RingScorer(other: 0.9, ring: 0.98)).count, 2)
        XCTAssertEqual(try DigitSegmenter().segment(c.image, scorer: RingScorer(other: 0.97, ring: 0.98)).count, 1)
        var config = SegmentationConfig()
        config.splitWideDoubtAspect = 1.3
        XCTAssertEqual(try DigitSegmenter(config: config).segment(c.image, scorer: RingScorer(other: 0.9, ring: 0.98)).count, 1)
    }

    func testWideLoopReadUnderMildDoubtIsNotCutInTwo() throws {
        // One ring 72 × 60 (aspect 1.2), read as one digit at 0.9, whose halves read at 0.995:
        // every cut through it crosses two strokes, and under the milder doubt a cut may cross one.
        var c = TestCanvas(width: 180, height: 100)
        ring(&c, 50, 72)
        XCTAssertEqual(try DigitSegmenter().segment(c.image, scorer: RingScorer(other: 0.995, ring: 0.9)).count, 1)
        // Read as no digit at all, the same ring may be cut through any ink.
        XCTAssertEqual(try DigitSegmenter().segment(c.image, scorer: RingScorer(other: 0.995, ring: 0.3)).count, 2)
    }

    func testNarrowBlobIsNotCutThroughHalfItsHeightOfInk() throws {
        // Rings joined by a bridge 34 px tall, over half the blob's 60: the bridge's columns
        // hold less ink than the rings' walls, but no pair of digits touches along that much
        // (the network doubts the whole, 0.6, but reads it as a digit).
        var c = TestCanvas(width: 180, height: 100)
        ring(&c, 40, 30); c.rect(70, 33, 4, 34); ring(&c, 74, 30)
        XCTAssertEqual(try DigitSegmenter().segment(c.image, scorer: RingScorer(other: 0.6)).count, 1)
        // A blob wide enough to be two digits has no such limit: wider rings, same bridge.
        var wide = TestCanvas(width: 180, height: 100)
        ring(&wide, 40, 45); wide.rect(85, 33, 4, 34); ring(&wide, 89, 45)
        XCTAssertEqual(try DigitSegmenter().segment(wide.image, scorer: RingScorer()).count, 2)
    }

    func testSplitMustHalveTheDoubtInTheWholeBlob() throws {
        // Two rings 45 wide joined by a bridge: 94 × 60, wide enough for two digits. The whole
        // blob reads 0.99 as one digit; rings read a hair surer are no reason to cut it.
        let c = ringPair(45)
        XCTAssertEqual(try DigitSegmenter().segment(c.image, scorer: RingScorer(other: 0.99, ring: 0.992)).count, 1)
        XCTAssertEqual(try DigitSegmenter().segment(c.image, scorer: RingScorer(other: 0.99, ring: 0.995)).count, 2)
        XCTAssertEqual(try DigitSegmenter().segment(c.image, scorer: RingScorer(other: 0.99, ring: 0.999)).count, 2)
    }

    func testNarrowBlobIsNotCutThroughAHeavyStroke() throws {
        // Two rings sharing one full-height wall (68 × 60): only a cut down that wall leaves
        // two closed rings, and a cut through a whole stroke is not where digits touch.
        var c = TestCanvas(width: 180, height: 100)
        ring(&c, 40, 38); ring(&c, 70, 38)
        XCTAssertEqual(try DigitSegmenter().segment(c.image, scorer: RingScorer(other: 0.6)).count, 1)
    }

    func testNarrowBlobReadAsNoDigitIsCutAnywhereIntoSureDigits() throws {
        // The same shapes read as no digit at all (0.2): digits written into each other (a 7
        // and a 1) may be cut through any ink, but only into pieces read beyond doubt.
        var shared = TestCanvas(width: 180, height: 100)
        ring(&shared, 40, 38); ring(&shared, 70, 38)
        var bridged = TestCanvas(width: 180, height: 100)
        ring(&bridged, 40, 30); bridged.rect(70, 33, 4, 34); ring(&bridged, 74, 30)
        for c in [shared, bridged] {
            XCTAssertEqual(try DigitSegmenter().segment(c.image, scorer: RingScorer(other: 0.2)).count, 2)
            XCTAssertEqual(try DigitSegmenter().segment(c.image, scorer: RingScorer(other: 0.2, ring: 0.95)).count, 1)
        }
    }

    func testOneSqueezedBetweenTwoDigitsIsCutOutWhenItsPiecesLeaveLessDoubt() throws {
        // A ring, a bar and a ring, joined by bridges (88 × 60). The network (below) reads each
        // ring and the bar at 0.999, a ring with the bar at `pair`, the whole blob as no digit.
        var c = TestCanvas(width: 180, height: 100)
        ring(&c, 40, 36); c.rect(76, 46, 4, 8); c.rect(80, 20, 8, 60); c.rect(88, 46, 4, 8); ring(&c, 92, 36)
        struct Scorer: DigitScorer {
            var pair: Float
            func confidences(for images: [[UInt8]]) -> [Float] {
                images.map { image in
                    let rows = (0..<28).filter { y in (0..<28).contains { image[y * 28 + $0] > 128 } }.count
                    let columns = (0..<28).filter { x in (0..<28).contains { image[$0 * 28 + x] > 128 } }.count
                    if rows < 16 { return 0.2 }
                    // The bar, not a ring's wall cut off with the ends of its top and bottom.
                    let width = { (y: Int) in (0..<28).filter { image[y * 28 + $0] > 128 }.count }
                    let top = (0..<28).first { width($0) > 0 } ?? 0
                    if columns <= 5 && width(top) <= width(14) { return 0.999 }
                    // A ring with the bar beside it reads as a digit at `pair`.
                    return columns > 13 ? pair : RingScorer().confidences(for: [image])[0]
                }
            }
        }
        // Halves read at 0.99: the thirds leave a tenth of that doubt, and are taken.
        XCTAssertEqual(try DigitSegmenter().segment(c.image, scorer: Scorer(pair: 0.99)).count, 3)
        // Halves read at 0.997: thirds at 0.999 are no reason for a third digit.
        XCTAssertEqual(try DigitSegmenter().segment(c.image, scorer: Scorer(pair: 0.997)).count, 2)
    }
}

/// Where a wide blob is tried: its projection's valleys, halves and thirds, and a grid.
final class CutCandidateTests: XCTestCase {
    func testGridFillsTheGapsBetweenValleysOfAFlatProjection() {
        let splitter = TouchingSplitter(config: SegmentationConfig())
        // A solid block: every column is as deep as the next, so valleys say nothing.
        let flat = [Float](repeating: 10, count: 100)
        let sparse = splitter.candidateCuts(flat, minWidth: 15, step: nil)
        XCTAssertEqual(sparse, [15, 16, 17, 18, 19, 20, 33, 50, 67])
        let dense = splitter.candidateCuts(flat, minWidth: 15, step: 10)
        XCTAssertEqual(dense, dense.sorted())
        XCTAssertTrue(Set(sparse).isSubset(of: dense))
        XCTAssertTrue(dense.allSatisfy { (15..<85).contains($0) })
        // No column of the range lies farther than a step from a cut.
        for x in 15..<85 { XCTAssertLessThanOrEqual(dense.map { abs($0 - x) }.min() ?? 99, 10, "column \(x)") }
        // Without the grid, column 80 is 13 from the nearest cut.
        XCTAssertGreaterThan(sparse.map { abs($0 - 80) }.min() ?? 0, 10)
    }
}

/// Slanted straight cuts, for digits that lean into each other.
final class SlantedCutTests: XCTestCase {
    func testSlantedCutLeansAboutMidHeightAndStaysInside() {
        XCTAssertEqual(CutPath(through: 10, slant: 0.5, width: 40, height: 5).columns, [9, 10, 10, 11, 11])
        XCTAssertEqual(CutPath(through: 10, slant: -0.5, width: 40, height: 5).columns, [11, 11, 10, 10, 9])
        // Never the blob's first column nor past its last.
        XCTAssertEqual(CutPath(through: 2, slant: 1, width: 6, height: 9).columns, [1, 1, 1, 1, 2, 3, 4, 5, 5])
    }

    func testLeaningBarsJoinedAtTheFootAreCutAlongTheirSlant() throws {
        // Two bars leaning right (0.3 px per row), 14 px apart, joined by a foot: no column is
        // free of ink, but a cut at their slant crosses only the foot.
        var c = TestCanvas(width: 200, height: 120)
        for y in 20..<80 {
            let dx = Int((0.3 * Double(79 - y)).rounded())
            c.rect(50 + dx, y, 8, 1); c.rect(72 + dx, y, 8, 1)
        }
        c.rect(50, 74, 30, 6)
        let crop = try XCTUnwrap(DigitCrop(pixels: c.pixels.map { $0 < 128 ? Float(1) : 0 }, width: c.width, height: c.height, x: 0, y: 0).trimmed())
        // The gap's centre at mid-height (row 49.5): column 65 + 0.3 × 29.5.
        let x = 74 - crop.x
        let lean = CutPath(through: x, slant: -0.3, width: crop.width, height: crop.height)
        XCTAssertLessThan(lean.ink(in: crop), CutPath(vertical: x, height: crop.height).ink(in: crop))
        XCTAssertLessThanOrEqual(lean.ink(in: crop), 8)
    }
}
