import Foundation
import XCTest
@testable import ScanPipeline

final class ScanEngineTests: XCTestCase {
    private var dir: TemporaryDirectory!

    override func setUpWithError() throws {
        dir = try TemporaryDirectory()
        // Pages with one to four bar-shaped "digits" of different sizes, so the fake
        // classifier gives each a different answer.
        for i in 0..<12 {
            let count = 1 + i % 4
            let boxes = (0..<count).map { k in (20 + 40 * k, 20, 8 + (i + k) % 7, 40 + 3 * k) }
            try dir.write(String(format: "page%02d.png", i), PNGWriter.page(width: 200, height: 90, boxes: boxes))
        }
        try dir.write("page03b.png", Array("this is not an image".utf8))
        try dir.write("page05b.png", [])
        try dir.mkdir("page07b.png")
        try dir.write("page09b.png", PNGWriter.page(width: 60, height: 60, boxes: []))
    }

    override func tearDown() { dir.remove() }

    private func run(threads: Int, filesPerChunk: Int, batchSize: Int) throws -> ([FileResult], ScanEngine.Summary) {
        var config = Configuration()
        config.run.threads = threads
        config.run.filesPerChunk = filesPerChunk
        config.classifier.batchSize = batchSize
        let engine = ScanEngine(config: config, classifier: FakeClassifier())
        var walker = InputWalker(roots: [.path(Array(dir.path.utf8))], options: config.inputs)
        var results: [FileResult] = []
        let summary = try engine.run(&walker) { results += $0 }
        return (results, summary)
    }

    func testOneRowPerInputInSortedOrderWithReasons() throws {
        let (results, summary) = try run(threads: 2, filesPerChunk: 5, batchSize: 4)
        let names = results.map { ($0.path as NSString).lastPathComponent }
        XCTAssertEqual(names, names.sorted())
        XCTAssertEqual(results.count, 16)
        func result(_ name: String) throws -> FileResult { try XCTUnwrap(results.first { $0.path.hasSuffix("/" + name) }) }
        XCTAssertEqual(try result("page03b.png").status, .error)
        XCTAssertEqual(try result("page05b.png").error, "empty file (0 bytes)")
        XCTAssertEqual(try result("page07b.png").error, "is a directory, not an image file")
        XCTAssertEqual(try result("page09b.png").status, .noDigits)
        XCTAssertEqual(try result("page03.png").digits.count, 4)
        XCTAssertEqual(summary.files, 16)
        XCTAssertEqual(summary.failed, 3)
        XCTAssertEqual(summary.exitCode, 1)
        XCTAssertEqual(summary.digits, results.reduce(0) { $0 + $1.digits.count })
    }

    func testResultsDoNotDependOnThreadsChunksOrBatches() throws {
        let reference = try run(threads: 1, filesPerChunk: 64, batchSize: 64).0
        XCTAssertGreaterThan(reference.reduce(0) { $0 + $1.digits.count }, 20)
        for (threads, chunk, batch) in [(4, 3, 1), (2, 1, 7), (3, 16, 2)] {
            XCTAssertEqual(try run(threads: threads, filesPerChunk: chunk, batchSize: batch).0, reference,
                           "threads \(threads), chunk \(chunk), batch \(batch)")
        }
    }

    func testDigitsCarryTheClassifiersAnswers() throws {
        let results = try run(threads: 2, filesPerChunk: 4, batchSize: 3).0
        for digit in results.flatMap(\.digits) {
            XCTAssertEqual(digit.probabilities.count, 10)
            XCTAssertEqual(digit.confidence, digit.probabilities[digit.value])
            XCTAssertEqual(digit.confidence, digit.value % 2 == 0 ? 0.9 : 0.5)
        }
        XCTAssertTrue(results.contains { $0.status == .lowConfidence })
    }

    func testExitCodeIsZeroWhenNothingFailed() {
        var summary = ScanEngine.Summary()
        summary.add(FileResult(path: "a", digits: [], minConfidence: 0.8))
        XCTAssertEqual(summary.exitCode, 0)
        summary.add(FileResult(path: "b", error: "x"))
        XCTAssertEqual(summary.exitCode, 1)
    }

    func testFileLimitsBecomeRowMessages() throws {
        let processor = FileProcessor(maxFileBytes: 10, decodeOptions: .init(), segmenter: .init())
        let big = try dir.write("big.png", [UInt8](repeating: 1, count: 11))
        guard case .failed(let message) = processor.process(InputItem(pathBytes: Array(big.utf8))) else {
            return XCTFail("an 11-byte file passed a 10-byte limit")
        }
        XCTAssertEqual(message, "file is 11 bytes, over the 10-byte limit; raise limits.maxFileBytes")
    }
}
