/// `digitscan classify`: inputs in, one row per file out. The single call the CLI makes.
public enum ClassifyJob {
    /// Everything a classify run needs from the command line.
    public struct Request: Sendable {
        public var inputs: [InputRoot]
        /// `-o FILE`; nil writes to standard output.
        public var output: String?
        /// `--model FILE`.
        public var model: String?
        public var configuration: ConfigurationRequest

        public init(inputs: [InputRoot], output: String?, model: String?, configuration: ConfigurationRequest) {
            self.inputs = inputs
            self.output = output
            self.model = model
            self.configuration = configuration
        }
    }

    /// Runs the pipeline over every input and writes the rows.
    ///
    /// - Parameter log: receives the one-line summary when some inputs failed.
    /// - Returns: what the run did; `summary.exitCode` is the process's exit status.
    /// - Throws: `PipelineError` when the run cannot start (configuration, model, output) or
    ///   the output cannot be written; `.interrupted` after a signal, once the partial output
    ///   is flushed.
    public static func run(_ request: Request, log: (String) -> Void) throws(PipelineError) -> ScanEngine.Summary {
        let config = try request.configuration.resolve()
        let model = try ModelLocator.load(flag: request.model, config: config)
        return try run(request, config: config, classifier: model, log: log)
    }

    /// The same run with a given configuration and classifier (tests pass a fake one).
    public static func run(_ request: Request, config: Configuration, classifier: any DigitClassifier,
                           standardInputFD: Int32 = 0, log: (String) -> Void) throws(PipelineError) -> ScanEngine.Summary {
        let sink = try request.output.map { path throws(PipelineError) in try OutputSink.file(path) }
            ?? OutputSink.standardOutput()
        let formatter = ResultFormatter(config)
        let engine = ScanEngine(config: config, classifier: classifier)
        let watcher = SignalWatcher()
        var walker = InputWalker(roots: request.inputs, options: config.inputs, standardInputFD: standardInputFD,
                                 shouldStop: { watcher.receivedSignal != nil })
        defer { watcher.stop() }

        try sink.write(formatter.header)
        let summary = try engine.run(&walker, shouldStop: { watcher.receivedSignal != nil }) { results throws(PipelineError) in
            for result in results { try sink.write(formatter.rows(for: result)) }
            try sink.flush()
        }
        if summary.stopped, let signal = watcher.receivedSignal {
            let partial = sink.finishPartial()
            let where_ = partial.map { "; partial output kept in \($0)" } ?? "; output is partial"
            throw .interrupted(signal: signal, message: "interrupted by \(SignalWatcher.name(signal)) after \(summary.files) files\(where_)")
        }
        try sink.finish()
        if summary.failed > 0 {
            log("\(summary.failed) of \(summary.files) files failed; their rows have status=error")
        }
        return summary
    }
}
