import XCTest
import ImageDecoding
@testable import DigitSegmentation

/// A picture too small to segment as it is is read enlarged, its boxes mapped back.
final class SmallPictureTests: XCTestCase {
    func testFactorBringsTheSmallerSideTowardSixtyFourPixels() {
        XCTAssertEqual(SmallPicture.factor(width: 58, height: 18, below: 48), 4, "at most 4")
        XCTAssertEqual(SmallPicture.factor(width: 45, height: 68, below: 48), 2)
        XCTAssertEqual(SmallPicture.factor(width: 30, height: 400, below: 48), 3)
        XCTAssertNil(SmallPicture.factor(width: 100, height: 48, below: 48))
        XCTAssertNil(SmallPicture.factor(width: 20, height: 20, below: 0), "0 turns it off")
        // A long strip: enlarged only as far as the pixel budget allows, or not at all.
        XCTAssertEqual(SmallPicture.factor(width: 200_000, height: 20, below: 48), 2, "× 3 would pass 16 M pixels")
        XCTAssertNil(SmallPicture.factor(width: 2_000_000, height: 20, below: 48))
    }

    func testSmallDigitsOnALargerPictureGetAFactorTowardTwiceTheLimit() {
        XCTAssertEqual(SmallPicture.factor(digitHeights: [12, 10, 11], below: 16, pixels: 1_000_000), 3, "32 / 11, up")
        XCTAssertEqual(SmallPicture.factor(digitHeights: [6, 7], below: 16, pixels: 1_000_000), 4, "at most 4")
        XCTAssertNil(SmallPicture.factor(digitHeights: [16, 10, 30], below: 16, pixels: 1_000_000), "median 16 is not small")
        XCTAssertNil(SmallPicture.factor(digitHeights: [], below: 16, pixels: 1_000_000))
        XCTAssertEqual(SmallPicture.factor(digitHeights: [10], below: 16, pixels: 2_000_000), 2, "× 4 or × 3 would pass 16 M pixels")
        XCTAssertNil(SmallPicture.factor(digitHeights: [10], below: 16, pixels: 5_000_000))
        XCTAssertNil(SmallPicture.factor(digitHeights: [10], below: 0, pixels: 1_000))
    }

    func testEnlargedPixelsAreBilinearBetweenSourceCentres() {
        let image = GrayImage(width: 2, height: 2, pixels: [0, 100, 200, 40])
        let big = SmallPicture.enlarged(image, by: 2)
        XCTAssertEqual(big.width, 4)
        XCTAssertEqual(big.height, 4)
        // Output centres fall at source -0.25, 0.25, 0.75, 1.25 (the outer ones clamped).
        XCTAssertEqual(Array(big.pixels[0..<4]), [0, 25, 75, 100])
        XCTAssertEqual(Array(big.pixels[4..<8]), [50, 59, 76, 85])
        XCTAssertEqual(Array(big.pixels[12..<16]), [200, 160, 80, 40])
    }

    func testBoxBackCoversTheSourcePixels() {
        XCTAssertEqual(SmallPicture.boxBack(PixelBox(x: 5, y: 9, width: 10, height: 7), factor: 4),
                       PixelBox(x: 1, y: 2, width: 3, height: 2))
        XCTAssertEqual(SmallPicture.boxBack(PixelBox(x: 8, y: 8, width: 4, height: 4), factor: 4),
                       PixelBox(x: 2, y: 2, width: 1, height: 1))
    }

    func testTinyPictureIsReadEnlargedWithBoxesOnThePictureItself() throws {
        // Three strokes 12 px tall and 2 px wide on a 60 × 20 strip: read 3× larger (60/20).
        var c = TestCanvas(width: 60, height: 20)
        for x in [10, 28, 46] { c.rect(x, 4, 2, 12) }
        let digits = try DigitSegmenter().segment(c.image)
        XCTAssertEqual(digits.map(\.box), [10, 28, 46].map { PixelBox(x: $0, y: 4, width: 2, height: 12) })
        // Small digits on a larger picture: read enlarged too, boxes on the picture.
        var page = TestCanvas(width: 200, height: 100)
        for x in [60, 90, 120] { page.rect(x, 40, 2, 12) }
        XCTAssertEqual(try DigitSegmenter().segment(page.image).map(\.box), [60, 90, 120].map { PixelBox(x: $0, y: 40, width: 2, height: 12) })
        // Specks stay specks: a 6 px dot (12 px enlarged) is under the picture's minDigitHeight.
        var dot = TestCanvas(width: 40, height: 40)
        dot.rect(17, 17, 6, 6)
        var config = SegmentationConfig()
        config.minDigitHeight = 8
        XCTAssertEqual(try DigitSegmenter(config: config).segment(dot.image).count, 0)
        config.enlargeBelow = 0
        XCTAssertEqual(try DigitSegmenter(config: config).segment(dot.image).count, 0)
    }

    func testAFlatDigitUnderMinDigitHeightButLongerIsKept() throws {
        // A flat ring (a 0 written wide: 11 × 7 px) before three strokes 12 px tall on a small
        // picture: its longer side, not its height, is what must reach minDigitHeight (8 px).
        var c = TestCanvas(width: 70, height: 22)
        c.rect(4, 8, 11, 2); c.rect(4, 13, 11, 2); c.rect(4, 8, 2, 7); c.rect(13, 8, 2, 7)
        for x in [26, 42, 58] { c.rect(x, 5, 2, 12) }
        XCTAssertEqual(try DigitSegmenter().segment(c.image).map(\.box.x), [4, 26, 42, 58])
    }
}
