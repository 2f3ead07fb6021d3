import XCTest
import ImageDecoding
@testable import DigitSegmentation

/// A photo of a sheet on a darker desk is read from the sheet alone; shadows that reach the
/// picture's edge keep their digits.
final class SheetFinderTests: XCTestCase {
    /// Sure of everything: the choice between readings then rests on the digits' places.
    private struct Sure: DigitScorer {
        func confidences(for images: [[UInt8]]) -> [Float] { images.map { _ in 0.99 } }
    }

    /// Three rings (stroke 6) on a sheet of paper 230 at (60, 50, 280 × 140), on a desk of 70.
    private func deskPhoto() -> TestCanvas {
        var c = TestCanvas(width: 400, height: 240, paper: 70, ink: 230)
        c.rect(60, 50, 280, 140)
        c.ink = 30
        for x in [100, 180, 260] {
            c.rect(x, 80, 40, 6); c.rect(x, 154, 40, 6); c.rect(x, 80, 6, 80); c.rect(x + 34, 80, 6, 80)
        }
        c.addNoise(amplitude: 5, seed: 4)
        return c
    }

    func testSheetOnADeskIsFoundAndTheDeskPaintedOut() throws {
        let c = deskPhoto()
        let sheet = try XCTUnwrap(SheetFinder(in: c.image))
        // The desk takes the sheet's gray; the rings stay.
        XCTAssertGreaterThan(sheet.image[10, 10], 200)
        XCTAssertGreaterThan(sheet.image[390, 230], 200)
        XCTAssertLessThan(sheet.image[102, 120], 60)
        // A box across the sheet's edge, or as tall as the sheet, is the sheet, not a digit.
        XCTAssertTrue(sheet.isSheetOrEdge(PixelBox(x: 40, y: 60, width: 50, height: 40)))
        XCTAssertTrue(sheet.isSheetOrEdge(PixelBox(x: 100, y: 50, width: 40, height: 140)))
        XCTAssertFalse(sheet.isSheetOrEdge(PixelBox(x: 100, y: 80, width: 40, height: 80)))
        // The sheet's side read as a 1 is desk for sure; a ring on the sheet is not.
        XCTAssertTrue(sheet.isDeskAtBorder(PixelBox(x: 54, y: 48, width: 12, height: 144)))
        XCTAssertFalse(sheet.isDeskAtBorder(PixelBox(x: 100, y: 80, width: 40, height: 80)))
        // An ordinary page has no desk.
        var page = TestCanvas(width: 400, height: 240)
        page.rect(100, 80, 6, 80)
        XCTAssertNil(SheetFinder(in: page.image))
        // Nor has chalk on a board: light strokes are many small bright pieces, no sheet.
        var board = TestCanvas(width: 400, height: 240, paper: 30, ink: 230)
        for x in [100, 180, 260] {
            board.rect(x, 80, 40, 6); board.rect(x, 154, 40, 6); board.rect(x, 80, 6, 80); board.rect(x + 34, 80, 6, 80)
        }
        XCTAssertNil(SheetFinder(in: board.image))
    }

    /// One bold light ring on a dark ground filling most of the picture (a digit drawn on a
    /// black canvas, an MNIST image saved as a picture): one bright piece, as a sheet is.
    private func lightDigit() -> TestCanvas {
        var c = TestCanvas(width: 112, height: 112, paper: 0, ink: 255)
        c.disc(56, 56, 40)
        c.ink = 0
        c.disc(56, 56, 26)
        return c
    }

    func testABoldLightDigitOnADarkGroundIsNoSheet() throws {
        // Its strokes fill half the box around them; a sheet, even turned, fills more.
        XCTAssertTrue(SheetFinder(in: lightDigit().image) == nil, "a ring of strokes taken for a sheet")
        var turned = TestCanvas(width: 400, height: 300, paper: 60, ink: 235)
        for y in 40..<260 {
            let half = 110 - abs(y - 150)
            turned.rect(200 - half - 40, y, 2 * half + 80, 1)
        }
        XCTAssertNotNil(SheetFinder(in: turned.image))
    }

