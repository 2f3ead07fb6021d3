import ImageDecoding
import XCTest

/// Every decodable fixture against its expected pixels: exact for PNG, within a small
/// tolerance of Pillow's decode of the same file for JPEG.
final class DecodedPixelsTests: XCTestCase {
    func testGrayDecodeMatchesExpected() throws {
        let all = try Fixtures.expected()
        XCTAssertEqual(all.count, 24, "fixtures listed in expected.json")
        for (name, expected) in all.sorted(by: { $0.key < $1.key }) {
            let image = try ImageDecoder.decode(Fixtures.bytes(name))
            XCTAssertEqual(image.width, expected.width, name)
            XCTAssertEqual(image.height, expected.height, name)
            guard image.pixels.count == expected.gray.count else {
                XCTFail("\(name): \(image.pixels.count) pixels, expected \(expected.gray.count)")
                continue
            }
            let difference = maxAbsDifference(image.pixels, [UInt8](expected.gray))
            XCTAssertLessThanOrEqual(difference, expected.tolerance, "\(name) gray")
        }
    }

    func testRGBDecodeMatchesExpected() throws {
        for (name, expected) in try Fixtures.expected().sorted(by: { $0.key < $1.key }) {
            let image = try ImageDecoder.decodeRGB(Fixtures.bytes(name))
            XCTAssertEqual(image.width, expected.width, name)
            XCTAssertEqual(image.height, expected.height, name)
            guard image.pixels.count == expected.rgb.count else {
                XCTFail("\(name): \(image.pixels.count) bytes, expected \(expected.rgb.count)")
                continue
            }
            let difference = maxAbsDifference(image.pixels, [UInt8](expected.rgb))
            XCTAssertLessThanOrEqual(difference, expected.tolerance, "\(name) rgb")
        }
    }

    /// Decoding as stored keeps gray files gray and colour files colour, and gives exactly
    /// the pixels the gray and RGB entry points give (a gray file's RGB has R = G = B).
    func testAsStoredIsGrayExactlyForGrayFiles() throws {
        // The fixtures Pillow opens as modes 1, L, LA and I;16.
        let grayFiles: Set = ["jpeg_gray.jpg", "jpeg_exif6_mm_after_xmp.jpg", "jpeg_exif_malformed.jpg",
                              "png_gray1.png", "png_gray2.png", "png_gray4.png", "png_gray8.png",
                              "png_gray16.png", "png_gray_alpha.png"]
        var grays = 0
        for name in try Fixtures.decodableNames() {
            let bytes = try Fixtures.bytes(name)
            let stored = try ImageDecoder.decodeAsStored(bytes)
            XCTAssertEqual(stored.rgb, try ImageDecoder.decodeRGB(bytes), name)
            switch stored {
            case .gray(let gray):
                grays += 1
                XCTAssertTrue(grayFiles.contains(name), "\(name) decoded as gray")
                XCTAssertEqual(gray, try ImageDecoder.decode(bytes), name)
            case .rgb:
                XCTAssertFalse(grayFiles.contains(name), "\(name) decoded as colour")
            }
            XCTAssertEqual(stored.width, try ImageDecoder.decode(bytes).width, name)
        }
        XCTAssertEqual(grays, grayFiles.count)
    }

    /// PNG gray is defined as the luma of the RGB decode, so the two entry points agree exactly.
    func testPNGGrayIsLumaOfRGB() throws {
        for name in try Fixtures.decodableNames() where name.hasSuffix(".png") {
            let bytes = try Fixtures.bytes(name)
            XCTAssertEqual(try ImageDecoder.decodeRGB(bytes).luma(), try ImageDecoder.decode(bytes), name)
        }
    }

    /// Primaries and white through the public luma: BT.601 weights, rounded to nearest.
    func testLumaMatchesBT601() {
        let image = RGBImage(width: 4, height: 1, pixels: [255, 0, 0, 0, 255, 0, 0, 0, 255, 255, 255, 255])
        // 0.299 * 255 = 76.2, 0.587 * 255 = 149.7, 0.114 * 255 = 29.1
        XCTAssertEqual(image.luma().pixels, [76, 150, 29, 255])
    }
}
