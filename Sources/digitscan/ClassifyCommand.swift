import ArgumentParser
import ScanPipeline

/// `digitscan classify` (the default command): one row per input file.
struct ClassifyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "classify",
        abstract: "Classify the digits in image files and directories (the default command).",
        discussion: """
            Directories are walked recursively in sorted order, keeping files whose extension is \
            in inputs.extensions. A file named explicitly is read whatever its extension. \
            Rows are written in input order as files finish.
            """
    )

    @Argument(help: "Files or directories to classify; - reads file paths from standard input.")
    var inputs: [String] = []

    @Option(name: [.short, .long], help: "Write the rows to this file (complete files only) instead of standard output.")
    var output: String?

    @Option(name: .long, help: "Output format: csv or jsonl (output.format).")
    var format: OutputFormat?

    @Flag(name: .long, help: "Write one row per digit instead of one per file (output.perDigit).")
    var perDigit = false

    @Option(name: .long, help: "Write each file's overlay and network-input pictures (PNG) to this directory (output.debugDir).")
    var debugDir: String?

    @Option(name: .long, help: "Files whose least confident digit is below this get status low_confidence (classifier.minConfidence).")
    var minConfidence: Double?

    @Option(name: .long, help: "Digits per forward pass of the network (classifier.batchSize).")
    var batchSize: Int?

    @Flag(name: [.customShort("0"), .customLong("null")], help: "Paths read from standard input are separated by NUL bytes, as find -print0 writes them.")
    var nullSeparated = false

    @OptionGroup var options: ConfigOptions

    func validate() throws {
        if inputs.isEmpty {
            throw ValidationError("Give at least one file or directory, or - to read paths from standard input.")
        }
        if inputs.filter({ $0 == "-" }).count > 1 {
            throw ValidationError("- (standard input) may be given only once.")
        }
        if nullSeparated && !inputs.contains("-") {
            throw ValidationError("--null applies to paths read from standard input; add - to the inputs.")
        }
    }

    func run() throws {
        let request = ClassifyJob.Request(
            inputs: inputs.map { InputRoot.argument($0, nullSeparated: nullSeparated) },
            output: output, model: options.model,
            configuration: ConfigurationRequest(file: options.config, overrides: overrides))
        let summary = try ClassifyJob.run(request) { Log.error($0) }
        if summary.exitCode != 0 { throw ExitCode(summary.exitCode) }
    }

    private var overrides: [ConfigurationRequest.Override] {
        var list = options.overrides
        if let format { list.append(.init(key: "output.format", value: .string(format.rawValue), flag: "--format")) }
        if perDigit { list.append(.init(key: "output.perDigit", value: .bool(true), flag: "--per-digit")) }
        if let minConfidence {
            list.append(.init(key: "classifier.minConfidence", value: .double(minConfidence), flag: "--min-confidence"))
        }
        if let debugDir { list.append(.init(key: "output.debugDir", value: .string(debugDir), flag: "--debug-dir")) }
        if let batchSize { list.append(.init(key: "classifier.batchSize", value: .int(batchSize), flag: "--batch-size")) }
        return list
    }
}

extension OutputFormat: ExpressibleByArgument {}
