import Foundation
import XCTest

/// The built `digitscan` executable and the shipped model, run as a user runs them.
///
/// `swift test` builds every product, the executable included, into the directory that holds
/// the test bundle, so the tests run exactly the binary a user gets from `swift build`.
struct EndToEndBinary {
    /// What one run of the binary produced.
    struct Run {
        var exitCode: Int32
        var output: String
        var stderr: String
    }

    /// Why the binary could not be run at all (as opposed to running and failing).
    struct SetupError: Error, CustomStringConvertible {
        var description: String
    }

    /// The repository root.
    static let repositoryRoot = BuiltBinary.repository

    /// The model the README documents and the repository ships.
    static let shippedModel = repositoryRoot.appendingPathComponent("Models/digitscan-cnn.safetensors")

    let executable: URL
    /// The shipped model, or the candidate named by `DIGITSCAN_TEST_MODEL` (to try a model
    /// against the end-to-end tests before shipping it).
    let model: URL

    /// Finds the binary next to the test bundle and checks the model is present; throws
    /// `SetupError` naming the missing file and how to make it.
    init(testCase: AnyClass) throws {
        guard let found = BuiltBinary.locate(testCase: testCase) else {
            throw SetupError(description: "digitscan binary not found beside the test bundle; `swift test` builds it, or run `swift build`")
        }
        executable = found
        if let candidate = ProcessInfo.processInfo.environment["DIGITSCAN_TEST_MODEL"], !candidate.isEmpty {
            model = URL(fileURLWithPath: candidate)
        } else {
            model = Self.shippedModel
        }
        guard FileManager.default.fileExists(atPath: model.path) else {
            throw SetupError(description: """
                model missing at \(model.path): the end-to-end tests need it. \
                Train it with `make train` (see Models/README.md) or restore it from git.
                """)
        }
    }

    /// Runs `digitscan arguments… -o <temporary file>` in `directory` and returns the exit code,
    /// the output file's text and stderr; throws `SetupError` if it cannot start or exceeds `timeout`.
    ///
    /// Output goes to files rather than pipes so a large result can never block the child on a
    /// full pipe while the test waits for it to exit.
    func run(_ arguments: [String], in directory: URL = EndToEndBinary.repositoryRoot,
             timeout: TimeInterval = 300) throws -> Run {
        let scratch = FileManager.default.temporaryDirectory
            .appendingPathComponent("digitscan-e2e-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: scratch) }
        let outputFile = scratch.appendingPathComponent("out.csv")
        let stderrFile = scratch.appendingPathComponent("stderr.txt")
        guard FileManager.default.createFile(atPath: stderrFile.path, contents: nil) else {
            throw SetupError(description: "cannot create \(stderrFile.path)")
        }
        let stderrHandle = try FileHandle(forWritingTo: stderrFile)
        defer { try? stderrHandle.close() }

        let process = Process()
        process.executableURL = executable
        process.arguments = arguments + ["--model", model.path, "-o", outputFile.path]
        process.currentDirectoryURL = directory
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = FileHandle.nullDevice
        process.standardError = stderrHandle
        try process.run()
        let deadline = Date().addingTimeInterval(timeout)
        while process.isRunning {
            if Date() > deadline {
                process.terminate()
                process.waitUntilExit()
                throw SetupError(description: "digitscan \(arguments.joined(separator: " ")) ran longer than \(Int(timeout)) s")
            }
            Thread.sleep(forTimeInterval: 0.05)
        }
        let stderr = (try? String(contentsOf: stderrFile, encoding: .utf8)) ?? ""
        let output = (try? String(contentsOf: outputFile, encoding: .utf8)) ?? ""
        return Run(exitCode: process.terminationStatus, output: output, stderr: stderr)
    }

    /// The CSV header the CLI promises (README, "Output").
    static let csvHeader = ["path", "digits", "count", "confidence", "status", "confidences", "boxes", "error"]
}
