import Foundation
import XCTest
@testable import ScanPipeline

final class ClassifyJobTests: XCTestCase {
    private var dir: TemporaryDirectory!
    override func setUpWithError() throws {
        dir = try TemporaryDirectory()
        try dir.write("in/a.png", PNGWriter.page(width: 120, height: 80, boxes: [(20, 20, 9, 40), (60, 20, 12, 40)]))
        try dir.write("in/b,\"odd\".png", PNGWriter.page(width: 120, height: 80, boxes: [(30, 10, 10, 50)]))
        try dir.write("in/c.jpg", Array("not a jpeg".utf8))
    }
    override func tearDown() { dir.remove() }

    private func request(output: String?, roots: [InputRoot]? = nil) -> ClassifyJob.Request {
        ClassifyJob.Request(inputs: roots ?? [.path(Array((dir.path + "/in").utf8))], output: output,
                            model: nil, configuration: ConfigurationRequest())
    }

    func testWritesAValidCSVFileAndReportsFailures() throws {
        let output = dir.path + "/out.csv"
        var logged: [String] = []
        let summary = try ClassifyJob.run(request(output: output), config: Configuration(),
                                          classifier: FakeClassifier()) { logged.append($0) }
        XCTAssertEqual(summary.exitCode, 1)
        XCTAssertEqual(logged, ["1 of 3 files failed; their rows have status=error"])
        let rows = try XCTUnwrap(CSV.parse(try String(contentsOfFile: output, encoding: .utf8)))
        XCTAssertEqual(rows.count, 4)
        XCTAssertEqual(rows.map { ($0[0] as NSString).lastPathComponent }, ["path", "a.png", "b,\"odd\".png", "c.jpg"])
        XCTAssertEqual(rows[1][2], "2")
        XCTAssertEqual(rows[3][4], "error")
        XCTAssertFalse(rows[3][7].isEmpty)
    }

    func testJSONLinesOutputAndStandardInputList() throws {
        var fds: [Int32] = [0, 0]
        XCTAssertEqual(pipe(&fds), 0)
        let list = Array((dir.path + "/in/a.png\n" + dir.path + "/in/nope.png\n").utf8)
        _ = list.withUnsafeBytes { write(fds[1], $0.baseAddress, $0.count) }
        close(fds[1])
        defer { close(fds[0]) }
        var config = Configuration()
        config.output.format = .jsonl
        let output = dir.path + "/out.jsonl"
        let summary = try ClassifyJob.run(request(output: output, roots: [.standardInput(separator: 0x0A)]),
                                          config: config, classifier: FakeClassifier(),
                                          standardInputFD: fds[0]) { _ in }
        XCTAssertEqual(summary.files, 2)
        let lines = try String(contentsOfFile: output, encoding: .utf8).split(separator: "\n")
        XCTAssertEqual(lines.count, 2)
        let second = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(lines[1].utf8)) as? [String: Any])
        XCTAssertEqual(second["error"] as? String, "no such file or directory")
    }
}