    func testLightDigitsSideBySideAreNoSheet() throws {
        // Three solid light bars (bold 1s, as full as a sheet): each is a third of what is bright.
        var c = TestCanvas(width: 180, height: 112, paper: 0, ink: 255)
        for x in [18, 78, 138] { c.rect(x, 11, 24, 90) }
        XCTAssertTrue(SheetFinder(in: c.image) == nil, "three bright pieces taken for a sheet")
        var one = TestCanvas(width: 180, height: 112, paper: 0, ink: 255)
        one.rect(78, 11, 24, 90)
        XCTAssertNotNil(SheetFinder(in: one.image))
    }

    func testTwoSheetsOnADeskAreStillSheets() throws {
        // Each sheet holds half of what is bright, but a third of the picture: no digit is that.
        var c = TestCanvas(width: 400, height: 240, paper: 70, ink: 230)
        c.rect(10, 25, 185, 190); c.rect(205, 25, 185, 190)
        c.ink = 30
        for x in [60, 260] {
            c.rect(x, 80, 40, 6); c.rect(x, 154, 40, 6); c.rect(x, 80, 6, 80); c.rect(x + 34, 80, 6, 80)
        }
        c.addNoise(amplitude: 5, seed: 4)
        XCTAssertTrue(SheetFinder(in: c.image) != nil, "two sheets side by side not taken for sheets")
        XCTAssertEqual(try DigitSegmenter().segment(c.image, scorer: Sure()).map(\.box.x), [60, 260])
    }

    func testATurnedSheetIsASheet() throws {
        // A square sheet turned 30° fills 0.54 of the picture's axis-aligned box around it, but
        // nearly all of a box turned with it.
        var c = TestCanvas(width: 360, height: 300, paper: 60, ink: 235)
        let (cx, cy, c30, s30) = (180.0, 150.0, 0.8660, 0.5)
        for y in 0..<300 {
            for x in 0..<360 {
                let (dx, dy) = (Double(x) - cx, Double(y) - cy)
                if abs(dx * c30 + dy * s30) <= 95, abs(dy * c30 - dx * s30) <= 95 { c.rect(x, y, 1, 1) }
            }
        }
        c.addNoise(amplitude: 4, seed: 9)
        XCTAssertTrue(SheetFinder(in: c.image) != nil, "a turned sheet not taken for a sheet")
    }

    func testABoldLightDigitOnADarkGroundIsReadAsItself() throws {
        let digits = try DigitSegmenter().segment(lightDigit().image, scorer: RingScorer())
        XCTAssertEqual(digits.count, 1)
        XCTAssertEqual(digits.first.map { RingScorer().confidences(for: [$0.pixels]) }, [0.999])
    }

    func testASolidLightStrokeOnADarkGroundIsReadAsItself() throws {
        // A bold light 1 fills its box like a sheet; the "sheet" reading keeps only its rim.
        var c = TestCanvas(width: 112, height: 112, paper: 0, ink: 255)
        c.rect(48, 20, 16, 72)
        c.addNoise(amplitude: 3, seed: 2)
        XCTAssertNotNil(SheetFinder(in: c.image))
        /// A full stroke (many bright pixels) reads as a sure digit, slivers of a rim do not.
        struct Strokes: DigitScorer {
            func confidences(for images: [[UInt8]]) -> [Float] {
                images.map { image in image.filter { $0 > 128 }.count >= 60 ? 0.99 : 0.3 }
            }
        }
        let digits = try DigitSegmenter().segment(c.image, scorer: Strokes())
        XCTAssertEqual(digits.map(\.box), [PixelBox(x: 48, y: 20, width: 16, height: 72)])
    }

    func testADigitThatSpansTheSheetIsThatSheet() throws {
        let sheet = try XCTUnwrap(SheetFinder(in: deskPhoto().image))
        XCTAssertTrue(sheet.spansSheet(PixelBox(x: 58, y: 48, width: 284, height: 144)))
        XCTAssertFalse(sheet.spansSheet(PixelBox(x: 100, y: 80, width: 40, height: 80)))
        XCTAssertFalse(sheet.spansSheet(PixelBox(x: 58, y: 48, width: 284, height: 60)))
    }

    func testDigitsOnASheetOnADeskAreRead() throws {
        let c = deskPhoto()
        let digits = try DigitSegmenter().segment(c.image, scorer: Sure())
        XCTAssertEqual(digits.map(\.box.x), [100, 180, 260])
        // Without the sheet finder the desk is taken for paper and the sheet for ink.
        var config = SegmentationConfig()
        config.findSheet = false
        XCTAssertNotEqual(try DigitSegmenter(config: config).segment(c.image, scorer: Sure()).map(\.box.x), [100, 180, 260])
    }

