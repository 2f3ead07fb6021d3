import XCTest
import ImageDecoding
@testable import DigitSegmentation

/// An upright stroke broken into dashes, each too small to be kept on its own, is read as one
/// digit; hairline dashes (a sheet's edge) and scattered specks are not.
final class DashedStrokeTests: XCTestCase {
    /// A ring (40 × 60, bars 8 px) and, right of it, four dashes `width` wide and 10 px tall
    /// (specks beside a 60-px digit) one below the other, `gap` px apart.
    private func page(width: Int, gap: Int) -> GrayImage {
        var c = TestCanvas(width: 180, height: 110)
        c.rect(20, 20, 40, 8); c.rect(20, 72, 40, 8); c.rect(20, 20, 8, 60); c.rect(52, 20, 8, 60)
        for k in 0..<4 { c.rect(100, 20 + k * (10 + gap), width, 10) }
        return c.image
    }

    func testDashesOfAPenStrokeMakeOneDigit() throws {
        let digits = try DigitSegmenter().segment(page(width: 8, gap: 4))
        XCTAssertEqual(digits.map(\.box), [PixelBox(x: 20, y: 20, width: 40, height: 60), PixelBox(x: 100, y: 20, width: 8, height: 52)])
    }

    func testHairlineDashesAndFarApartPiecesAreNoDigit() throws {
        // Dashes a quarter of the pen's width: a sheet's edge or a ruled line, not a stroke.
        XCTAssertEqual(try DigitSegmenter().segment(page(width: 2, gap: 4)).count, 1)
        // Gaps of a fourth of the digit height: specks one above the other, not a stroke.
        XCTAssertEqual(try DigitSegmenter().segment(page(width: 8, gap: 15)).count, 1)
    }

    func testAChainSpendsItsPiecesAndMustBeDigitTall() {
        func piece(_ i: Int, y: Int, x: Int = 10) -> DigitCandidate {
            DigitCandidate(box: PixelBox(x: x, y: y, width: 6, height: 8), components: [i])
        }
        let config = SegmentationConfig()
        // Twelve dashes 2 px apart: a rule 118 px long (over 1.4 × 50), read from its top
        // only, never again from its middle.
        let rule = (0..<12).map { piece($0, y: $0 * 10) }
        XCTAssertTrue(DashedStroke.chains(rule, height: 50, minWidth: 4, config: config).chains.isEmpty)
        // Three dashes: 28 px, over half of 50; two: 18 px, not; two longer ones (14 px, 4 apart:
        // 32 px) are two pieces, no chain.
        let three = DashedStroke.chains((0..<3).map { piece($0, y: $0 * 10) }, height: 50, minWidth: 4, config: config).chains
        XCTAssertEqual(three.map(\.box), [PixelBox(x: 10, y: 0, width: 6, height: 28)])
        XCTAssertEqual(three.first?.components, [0, 1, 2])
        // What no chain took is handed back: the rule's dashes, all of them.
        XCTAssertEqual(DashedStroke.chains(rule, height: 50, minWidth: 4, config: config).rest.count, 12)
        XCTAssertTrue(DashedStroke.chains((0..<2).map { piece($0, y: $0 * 10) }, height: 50, minWidth: 4, config: config).chains.isEmpty)
        let long = (0..<2).map { DigitCandidate(box: PixelBox(x: 10, y: $0 * 18, width: 6, height: 14), components: [$0]) }
        XCTAssertTrue(DashedStroke.chains(long, height: 50, minWidth: 4, config: config).chains.isEmpty)
        // Specks lined up by chance on a speckled page: five of 5 px, 4 px apart (28 px, over half
        // of 50), none a fair length for a dash; and two dashes of 8 px with two 2-px specks between
        // them, 10 px apart: ink on 20 of the chain's 50 px.
        let specks = (0..<5).map { DigitCandidate(box: PixelBox(x: 10, y: $0 * 9, width: 5, height: 5), components: [$0]) }
        XCTAssertTrue(DashedStroke.chains(specks, height: 50, minWidth: 4, config: config).chains.isEmpty)
        let sparse = [(0, 8), (18, 2), (30, 2), (42, 8)].enumerated().map { k, piece in
            DigitCandidate(box: PixelBox(x: 10, y: piece.0, width: 6, height: piece.1), components: [k])
        }
        XCTAssertTrue(DashedStroke.chains(sparse, height: 50, minWidth: 4, config: config).chains.isEmpty)
        // A slanted stroke's dashes step aside by a few columns; a piece 10 px aside is elsewhere.
        let slanted = [piece(0, y: 0, x: 10), piece(1, y: 10, x: 14), piece(2, y: 20, x: 18)]
        XCTAssertEqual(DashedStroke.chains(slanted, height: 50, minWidth: 4, config: config).chains.count, 1)
        let apart = [piece(0, y: 0, x: 10), piece(1, y: 10, x: 26), piece(2, y: 20, x: 42)]
        XCTAssertTrue(DashedStroke.chains(apart, height: 50, minWidth: 4, config: config).chains.isEmpty)
    }
}
