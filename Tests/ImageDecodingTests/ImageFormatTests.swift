import ImageDecoding
import XCTest

final class ImageFormatTests: XCTestCase {
    func testSniffsFixturesByContent() throws {
        for name in try Fixtures.decodableNames() {
            let expected: ImageFormat = name.hasSuffix(".png") ? .png : .jpeg
            XCTAssertEqual(ImageFormat.sniff(try Fixtures.bytes(name)), expected, name)
        }
    }

    func testIgnoresNamesAndForeignMagic() throws {
        XCTAssertNil(ImageFormat.sniff(try Fixtures.bytes("broken_text.jpg")))
        XCTAssertNil(ImageFormat.sniff([UInt8]()))
        XCTAssertNil(ImageFormat.sniff(Array("GIF89a".utf8)))
        XCTAssertNil(ImageFormat.sniff([0x49, 0x49, 0x2A, 0x00])) // TIFF
        XCTAssertNil(ImageFormat.sniff([0x52, 0x49, 0x46, 0x46])) // RIFF (WebP)
    }

    func testNeedsTheWholeSignature() {
        XCTAssertEqual(ImageFormat.sniff([0xFF, 0xD8, 0xFF]), .jpeg)
        XCTAssertNil(ImageFormat.sniff([0xFF, 0xD8]))
        XCTAssertNil(ImageFormat.sniff([0xFF, 0xD8, 0x00]))
        let png: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]
        XCTAssertEqual(ImageFormat.sniff(png + [0]), .png)
        XCTAssertNil(ImageFormat.sniff(png.dropLast()))
        // A signature mangled by a text-mode transfer (CRLF -> LF) is not a PNG.
        XCTAssertNil(ImageFormat.sniff([0x89, 0x50, 0x4E, 0x47, 0x0A, 0x1A, 0x0A, 0x00]))
    }

    func testSniffsSlices() {
        let bytes: [UInt8] = [0, 0xFF, 0xD8, 0xFF, 0xE0]
        XCTAssertEqual(ImageFormat.sniff(bytes[1...]), .jpeg)
    }
}
