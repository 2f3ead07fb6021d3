import Foundation
import XCTest

/// Runs the built `digitscan` binary in a scratch directory, as a user would.
struct CLIRunner {
    struct Result {
        var exitCode: Int32
        var stdout: String
        var stderr: String
    }

    struct SetupError: Error, CustomStringConvertible { var description: String }

    /// The repository root.
    static let repository = BuiltBinary.repository

    let executable: URL
    /// A scratch directory, the working directory of every run; removed by `remove()`.
    let directory: URL

    /// Finds the binary next to the test bundle (`swift test` builds every product there).
    init(testCase: AnyClass) throws {
        guard let found = BuiltBinary.locate(testCase: testCase) else {
            throw SetupError(description: "digitscan binary not found beside the test bundle; run `swift build` first")
        }
        executable = found
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("digitscan-cli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    }

    func remove() { try? FileManager.default.removeItem(at: directory) }

    /// Writes a file under the scratch directory and returns its path relative to it.
    @discardableResult
    func write(_ relative: String, _ bytes: [UInt8]) throws -> String {
        let url = directory.appendingPathComponent(relative)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(bytes).write(to: url)
        return relative
    }

    func read(_ relative: String) throws -> String {
        try String(contentsOf: directory.appendingPathComponent(relative), encoding: .utf8)
    }

    /// Runs `digitscan arguments…` with `stdin` as standard input; stdout and stderr go
    /// through files so a large output cannot block the child on a full pipe.
    func run(_ arguments: [String], stdin: [UInt8] = [], environment: [String: String] = [:]) throws -> Result {
        let io = directory.appendingPathComponent(".io-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: io, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: io) }
        let paths = ["in", "out", "err"].map { io.appendingPathComponent($0) }
        try Data(stdin).write(to: paths[0])
        for p in paths.dropFirst() { FileManager.default.createFile(atPath: p.path, contents: nil) }
        let handles = try [FileHandle(forReadingFrom: paths[0]), FileHandle(forWritingTo: paths[1]),
                           FileHandle(forWritingTo: paths[2])]
        defer { handles.forEach { try? $0.close() } }

        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        process.currentDirectoryURL = directory
        var env = ProcessInfo.processInfo.environment
        env["DIGITSCAN_MODEL"] = nil
        env.merge(environment) { $1 }
        process.environment = env
        process.standardInput = handles[0]
        process.standardOutput = handles[1]
        process.standardError = handles[2]
        try process.run()
        process.waitUntilExit()
        return Result(exitCode: process.terminationStatus,
                      stdout: (try? String(contentsOf: paths[1], encoding: .utf8)) ?? "",
                      stderr: (try? String(contentsOf: paths[2], encoding: .utf8)) ?? "")
    }
}
