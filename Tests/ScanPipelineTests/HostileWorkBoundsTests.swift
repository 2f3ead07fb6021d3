import Foundation
import XCTest
import DigitSegmentation
@testable import ScanPipeline

/// The per-file work limits: each refusal is a row message that names the figure, the limit
/// and the configuration key, and a dense page stays fast (no quadratic step).
final class HostileWorkBoundsTests: XCTestCase {
    private var dir: TemporaryDirectory!

    override func setUpWithError() throws { dir = try TemporaryDirectory() }
    override func tearDown() { dir.remove() }

    private func processor(maxDigits: Int = .max, maxComponents: Int = 50_000) -> FileProcessor {
        var segmentation = SegmentationConfig()
        segmentation.maxComponents = maxComponents
        return FileProcessor(maxFileBytes: 1 << 30, maxDigits: maxDigits, decodeOptions: .init(),
                             segmenter: DigitSegmenter(config: segmentation))
    }

    /// A page of `columns × rows` zeros: 8 × 12 px elliptical rings with 2 px strokes (rings,
    /// not box outlines, which segmentation removes as form frames).
    private func markPage(columns: Int, rows: Int) throws -> InputItem {
        let width = columns * 14 + 4, height = rows * 18 + 4
        var pixels = [UInt8](repeating: 250, count: width * height)
        for r in 0..<rows {
            for c in 0..<columns {
                let left = 2 + c * 14, top = 2 + r * 18
                for y in top..<(top + 12) {
                    for x in left..<(left + 8) {
                        let dx = (Double(x - left) - 3.5) / 4, dy = (Double(y - top) - 5.5) / 6
                        let r = dx * dx + dy * dy
                        if r <= 1 && r >= 0.3 { pixels[y * width + x] = 20 }
                    }
                }
            }
        }
        let path = try dir.write("marks-\(columns)x\(rows).png", PNGWriter.gray(width: width, height: height, pixels: pixels))
        return InputItem(pathBytes: Array(path.utf8))
    }

    func testMoreDigitsThanTheLimitIsAnErrorRowWithTheCountAndTheKey() throws {
        let page = try markPage(columns: 6, rows: 2)
        guard case .digits(let digits) = processor().process(page) else { return XCTFail("the page should segment") }
        XCTAssertEqual(digits.count, 12)
        XCTAssertEqual(processor(maxDigits: 12).process(page).digitCount, 12, "the limit itself is allowed")
        guard case .failed(let message) = processor(maxDigits: 11).process(page) else {
            return XCTFail("12 digits passed a limit of 11")
        }
        XCTAssertTrue(message.hasPrefix("page has 12 digits, over limits.maxDigitsPerFile 11: "), message)
        XCTAssertTrue(message.contains("Raise limits.maxDigitsPerFile"), message)
    }

    func testMoreComponentsThanTheLimitNamesTheTrueCount() throws {
        // 400 isolated 3×3 specks: the message gives all 400, not the limit plus one.
        var pixels = [UInt8](repeating: 255, count: 100 * 100)
        for y in stride(from: 0, to: 100, by: 5) {
            for x in stride(from: 0, to: 100, by: 5) {
                for dy in 0..<3 { for dx in 0..<3 { pixels[(y + dy) * 100 + x + dx] = 0 } }
            }
        }
        let path = try dir.write("specks.png", PNGWriter.gray(width: 100, height: 100, pixels: pixels))
        guard case .failed(let message) = processor(maxComponents: 100).process(InputItem(pathBytes: Array(path.utf8))) else {
            return XCTFail("400 components passed a limit of 100")
        }
        XCTAssertTrue(message.hasPrefix("page has 400 ink components on a 100×100 image, over segmentation.maxComponents 100"),
                      message)
    }

    func testADensePageOfThreeThousandMarksStaysFast() throws {
        // 3,600 marks in 60 lines: measured at about 0.1 s; a step quadratic in the marks
        // (each against each, ~6.5 million pairs) would show as seconds.
        let page = try markPage(columns: 60, rows: 60)
        let started = Date()
        let outcome = processor().process(page)
        let seconds = Date().timeIntervalSince(started)
        XCTAssertEqual(outcome.digitCount, 3_600)
        XCTAssertLessThan(seconds, 3, "segmenting 3,600 marks took \(seconds) s")
    }

    func testGroupedNumbers() {
        XCTAssertEqual(NumberText.grouped(0), "0")
        XCTAssertEqual(NumberText.grouped(999), "999")
        XCTAssertEqual(NumberText.grouped(1_000), "1,000")
        XCTAssertEqual(NumberText.grouped(412_331), "412,331")
        XCTAssertEqual(NumberText.grouped(-1_234_567), "-1,234,567")
    }
}

private extension FileProcessor.Outcome {
    var digitCount: Int? {
        if case .digits(let digits) = self { return digits.count }
        return nil
    }
}
