import ImageDecoding
import XCTest
@testable import ScanPipeline

final class PNGEncoderTests: XCTestCase {
    /// Deterministic noise (xorshift), so rows compress differently and every byte value occurs.
    private func noise(_ count: Int, seed: UInt64) -> [UInt8] {
        var state = seed
        return (0..<count).map { _ in
            state ^= state << 13; state ^= state >> 7; state ^= state << 17
            return UInt8(truncatingIfNeeded: state >> 24)
        }
    }

    func testGrayRoundTripsThroughOurDecoder() throws {
        for (width, height) in [(1, 1), (7, 3), (300, 41)] {
            let image = GrayImage(width: width, height: height, pixels: noise(width * height, seed: UInt64(width)))
            let png = try PNGEncoder.encode(image)
            XCTAssertEqual(try ImageDecoder.decode(png), image, "\(width)×\(height)")
        }
    }

    func testRGBRoundTripsThroughOurDecoder() throws {
        for (width, height) in [(1, 1), (5, 9), (123, 77)] {
            let image = RGBImage(width: width, height: height, pixels: noise(width * height * 3, seed: UInt64(height)))
            let png = try PNGEncoder.encode(image)
            XCTAssertEqual(try ImageDecoder.decodeRGB(png), image, "\(width)×\(height)")
            XCTAssertEqual(png[25], 2, "colour type RGB")
        }
    }

    func testCorruptingTheDataIsCaughtByTheCRC() throws {
        var png = try PNGEncoder.encode(GrayImage(width: 4, height: 4, pixels: noise(16, seed: 3)))
        png[png.count - 20] ^= 0xFF  // inside IDAT's data
        XCTAssertThrowsError(try ImageDecoder.decode(png))
    }

    func testEmptyImageIsRefused() {
        XCTAssertThrowsError(try PNGEncoder.encode(GrayImage(width: 0, height: 3, pixels: []))) { error in
            XCTAssertTrue("\(error)".contains("0×3"), "\(error)")
        }
    }
}
