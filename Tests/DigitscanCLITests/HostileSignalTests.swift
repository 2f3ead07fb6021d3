import Foundation
import XCTest
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// SIGTERM and SIGINT in the middle of a run: the rows already produced are kept in
/// `FILE.partial` (complete rows only), `FILE` itself never appears, stderr gets a one-line
/// summary and the exit code is 128 + the signal number.
///
/// The run reads its paths from a pipe that the test keeps open, so it is certainly still
/// running (waiting for more paths) when the signal arrives, however fast the machine is.
final class HostileSignalTests: XCTestCase {
    func testSIGTERMKeepsCompleteRowsInAPartialFileAndExitsWith143() throws {
        try interrupt(with: SIGTERM, name: "SIGTERM", expectedExit: 143)
    }

    func testSIGINTKeepsCompleteRowsInAPartialFileAndExitsWith130() throws {
        try interrupt(with: SIGINT, name: "SIGINT", expectedExit: 130)
    }

    private func interrupt(with signal: Int32, name: String, expectedExit: Int32) throws {
        let cli = try CLIRunner(testCase: Self.self)
        defer { cli.remove() }
        try cli.write("model.safetensors", TinyModel.safetensors(scale: 6))
        let sample = try Data(contentsOf: CLIRunner.repository.appendingPathComponent("samples/single-digit.png"))
        try cli.write("scans/one.png", Array(sample))

        let process = Process()
        process.executableURL = cli.executable
        process.arguments = ["-", "--model", "model.safetensors", "-o", "out.csv", "--threads", "1"]
        process.currentDirectoryURL = cli.directory
        let stdin = Pipe()
        process.standardInput = stdin
        let errURL = cli.directory.appendingPathComponent("stderr.txt")
        _ = FileManager.default.createFile(atPath: errURL.path, contents: nil)
        let stderr = try FileHandle(forWritingTo: errURL)
        defer { try? stderr.close() }
        process.standardError = stderr
        process.standardOutput = FileHandle.nullDevice
        try process.run()

        // 150 paths: two chunks of 64 are classified and flushed, the third waits for more.
        let paths = 150
        try stdin.fileHandleForWriting.write(contentsOf: Data(String(repeating: "scans/one.png\n", count: paths).utf8))
        let flushedRows = 128
        let deadline = Date().addingTimeInterval(30)
        while temporaryRowCount(in: cli.directory) < flushedRows {
            guard process.isRunning, Date() < deadline else {
                process.terminate()
                return XCTFail("no rows appeared in the temporary output file within 30 s")
            }
            usleep(20_000)
        }
        kill(process.processIdentifier, signal)

        let stopBy = Date().addingTimeInterval(10)
        while process.isRunning && Date() < stopBy { usleep(20_000) }
        if process.isRunning {
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
            return XCTFail("the run did not stop within 10 s of \(name) while its stdin stayed open")
        }
        try? stdin.fileHandleForWriting.close()
        process.waitUntilExit()

        XCTAssertEqual(process.terminationReason, .exit)
        XCTAssertEqual(process.terminationStatus, expectedExit)
        XCTAssertFalse(FileManager.default.fileExists(atPath: cli.directory.appendingPathComponent("out.csv").path),
                       "an interrupted run must not leave a final-looking output file")
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: cli.directory.path).filter { $0.hasSuffix(".tmp") }
        XCTAssertEqual(leftovers, [], "the temporary file is renamed, not left behind")

        let partial = try cli.read("out.csv.partial")
        XCTAssertTrue(partial.hasSuffix("\n"), "the partial file ends with a complete row")
        let table = try EndToEndCSV(partial)
        XCTAssertTrue(table.rows.allSatisfy { $0["path"] == "scans/one.png" && $0["status"] == "ok" })

        let message = try String(contentsOf: errURL, encoding: .utf8)
        let lines = message.split(separator: "\n")
        XCTAssertEqual(lines.count, 1, "one line on stderr: \(message)")
        XCTAssertTrue(message.contains("interrupted by \(name) after \(table.rows.count) files"), message)
        XCTAssertTrue(message.contains("out.csv.partial"), message)
        // The run stops between chunks: either before the third chunk started (the signal came
        // right after the second was written) or after finishing it with the 22 paths it had.
        XCTAssertTrue([flushedRows, paths].contains(table.rows.count), "\(table.rows.count) rows")
    }

    /// Rows (lines after the header) in the run's temporary output file, 0 if it is not there yet.
    private func temporaryRowCount(in directory: URL) -> Int {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []
        guard let name = names.first(where: { $0.hasPrefix(".out.csv.digitscan-") && $0.hasSuffix(".tmp") }),
              let data = FileManager.default.contents(atPath: directory.appendingPathComponent(name).path)
        else { return 0 }
        return max(0, data.filter { $0 == UInt8(ascii: "\n") }.count - 1)
    }
}
