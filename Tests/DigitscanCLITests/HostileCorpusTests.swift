import Foundation
import XCTest

/// The built CLI over the hostile corpus (`HostileCorpus`): every input ends as exactly one
/// row with the expected status, the CSV is valid RFC 4180 and valid UTF-8, paths round-trip
/// to the bytes on disk, the exit code is 1, and the whole run stays within a time bound.
final class HostileCorpusTests: XCTestCase {
    func testEveryHostileInputGetsExactlyOneRowWithTheExpectedStatus() throws {
        let cli = try CLIRunner(testCase: Self.self)
        defer { cli.remove() }
        try cli.write("model.safetensors", TinyModel.safetensors(scale: 6))
        let corpus = try HostileCorpus(in: cli.directory)
        let stdin: [UInt8] = corpus.listed.flatMap { item -> [UInt8] in item.path + [0] }

        let started = Date()
        let result = try cli.run([corpus.folder, "-", "-0", "--model", "model.safetensors", "-o", "out.csv"],
                                 stdin: stdin)
        let seconds = Date().timeIntervalSince(started)

        XCTAssertEqual(result.exitCode, 1, "some inputs failed, so the exit code is 1; stderr: \(result.stderr)")
        XCTAssertLessThan(seconds, 60, "the hostile corpus must finish quickly, even in a debug build")

        let raw = try Data(contentsOf: cli.directory.appendingPathComponent("out.csv"))
        let text = try XCTUnwrap(String(data: raw, encoding: .utf8), "the CSV must be valid UTF-8 whatever the file names")
        if ProcessInfo.processInfo.environment["HOSTILE_PRINT"] != nil { print(text) }
        let table = try EndToEndCSV(text)
        XCTAssertEqual(table.header, ["path", "digits", "count", "confidence", "status", "confidences", "boxes", "error"])
        let cases = corpus.walked + corpus.listed
        XCTAssertEqual(table.rows.count, cases.count, "exactly one row per input")

        // Each path, unescaped, must be the bytes the CLI was given: one row each, none extra.
        var byPath: [[UInt8]: [String: String]] = [:]
        for row in table.rows {
            let path = Self.bytes(fromDisplay: row["path"] ?? "")
            XCTAssertNil(byPath[path], "two rows for \(row["path"] ?? "")")
            byPath[path] = row
        }
        for item in cases {
            let name = String(decoding: item.path, as: UTF8.self).debugDescription
            guard let row = byPath.removeValue(forKey: item.path) else {
                XCTFail("no row for \(name) (expected \(item.expect))")
                continue
            }
            check(row, against: item.expect, name: name)
        }
        XCTAssertTrue(byPath.isEmpty, "rows for inputs that were not given: \(byPath.keys.map { String(decoding: $0, as: UTF8.self) })")

        // Inputs listed on stdin come after the walked directory, in the order given.
        let listedRows = table.rows.suffix(corpus.listed.count).map { Self.bytes(fromDisplay: $0["path"] ?? "") }
        XCTAssertEqual(listedRows, corpus.listed.map(\.path))

        let failed = table.rows.filter { $0["status"] == "error" }.count
        XCTAssertTrue(result.stderr.contains("\(failed) of \(cases.count) files failed"), result.stderr)
    }

    private func check(_ row: [String: String], against expect: HostileCorpus.Expect, name: String) {
        let status = row["status"] ?? "", error = row["error"] ?? ""
        switch expect {
        case .error(let text):
            XCTAssertEqual(status, "error", "\(name): \(row)")
            XCTAssertFalse(error.isEmpty, "\(name): an error row says what failed")
            if !text.isEmpty { XCTAssertTrue(error.contains(text), "\(name): \"\(error)\" should mention \"\(text)\"") }
        case .decoded:
            XCTAssertNotEqual(status, "error", "\(name) should decode: \(error)")
        case .noDigits:
            XCTAssertEqual(status, "no_digits", "\(name): \(row)")
        case .anyStatus:
            XCTAssertTrue(["ok", "low_confidence", "no_digits", "error"].contains(status), "\(name): \(row)")
        }
        if status == "error" {
            XCTAssertEqual(row["digits"], "", "\(name): no digits in an error row")
            XCTAssertFalse(error.contains("\n") || error.contains("\r"), "\(name): the message is one line")
        } else {
            XCTAssertEqual(error, "", "\(name): only error rows carry a message")
        }
    }

    /// The README's rule for names that are not UTF-8, implemented here independently of the
    /// writer: each `\xNN` (two hex digits) stands for one raw byte.
    static func bytes(fromDisplay text: String) -> [UInt8] {
        let utf8 = Array(text.utf8)
        var out: [UInt8] = []
        var i = 0
        while i < utf8.count {
            if utf8[i] == UInt8(ascii: "\\"), i + 3 < utf8.count, utf8[i + 1] == UInt8(ascii: "x"),
               let byte = UInt8(String(decoding: utf8[(i + 2)...(i + 3)], as: UTF8.self), radix: 16) {
                out.append(byte)
                i += 4
            } else {
                out.append(utf8[i])
                i += 1
            }
        }
        return out
    }
}
