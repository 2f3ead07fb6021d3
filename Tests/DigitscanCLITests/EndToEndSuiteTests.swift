import Foundation
import XCTest

/// Runs the built binary over the generated suite (scripts/make_e2e_suite.py) and holds it to
/// the accuracy the product promises: ≥ 99.2 % of digits and ≥ 97.5 % of files exactly right.
final class EndToEndSuiteTests: XCTestCase {
    static let suiteDirectory = EndToEndBinary.repositoryRoot.appendingPathComponent("Tests/Fixtures/e2e")
    static let minimumDigitAccuracy = 0.992
    static let minimumFileAccuracy = 0.975

    func testGeneratedSuiteMeetsAccuracyTargets() throws {
        let binary = try EndToEndBinary(testCase: Self.self)
        let manifestURL = Self.suiteDirectory.appendingPathComponent("manifest.csv")
        let manifest = try EndToEndCSV(String(contentsOf: manifestURL, encoding: .utf8))
        XCTAssertEqual(manifest.header, ["file", "digits"])
        XCTAssertGreaterThanOrEqual(manifest.rows.count, 500, "the suite should hold at least 500 scans")

        let run = try binary.run([Self.suiteDirectory.appendingPathComponent("scans").path])
        XCTAssertEqual(run.exitCode, 0, "every suite scan is readable; stderr: \(run.stderr)")
        let table = try EndToEndCSV(run.output)
        XCTAssertEqual(table.header, EndToEndBinary.csvHeader)

        var readByFile: [String: String] = [:]
        for row in table.rows {
            let key = Self.suiteKey(row["path"] ?? "")
            XCTAssertNil(readByFile[key], "\(key) appears twice in the output")
            readByFile[key] = row["digits"] ?? ""
        }
        XCTAssertEqual(table.rows.count, manifest.rows.count, "one output row per scan")

        var score = EndToEndScore()
        var misses: [String] = []
        for row in manifest.rows {
            let file = row["file"] ?? "", truth = row["digits"] ?? ""
            guard let read = readByFile[Self.suiteKey(file)] else {
                XCTFail("no output row for \(file)")
                score.add(truth: truth, read: "")
                continue
            }
            score.add(truth: truth, read: read)
            if read != truth { misses.append("\(file): expected \(truth), read \(read)") }
        }

        print(String(format: "e2e suite: %d files, %d digits: %.2f %% of digits right, %.2f %% of files exact (%d wrong)",
                     score.files, score.trueDigits, 100 * score.digitAccuracy, 100 * score.fileAccuracy,
                     score.files - score.exactFiles))
        for miss in misses.prefix(25) { print("  miss \(miss)") }
        XCTAssertGreaterThanOrEqual(score.digitAccuracy, Self.minimumDigitAccuracy,
                                    "digit accuracy on the generated suite")
        XCTAssertGreaterThanOrEqual(score.fileAccuracy, Self.minimumFileAccuracy,
                                    "exact-file accuracy on the generated suite")
    }

    /// `scans/00042.jpg` from any spelling of the path the CLI echoes (`scans//00042.jpg`, `./scans/…`).
    static func suiteKey(_ path: String) -> String {
        path.split(separator: "/").filter { $0 != "." }.suffix(2).joined(separator: "/")
    }
}