    /// The desk photo's three rings as read digits.
    private let rings = [100, 180, 260].map { SegmentedDigit(box: PixelBox(x: $0, y: 80, width: 40, height: 80), line: 0, pixels: []) }

    func testOnATieTheReadingWithoutSheetTallPiecesWins() throws {
        // The sheet's side read as a thin 1 inside the sheet's own cells (not across its edge
        // there, nor at the picture's border): sure digits tie, the piece as tall as the sheet
        // decides.
        let sheet = try XCTUnwrap(SheetFinder(in: deskPhoto().image))
        let side = SegmentedDigit(box: PixelBox(x: 70, y: 50, width: 8, height: 140), line: 0, pixels: [])
        XCTAssertTrue(sheet.isSheetTall(side.box))
        XCTAssertFalse(sheet.isDeskAtBorder(side.box))
        XCTAssertTrue(DigitSegmenter.surer(rings, than: [side] + rings, on: sheet, scorer: Sure()))
        XCTAssertFalse(DigitSegmenter.surer([side] + rings, than: rings, on: sheet, scorer: Sure()))
        XCTAssertFalse(DigitSegmenter.surer(rings, than: rings, on: sheet, scorer: Sure()), "a full tie keeps the plain reading")
    }

    func testStretchesOfTheSheetsSidesAreNoDigits() throws {
        // A sheet turned a little shows its sides as thin 1s broken at places, none as tall
        // as the sheet: a bar 4 px wide and 70 tall (half the sheet's 140) at its left bound.
        let sheet = try XCTUnwrap(SheetFinder(in: deskPhoto().image))
        let side = SegmentedDigit(box: PixelBox(x: 61, y: 60, width: 4, height: 70), line: 0, pixels: [])
        XCTAssertFalse(sheet.isSheetTall(side.box))
        XCTAssertTrue(sheet.isSheetSide(side.box))
        XCTAssertTrue(sheet.isSheetOrEdge(side.box))
        XCTAssertTrue(DigitSegmenter.surer(rings, than: [side] + rings, on: sheet, scorer: Sure()))
        // A 1 written on the sheet is no side: away from the sheet's bounds, or as wide as a
        // slanted 1 is for its height.
        XCTAssertFalse(sheet.isSheetSide(PixelBox(x: 150, y: 60, width: 4, height: 70)))
        XCTAssertFalse(sheet.isSheetSide(PixelBox(x: 61, y: 60, width: 16, height: 70)))
        XCTAssertFalse(sheet.isSheetSide(PixelBox(x: 61, y: 100, width: 4, height: 40)))
    }

    /// Three rings (stroke 6) on a 400 × 240 scan with a black margin `margin` px wide down most
    /// of its left side (not edge to edge, which the mask loses before the sheet is looked for).
    private func marginScan(margin: Int, seed: UInt64) -> TestCanvas {
        var c = TestCanvas(width: 400, height: 240)
        for x in [100, 180, 260] {
            c.rect(x, 80, 40, 6); c.rect(x, 154, 40, 6); c.rect(x, 80, 6, 80); c.rect(x + 34, 80, 6, 80)
        }
        c.ink = 20
        c.rect(0, 20, margin, 220)
        c.addNoise(amplitude: 3, seed: seed)
        return c
    }

    func testAScannersBlackMarginIsNotReadAsADigit() throws {
        // A tall dark bar at the border.
        let c = marginScan(margin: 24, seed: 6)
        XCTAssertEqual(try DigitSegmenter().segment(c.image, scorer: Sure()).map(\.box.x), [100, 180, 260])
        var config = SegmentationConfig()
        config.findSheet = false
        // Read plainly, the margin is the first "digit".
        XCTAssertEqual(try DigitSegmenter(config: config).segment(c.image, scorer: Sure()).first?.box.x, 0)
    }

    func testAThinBlackMarginIsFoundAndNotReadAsADigit() throws {
        // A 12 px margin on a 400 px wide scan: 3 % of the picture, under the 5 % a desk once
        // needed, so the margin was read as a 1.
        let c = marginScan(margin: 12, seed: 11)
        XCTAssertNotNil(SheetFinder(in: c.image))
        XCTAssertEqual(try DigitSegmenter().segment(c.image, scorer: Sure()).map(\.box.x), [100, 180, 260])
    }

