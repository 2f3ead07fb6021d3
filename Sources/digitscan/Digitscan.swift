import ArgumentParser
import Foundation
import ScanPipeline

/// The `digitscan` command: classify scans of handwritten digits, and the tools around it.
///
/// `main()` is ours rather than ArgumentParser's so exit codes follow the documented
/// contract: 2 for any usage or configuration error (ArgumentParser's default is 64),
/// 1 when some inputs failed, 0 otherwise.
@main
struct Digitscan: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "digitscan",
        abstract: "Read scans of handwritten digits and write what they say, one CSV row per file.",
        discussion: """
            Exit status: 0 all inputs processed; 1 some inputs failed (their rows say why); \
            2 usage or configuration error.
            """,
        subcommands: [ClassifyCommand.self, ConfigCommand.self, EvaluateCommand.self,
                      TrainCommand.self, CalibrateCommand.self, BenchmarkCommand.self],
        defaultSubcommand: ClassifyCommand.self
    )

    static func main() {
        ProcessMemory.keepFreedBuffers()
        do {
            var command = try parseAsRoot()
            try command.run()
        } catch let error as PipelineError {
            Log.error(error.description)
            Foundation.exit(error.exitCode)
        } catch {
            let code = exitCode(for: error)
            if code == .validationFailure {
                Log.write(fullMessage(for: error))
                Foundation.exit(2)
            }
            exit(withError: error)
        }
    }
}

/// Messages to standard error.
enum Log {
    static func write(_ text: String) {
        FileHandle.standardError.write(Data((text.hasSuffix("\n") ? text : text + "\n").utf8))
    }

    static func error(_ text: String) { write("digitscan: \(text)") }
}
