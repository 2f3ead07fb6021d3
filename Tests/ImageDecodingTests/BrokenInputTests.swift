import ImageDecoding
import XCTest

/// Damaged, hostile and foreign inputs: each must throw a `DecodingError` whose kind and
/// one-line message tell the user what is wrong, never crash or return pixels.
final class BrokenInputTests: XCTestCase {
    private func decodeError(_ bytes: [UInt8], options: DecodeOptions = DecodeOptions(),
                             file: StaticString = #filePath, line: UInt = #line) -> DecodingError? {
        do {
            let image = try ImageDecoder.decode(bytes, options: options)
            XCTFail("decoded \(image.width)×\(image.height) instead of failing", file: file, line: line)
            return nil
        } catch {
            XCTAssertFalse(error.message.contains("\n"), "message is one line", file: file, line: line)
            return error
        }
    }

    private func assertFixture(_ name: String, _ kind: DecodingError.Kind, _ message: String,
                               file: StaticString = #filePath, line: UInt = #line) throws {
        let error = decodeError(try Fixtures.bytes(name), file: file, line: line)
        XCTAssertEqual(error?.kind, kind, name, file: file, line: line)
        XCTAssertEqual(error?.message, message, name, file: file, line: line)
        XCTAssertEqual(error?.description, message, name, file: file, line: line)
    }

    func testEmptyFile() throws {
        try assertFixture("broken_empty.jpg", .empty, "empty file")
    }

    func testTextFileNamedJPEGIsSniffedNotTrusted() throws {
        try assertFixture("broken_text.jpg", .unrecognizedFormat, "not a JPEG or PNG file (starts with 25 50 44 46)")
    }

    func testShortForeignInputNamesTheBytesItHas() {
        XCTAssertEqual(decodeError([0x0A])?.message, "not a JPEG or PNG file (starts with 0A)")
        // A lone SOI is not enough to call it a JPEG.
        XCTAssertEqual(decodeError([0xFF, 0xD8])?.kind, .unrecognizedFormat)
    }

    func testTruncatedJPEGIsAnErrorNotAGrayFill() throws {
        try assertFixture("broken_truncated.jpg", .corrupt,
                          "truncated or corrupt JPEG data: Premature end of JPEG file")
    }

    func testJPEGWithBrokenMarkerSegment() throws {
        try assertFixture("broken_bad_marker.jpg", .corrupt, "corrupt JPEG: JPEG datastream contains no image")
    }

    func testTruncatedPNG() throws {
        try assertFixture("broken_truncated.png", .corrupt, "corrupt PNG: read beyond end of data")
    }

    func testPNGWithBadIDATCRC() throws {
        try assertFixture("broken_bad_crc.png", .corrupt, "corrupt PNG: IDAT: CRC error")
    }

    /// libpng only warns about ancillary chunks; the decoder still refuses the file.
    func testPNGWithBadAncillaryCRC() throws {
        try assertFixture("broken_bad_crc_text.png", .corrupt, "corrupt PNG: tEXt: CRC error")
    }

    func testHugePNGRefusedFromHeader() throws {
        // The file is 68 bytes; its IDAT could never fill 60000×60000, so only the header
        // check can produce this error.
        try assertFixture("broken_huge.png", .tooLarge,
                          "image 60000×60000 exceeds the 100-megapixel limit; raise limits.maxPixels")
    }

    func testHugeJPEGRefusedFromHeader() throws {
        try assertFixture("broken_huge.jpg", .tooLarge,
                          "image 60000×60000 exceeds the 100-megapixel limit; raise limits.maxPixels")
    }

    func testSmallLimitOnNormalImages() throws {
        let options = DecodeOptions(maxPixels: 47)
        let png = decodeError(try Fixtures.bytes("png_rgb.png"), options: options)
        XCTAssertEqual(png?.kind, .tooLarge)
        XCTAssertEqual(png?.message, "image 8×6 exceeds the 47-pixel limit; raise limits.maxPixels")
        let jpeg = decodeError(try Fixtures.bytes("jpeg_progressive.jpg"), options: DecodeOptions(maxPixels: 383))
        XCTAssertEqual(jpeg?.message, "image 24×16 exceeds the 383-pixel limit; raise limits.maxPixels")
        // The limit is inclusive.
        XCTAssertEqual(try ImageDecoder.decode(Fixtures.bytes("png_rgb.png"), options: DecodeOptions(maxPixels: 48)).width, 8)
        XCTAssertEqual(try ImageDecoder.decode(Fixtures.bytes("jpeg_progressive.jpg"),
                                               options: DecodeOptions(maxPixels: 384)).width, 24)
    }

    /// The stored (unrotated) size is what is limited: a 16×24 view of a 24×16 JPEG too.
    func testLimitNamesStoredSizeOfRotatedJPEG() throws {
        let error = decodeError(try Fixtures.bytes("jpeg_exif6.jpg"), options: DecodeOptions(maxPixels: 100))
        XCTAssertEqual(error?.message, "image 24×16 exceeds the 100-pixel limit; raise limits.maxPixels")
    }

    /// Every prefix of valid files is refused, with one exception: libpng stops after the
    /// image data, so a PNG missing only (part of) its 12-byte IEND chunk still decodes, and
    /// then must give the complete image. Never a crash, a hang or pixels from a cut-off file.
    func testEveryTruncationIsRefused() throws {
        for name in ["jpeg_rgb.jpg", "jpeg_progressive.jpg", "png_rgb_interlaced.png", "png_gray16.png"] {
            let bytes = try Fixtures.bytes(name)
            let whole = try ImageDecoder.decode(bytes)
            let iendStart = name.hasSuffix(".png") ? bytes.count - 12 : bytes.count
            for length in 0..<bytes.count {
                let prefix = Array(bytes.prefix(length))
                if length < iendStart {
                    XCTAssertThrowsError(try ImageDecoder.decode(prefix), "\(name) cut at \(length)")
                } else if let image = try? ImageDecoder.decode(prefix) {
                    XCTAssertEqual(image, whole, "\(name) cut inside IEND at \(length)")
                }
            }
        }
    }

    /// Single-byte damage anywhere must give an error or an image, never a crash. Many flips
    /// land in entropy-coded data and still decode, so only survival is checked here.
    func testByteFlipsNeverCrash() throws {
        var rng = SplitMix64(seed: 7)
        for name in ["jpeg_rgb.jpg", "jpeg_cmyk.jpg", "png_palette_trns.png", "png_rgba.png"] {
            let bytes = try Fixtures.bytes(name)
            for _ in 0..<200 {
                var damaged = bytes
                let index = Int(rng.next() % UInt64(bytes.count))
                damaged[index] ^= UInt8(truncatingIfNeeded: rng.next() | 1)
                _ = try? ImageDecoder.decode(damaged)
            }
        }
    }
}

/// A small seeded generator, so the damage in `testByteFlipsNeverCrash` is repeatable.
struct SplitMix64 {
    private var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
