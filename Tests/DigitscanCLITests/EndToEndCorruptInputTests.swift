import Foundation
import XCTest

/// Broken files among good ones: each gets an `error` row with a message, the good file is still
/// read, nothing crashes, and the exit code is 1 ("some inputs failed").
final class EndToEndCorruptInputTests: XCTestCase {
    func testCorruptFilesYieldErrorRowsAndExitCodeOne() throws {
        let binary = try EndToEndBinary(testCase: Self.self)
        let samples = EndToEndSamplesTests.samplesDirectory
        let folder = FileManager.default.temporaryDirectory
            .appendingPathComponent("digitscan-corrupt-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }

        let good = try Data(contentsOf: samples.appendingPathComponent("single-digit.png"))
        let broken: [String: Data] = [
            "truncated.jpg": try Data(contentsOf: samples.appendingPathComponent("truncated.jpg")),
            "empty.png": Data(),
            // A JPEG start and a quantisation-table marker, then garbage: fails inside libjpeg.
            "garbage-after-marker.jpg": Data([0xFF, 0xD8, 0xFF, 0xDB]) + Data(good.reversed()),
            "png-header-only.png": good.prefix(64),
            "jpeg-magic-only.jpg": Data([0xFF, 0xD8, 0xFF, 0xE0]),
            "text-named-png.png": Data("not an image\n".utf8),
        ]
        try good.write(to: folder.appendingPathComponent("good.png"))
        for (name, bytes) in broken { try bytes.write(to: folder.appendingPathComponent(name)) }

        let run = try binary.run([folder.path])
        XCTAssertEqual(run.exitCode, 1, "some inputs failed; stderr: \(run.stderr)")
        let table = try EndToEndCSV(run.output)
        let byName = Dictionary(table.rows.map { (URL(fileURLWithPath: $0["path"] ?? "").lastPathComponent, $0) },
                                uniquingKeysWith: { first, _ in first })
        XCTAssertEqual(table.rows.count, broken.count + 1)
        for name in broken.keys.sorted() {
            XCTAssertEqual(byName[name]?["status"], "error", "\(name) should be an error row")
            XCTAssertFalse((byName[name]?["error"] ?? "").isEmpty, "\(name): the row says what failed")
            XCTAssertEqual(byName[name]?["digits"], "", "\(name): no digits from a broken file")
        }
        let expected = try EndToEndCSV(String(contentsOf: samples.appendingPathComponent("expected.csv"), encoding: .utf8))
        let truth = expected.rows.first { $0["path"] == "single-digit.png" }?["digits"]
        XCTAssertEqual(byName["good.png"]?["digits"], truth, "the good file is still read")
    }
}
