import XCTest
@testable import ScanPipeline

final class PathTextTests: XCTestCase {
    func testValidUTF8IsKept() {
        XCTAssertEqual(PathText.display(Array("scans/ünï ✓,\"x\".png".utf8)), "scans/ünï ✓,\"x\".png")
    }

    func testInvalidBytesAreEscapedAndRecoverable() {
        let bytes: [UInt8] = Array("a".utf8) + [0xFF, 0xC3] + Array("b".utf8) + [0xED, 0xA0, 0x80] + [0xC3, 0xA9]
        let text = PathText.display(bytes)
        XCTAssertEqual(text, "a\\xFF\\xC3b\\xED\\xA0\\x80é")
        XCTAssertEqual(PathText.bytes(fromDisplay: text), bytes)
    }

    func testOverlongAndTruncatedSequencesAreInvalid() {
        XCTAssertEqual(PathText.display([0xC0, 0xAF]), "\\xC0\\xAF")
        XCTAssertEqual(PathText.display([0xE2, 0x82]), "\\xE2\\x82")
        XCTAssertEqual(PathText.display([0xF4, 0x90, 0x80, 0x80]), "\\xF4\\x90\\x80\\x80")
    }
}
