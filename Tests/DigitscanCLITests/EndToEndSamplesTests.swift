import Foundation
import XCTest

/// Runs the built binary over samples/ exactly as `make demo` does and checks every row against
/// samples/expected.csv (written by scripts/make_samples.py from the MNIST labels).
final class EndToEndSamplesTests: XCTestCase {
    static let samplesDirectory = EndToEndBinary.repositoryRoot.appendingPathComponent("samples")

    func testSamplesMatchExpectedCSV() throws {
        let binary = try EndToEndBinary(testCase: Self.self)
        let expectedURL = Self.samplesDirectory.appendingPathComponent("expected.csv")
        let expected = try EndToEndCSV(String(contentsOf: expectedURL, encoding: .utf8))
        XCTAssertEqual(expected.header, ["path", "digits", "count", "status"])

        let run = try binary.run(["samples"])
        // samples/truncated.jpg is corrupt on purpose, so "some inputs failed".
        XCTAssertEqual(run.exitCode, 1, "exit code with one corrupt sample; stderr: \(run.stderr)")
        let table = try EndToEndCSV(run.output)
        XCTAssertEqual(table.header, EndToEndBinary.csvHeader)

        var rowsByName: [String: [String: String]] = [:]
        for row in table.rows {
            let name = URL(fileURLWithPath: row["path"] ?? "").lastPathComponent
            XCTAssertNil(rowsByName[name], "\(name) appears twice in the output")
            rowsByName[name] = row
        }
        XCTAssertEqual(Set(rowsByName.keys), Set(expected.rows.map { $0["path"] ?? "" }),
                       "the output lists exactly the sample images (expected.csv is not an image)")

        for want in expected.rows {
            let name = want["path"] ?? ""
            guard let got = rowsByName[name] else { continue }  // reported by the set comparison
            XCTAssertEqual(got["digits"], want["digits"], "\(name): digits")
            XCTAssertEqual(got["count"], want["count"], "\(name): count")
            XCTAssertEqual(got["status"], want["status"], "\(name): status (error: \(got["error"] ?? ""))")
            if want["status"] == "error" {
                XCTAssertFalse((got["error"] ?? "").isEmpty, "\(name): an error row says why")
            }
        }
    }
}
