/// The error of ScanPipeline: what went wrong with a run as a whole, in words a user can act on.
///
/// Problems with single input files are not errors of this type: they become `error` rows and
/// the run goes on. This type is for what stops a run; `exitCode` maps it to the CLI contract
/// (2: the run could not do what was asked; rows with `status=error` are what exit code 1 is for).
public enum PipelineError: Error, CustomStringConvertible, Sendable, Equatable {
    /// A bad flag, argument or combination of them.
    case usage(String)
    /// A bad configuration file or value; the message names the key and the allowed values.
    case configuration(String)
    /// The model file named by `--model`, `classifier.model` or `$DIGITSCAN_MODEL` does not
    /// exist; lists the paths tried, in order.
    case modelNotFound(tried: [String])
    /// The model file exists but cannot be used.
    case model(path: String, message: String)
    /// The output file cannot be created or written.
    case output(path: String, message: String)
    /// A data set (e.g. MNIST) cannot be read or is malformed.
    case dataset(String)
    /// The run was stopped by a signal after writing what it had.
    case interrupted(signal: Int32, message: String)

    public var description: String {
        switch self {
        case .usage(let message): return message
        case .configuration(let message): return message
        case .modelNotFound(let tried):
            return "no model file found; tried, in order:\n" + tried.map { "  \($0)" }.joined(separator: "\n")
                + "\nPass --model FILE, set classifier.model in pipeline.json, or set DIGITSCAN_MODEL."
        case .model(let path, let message): return "cannot use model \(path): \(message)"
        case .output(let path, let message): return "cannot write \(path): \(message)"
        case .dataset(let message): return message
        case .interrupted(_, let message): return message
        }
    }

    /// The process exit status for this error: 2 when the run could not do what was asked
    /// (usage, configuration, model, output, data set), 128 + signal number when interrupted.
    /// Exit status 1 is not here: it belongs to runs that finished with some `error` rows.
    public var exitCode: Int32 {
        switch self {
        case .usage, .configuration, .modelNotFound, .model, .output, .dataset: return 2
        case .interrupted(let signal, _): return 128 + signal
        }
    }
}
