import XCTest
@testable import ScanPipeline

final class CSVTests: XCTestCase {
    func testPlainFieldsAreNotQuoted() {
        XCTAssertEqual(CSV.escape("scans/a.png"), "scans/a.png")
        XCTAssertEqual(CSV.record(["a", "b", ""]), "a,b,\n")
    }

    func testSpecialCharactersAreQuotedAndQuotesDoubled() {
        XCTAssertEqual(CSV.escape("a,b"), "\"a,b\"")
        XCTAssertEqual(CSV.escape("say \"hi\""), "\"say \"\"hi\"\"\"")
        XCTAssertEqual(CSV.escape("two\nlines"), "\"two\nlines\"")
        XCTAssertEqual(CSV.escape("cr\rhere"), "\"cr\rhere\"")
    }

    func testRecordsRoundTripThroughTheParser() {
        let rows = [
            ["path", "digits", "error"],
            ["dir/with,comma.png", "12 34", ""],
            ["quote\"d.png", "", "cannot read: \"x\""],
            ["new\nline\r\n.png", "7", ""],
            ["-leading-dash.png", "", ""],
            ["ünïcödé ✓.png", "", ""],
        ]
        let text = rows.map(CSV.record).joined()
        XCTAssertEqual(CSV.parse(text), rows)
    }

    func testMalformedQuotingIsRejected() {
        XCTAssertNil(CSV.parse("\"open,1\n"))
        XCTAssertNil(CSV.parse("ab\"c,1\n"))
    }
}
