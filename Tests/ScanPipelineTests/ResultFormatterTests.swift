import DigitSegmentation
import Foundation
import XCTest
@testable import ScanPipeline

final class ResultFormatterTests: XCTestCase {
    private func digit(_ value: Int, _ confidence: Float, line: Int, x: Int) -> FileResult.Digit {
        var p = [Float](repeating: (1 - confidence) / 9, count: 10)
        p[value] = confidence
        return FileResult.Digit(value: value, confidence: confidence, line: line,
                                box: PixelBox(x: x, y: 10 * line, width: 8, height: 12), probabilities: p)
    }

    private var results: [FileResult] {
        [
            FileResult(path: "scans/a,\"1\".png",
                       digits: [digit(1, 0.99, line: 0, x: 3), digit(2, 0.95, line: 0, x: 15), digit(7, 0.91, line: 1, x: 3)],
                       minConfidence: 0.8),
            FileResult(path: "scans/low.png", digits: [digit(4, 0.5, line: 0, x: 1)], minConfidence: 0.8),
            FileResult(path: "scans/blank.png", digits: [], minConfidence: 0.8),
            FileResult(path: "scans/bad\nname.jpg", error: "truncated JPEG data"),
        ]
    }

    func testStatusFollowsConfidence() {
        XCTAssertEqual(results.map(\.status), [.ok, .lowConfidence, .noDigits, .error])
        XCTAssertEqual(results[0].digitText, "12 7")
    }

    func testCSVRowsHaveTheDocumentedColumns() throws {
        let formatter = ResultFormatter(format: .csv, perDigit: false, minConfidence: 0.8)
        let text = formatter.header + results.map(formatter.rows).joined()
        let rows = try XCTUnwrap(CSV.parse(text))
        XCTAssertEqual(rows[0], ["path", "digits", "count", "confidence", "status", "confidences", "boxes", "error"])
        XCTAssertEqual(rows[1], ["scans/a,\"1\".png", "12 7", "3", "0.9100", "ok", "0.9900;0.9500;0.9100",
                                 "3:0:8:12;15:0:8:12;3:10:8:12", ""])
        XCTAssertEqual(rows[3], ["scans/blank.png", "", "0", "", "no_digits", "", "", ""])
        XCTAssertEqual(rows[4], ["scans/bad\nname.jpg", "", "0", "", "error", "", "", "truncated JPEG data"])
        XCTAssertEqual(rows.count, 5)
    }

    func testJSONLinesAreValidJSONWithTypedFields() throws {
        let formatter = ResultFormatter(format: .jsonl, perDigit: false, minConfidence: 0.8)
        XCTAssertEqual(formatter.header, "")
        let lines = results.map(formatter.rows)
        XCTAssertTrue(lines.allSatisfy { $0.hasSuffix("\n") && $0.dropLast().firstIndex(of: "\n") == nil })
        let objects = try lines.map { try XCTUnwrap(JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any]) }
        XCTAssertEqual(objects[0]["path"] as? String, "scans/a,\"1\".png")
        XCTAssertEqual(objects[0]["count"] as? Int, 3)
        XCTAssertEqual(objects[0]["confidences"] as? [Double], [0.99, 0.95, 0.91])
        XCTAssertEqual(objects[0]["boxes"] as? [[Int]], [[3, 0, 8, 12], [15, 0, 8, 12], [3, 10, 8, 12]])
        XCTAssertTrue(objects[0]["error"] is NSNull)
        XCTAssertTrue(objects[2]["confidence"] is NSNull)
        XCTAssertEqual(objects[3]["status"] as? String, "error")
        XCTAssertEqual(objects[3]["path"] as? String, "scans/bad\nname.jpg")
    }

    func testPerDigitRowsKeepFilesWithoutDigits() throws {
        let formatter = ResultFormatter(format: .csv, perDigit: true, minConfidence: 0.8)
        let rows = try XCTUnwrap(CSV.parse(formatter.header + results.map(formatter.rows).joined()))
        XCTAssertEqual(rows[0].count, 21)
        XCTAssertEqual(rows.count, 1 + 3 + 1 + 1 + 1)
        XCTAssertEqual(Array(rows[3].prefix(9)), ["scans/a,\"1\".png", "2", "1", "7", "0.9100", "3", "10", "8", "12"])
        XCTAssertEqual(rows[3][9 + 7], "0.9100")
        XCTAssertEqual(rows[4].suffix(2), ["low_confidence", ""])
        XCTAssertEqual(rows[6].suffix(2), ["error", "truncated JPEG data"])
        XCTAssertTrue(rows.allSatisfy { $0.count == 21 })
    }

    func testPerDigitJSONLines() throws {
        let formatter = ResultFormatter(format: .jsonl, perDigit: true, minConfidence: 0.8)
        let lines = results.map(formatter.rows).joined().split(separator: "\n")
        XCTAssertEqual(lines.count, 6)
        for line in lines {
            let object = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
            XCTAssertNotNil(object["status"])
        }
    }
}