    func testADigitAgainstAScannersBlackMarginIsKept() throws {
        // The margin (20) and a ring of gray ink (80) a blurred pixel apart (100): dark alike
        // on the sheet finder's small copy, but the ink is lighter than the margin and darker
        // than the gap, so it is no part of the desk (it was painted out with it).
        var c = TestCanvas(width: 400, height: 240)
        c.ink = 80
        for x in [26, 180, 260] {
            c.rect(x, 80, 40, 6); c.rect(x, 154, 40, 6); c.rect(x, 80, 6, 80); c.rect(x + 34, 80, 6, 80)
        }
        c.ink = 100
        c.rect(24, 20, 2, 220)
        c.ink = 20
        c.rect(0, 20, 24, 220)
        c.addNoise(amplitude: 3, seed: 7)
        let sheet = try XCTUnwrap(SheetFinder(in: c.image))
        XCTAssertLessThan(sheet.image[28, 120], 110, "the ring's left side is still ink")
        XCTAssertGreaterThan(sheet.image[10, 120], 150, "the margin is painted out")
        // The desk's rim (one cell of the small copy, 2 px) is painted too.
        let xs = try DigitSegmenter().segment(c.image, scorer: Sure()).map(\.box.x)
        XCTAssertEqual(xs.count, 3)
        XCTAssertEqual(Array(xs.dropFirst()), [180, 260])
        XCTAssertTrue((26...28).contains(xs.first ?? 0), "\(xs)")
    }

    func testARuledSlipOnAGrayFieldIsFoundAndItsLinesCarryNoFlood() throws {
        // A slip of ruled paper (245, lines of 200 edge to edge) on a flat gray field (185), digits
        // (rings of 40) touching a line: the lines cut the slip into strips each too small for a
        // sheet, and carried the field's flood to the digits, which were painted out.
        var c = TestCanvas(width: 320, height: 200, paper: 185, ink: 245)
        c.rect(70, 78, 110, 80)
        c.ink = 200
        for y in [90, 110, 130, 150] { c.rect(70, y, 110, 2) }
        for x in [100, 130, 160] {
            c.ink = 40; c.disc(x, 120, 10)
            c.ink = 245; c.disc(x, 120, 7)
        }
        // Paper with grain, on a field of one flat gray (a scanner's lid, a screenshot's frame).
        c.addNoise(amplitude: 3, seed: 8)
        c.ink = 185
        c.rect(0, 0, 320, 78); c.rect(0, 158, 320, 42); c.rect(0, 78, 70, 80); c.rect(180, 78, 140, 80)
        let sheet = try XCTUnwrap(SheetFinder(in: c.image))
        XCTAssertLessThan(sheet.image[91, 120], 100, "a digit's stroke is still ink")
        // The rings span columns 90 ... 110 (and so on); their one-pixel tips are paper gray.
        XCTAssertEqual(try DigitSegmenter().segment(c.image, scorer: Sure()).map(\.box.x), [91, 121, 151])
    }

    func testDigitsInAShadowReachingTheEdgeAreKept() throws {
        // A page whose left third lies in a shadow (light 0.45, easing off over 60 px) that the
        // plain reading sees through; the sheet finder takes the shadow for desk.
        var c = TestCanvas(width: 400, height: 240)
        for x in [40, 180, 300] {
            c.rect(x, 80, 40, 6); c.rect(x, 154, 40, 6); c.rect(x, 80, 6, 80); c.rect(x + 34, 80, 6, 80)
        }
        c.light { x, _ in x < 100 ? 0.45 : x < 160 ? 0.45 + 0.55 * Double(x - 100) / 60 : 1 }
        c.addNoise(amplitude: 3, seed: 5)
        let digits = try DigitSegmenter().segment(c.image, scorer: Sure())
        var config = SegmentationConfig()
        config.findSheet = false
        XCTAssertEqual(try DigitSegmenter(config: config).segment(c.image, scorer: Sure()).map(\.box.x), [40, 180, 300])
        XCTAssertNotNil(SheetFinder(in: c.image))
        XCTAssertEqual(digits.map(\.box.x), [40, 180, 300])
    }
}
