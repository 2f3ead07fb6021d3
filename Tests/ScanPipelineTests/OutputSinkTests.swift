import Foundation
import XCTest
@testable import ScanPipeline

final class OutputSinkTests: XCTestCase {
    private var dir: TemporaryDirectory!
    override func setUpWithError() throws { dir = try TemporaryDirectory() }
    override func tearDown() { dir.remove() }

    private var entries: [String] { (try? FileManager.default.contentsOfDirectory(atPath: dir.path).sorted()) ?? [] }

    func testFileAppearsOnlyWhenFinished() throws {
        let path = dir.path + "/out.csv"
        let sink = try OutputSink.file(path)
        try sink.write("a,b\n")
        try sink.flush()
        XCTAssertFalse(FileManager.default.fileExists(atPath: path))
        XCTAssertEqual(entries.count, 1)  // the temporary file
        try sink.finish()
        XCTAssertEqual(entries, ["out.csv"])
        XCTAssertEqual(try String(contentsOfFile: path, encoding: .utf8), "a,b\n")
    }

    func testAbandonedAndInterruptedRuns() throws {
        let path = dir.path + "/out.csv"
        do {
            let sink = try OutputSink.file(path)
            try sink.write("x")
        }  // dropped without finish: the temporary file goes away
        XCTAssertEqual(entries, [])
        let sink = try OutputSink.file(path)
        try sink.write("row\n")
        XCTAssertEqual(sink.finishPartial(), path + ".partial")
        XCTAssertEqual(entries, ["out.csv.partial"])
    }

    func testUnwritableTargetsAreUsageErrors() throws {
        XCTAssertThrowsError(try OutputSink.file(dir.path + "/missing/out.csv")) { error in
            XCTAssertEqual((error as? PipelineError)?.exitCode, 2)
            XCTAssertTrue("\(error)".contains("No such file or directory"), "\(error)")
        }
        XCTAssertThrowsError(try OutputSink.file(dir.path)) { error in
            XCTAssertTrue("\(error)".contains("directory"), "\(error)")
        }
    }
}
