import XCTest
import ImageDecoding
import DigitSegmentation

/// Pages with upscaled MNIST test digits printed on noisy paper (scripts/make_segmentation_fixtures.py):
/// segmentation must find each digit and reproduce the original 28×28 closely.
final class MNISTFixtureTests: XCTestCase {
    private func load(_ name: String) throws -> (page: GrayImage, digits: [[UInt8]]) {
        let pgm = try XCTUnwrap(Bundle.module.url(forResource: name, withExtension: "pgm", subdirectory: "Fixtures"))
        let raw = try XCTUnwrap(Bundle.module.url(forResource: name, withExtension: "mnist", subdirectory: "Fixtures"))
        let originals = [UInt8](try Data(contentsOf: raw))
        let digits = stride(from: 0, to: originals.count, by: 784).map { Array(originals[$0..<($0 + 784)]) }
        return (try parsePGM([UInt8](try Data(contentsOf: pgm))), digits)
    }

    /// Reads a binary 8-bit PGM ("P5 width height 255", one whitespace, pixels).
    private func parsePGM(_ bytes: [UInt8]) throws -> GrayImage {
        var fields: [Int] = [], i = 2
        XCTAssertEqual(Array(bytes.prefix(2)), Array("P5".utf8))
        while fields.count < 3 {
            while i < bytes.count, bytes[i] == 0x20 || bytes[i] == 0x0A { i += 1 }
            var value = 0
            while i < bytes.count, (0x30...0x39).contains(bytes[i]) { value = value * 10 + Int(bytes[i] - 0x30); i += 1 }
            fields.append(value)
        }
        i += 1
        let (w, h) = (fields[0], fields[1])
        XCTAssertEqual(fields[2], 255)
        XCTAssertEqual(bytes.count - i, w * h)
        return GrayImage(width: w, height: h, pixels: Array(bytes[i..<(i + w * h)]))
    }

    private func check(_ name: String, file: StaticString = #filePath, line: UInt = #line) throws {
        let (page, originals) = try load(name)
        let found = try DigitSegmenter().segment(page)
        XCTAssertEqual(found.count, originals.count, name, file: file, line: line)
        for (digit, original) in zip(found, originals) {
            let diff = zip(digit.pixels, original).map { abs(Double($0) - Double($1)) }.reduce(0, +) / 784
            // Measured 3.6-5.8; the same originals shifted by one pixel differ by 12.6-19.1.
            XCTAssertLessThan(diff, 10, "\(name): mean |diff| \(diff)", file: file, line: line)
        }
    }

    func testSingleDigitDarkInkJPEG() throws { try check("single_dark_jpeg") }
    func testSingleDigitLightInkPNG() throws { try check("single_light_png") }
    func testRowOfThreeDarkInkJPEG() throws { try check("row_dark_jpeg") }
}
