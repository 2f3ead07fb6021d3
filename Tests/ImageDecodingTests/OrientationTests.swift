@testable import ImageDecoding
import XCTest

/// Orientation transforms, on a numbered 3×2 image and on the JPEG fixtures.
final class OrientationTests: XCTestCase {
    // Stored image:   1 2 3
    //                 4 5 6
    private let stored = PixelBuffer(width: 3, height: 2, channels: 1, pixels: [1, 2, 3, 4, 5, 6])

    /// The viewed image for each EXIF value, written out by hand from the EXIF 2.3 definitions.
    func testEveryOrientationOnANumberedImage() {
        let expected: [ExifOrientation: (Int, Int, [UInt8])] = [
            .identity: (3, 2, [1, 2, 3, 4, 5, 6]),
            .flipHorizontal: (3, 2, [3, 2, 1, 6, 5, 4]),
            .rotate180: (3, 2, [6, 5, 4, 3, 2, 1]),
            .flipVertical: (3, 2, [4, 5, 6, 1, 2, 3]),
            .transpose: (2, 3, [1, 4, 2, 5, 3, 6]),
            .rotate90Clockwise: (2, 3, [4, 1, 5, 2, 6, 3]),
            .transverse: (2, 3, [6, 3, 5, 2, 4, 1]),
            .rotate90CounterClockwise: (2, 3, [3, 6, 2, 5, 1, 4]),
        ]
        XCTAssertEqual(expected.count, ExifOrientation.allCases.count)
        for (orientation, (width, height, pixels)) in expected {
            let turned = stored.oriented(orientation)
            XCTAssertEqual(turned.width, width, "\(orientation)")
            XCTAssertEqual(turned.height, height, "\(orientation)")
            XCTAssertEqual(turned.pixels, pixels, "\(orientation)")
        }
    }

    func testKeepsChannelsTogether() {
        let rgb = PixelBuffer(width: 2, height: 1, channels: 3, pixels: [1, 2, 3, 4, 5, 6])
        let turned = rgb.oriented(.rotate90Clockwise)
        XCTAssertEqual([turned.width, turned.height], [1, 2])
        XCTAssertEqual(turned.pixels, [1, 2, 3, 4, 5, 6])
        XCTAssertEqual(rgb.oriented(.flipHorizontal).pixels, [4, 5, 6, 1, 2, 3])
    }

    /// The JPEG fixtures have a dark 6×6 block at the stored top-left corner; after
    /// orientation it must sit where the EXIF value says the viewer sees it.
    func testDarkCornerLandsWhereExifSays() throws {
        // Viewed corner of the stored top-left pixel: (right side?, bottom side?).
        let corner: [Int: (Bool, Bool)] = [
            1: (false, false), 2: (true, false), 3: (true, true), 4: (false, true),
            5: (false, false), 6: (true, false), 7: (true, true), 8: (false, true),
        ]
        for (value, (right, bottom)) in corner {
            let image = try ImageDecoder.decode(Fixtures.bytes("jpeg_exif\(value).jpg"))
            XCTAssertEqual(image.width, value >= 5 ? 16 : 24, "orientation \(value)")
            let x = right ? image.width - 2 : 1
            let y = bottom ? image.height - 2 : 1
            XCTAssertLessThan(image[x, y], 40, "orientation \(value): dark block not at (\(x), \(y))")
            XCTAssertGreaterThan(image[image.width - 1 - x, image.height - 1 - y], 40, "orientation \(value)")
        }
    }

    func testOrientationCanBeSwitchedOff() throws {
        let plain = try ImageDecoder.decode(Fixtures.bytes("jpeg_exif1.jpg"))
        for value in 1...8 {
            let bytes = try Fixtures.bytes("jpeg_exif\(value).jpg")
            let stored = try ImageDecoder.decode(bytes, options: DecodeOptions(applyExifOrientation: false))
            XCTAssertEqual(stored, plain, "orientation \(value)")
        }
    }

    func testBigEndianExifAfterXMP() throws {
        let bytes = try Fixtures.bytes("jpeg_exif6_mm_after_xmp.jpg")
        let turned = try ImageDecoder.decode(bytes)
        let stored = try ImageDecoder.decode(bytes, options: DecodeOptions(applyExifOrientation: false))
        XCTAssertEqual([turned.width, turned.height], [16, 24])
        let expected = PixelBuffer(width: stored.width, height: stored.height, channels: 1, pixels: stored.pixels)
            .oriented(.rotate90Clockwise)
        XCTAssertEqual(turned.pixels, expected.pixels)
    }

    func testMalformedExifDecodesUnrotated() throws {
        let image = try ImageDecoder.decode(Fixtures.bytes("jpeg_exif_malformed.jpg"))
        XCTAssertEqual(image, try ImageDecoder.decode(Fixtures.bytes("jpeg_gray.jpg")))
    }
}
