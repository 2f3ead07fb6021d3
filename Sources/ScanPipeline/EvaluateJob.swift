/// `digitscan evaluate`: the model's accuracy, calibration and reject-option trade-off on the
/// MNIST test split or on a folder of labelled pictures.
public enum EvaluateJob {
    /// The labelled images to evaluate on.
    public enum Source: Sendable, Equatable {
        /// The MNIST test split in this directory (IDX files, optionally gzipped).
        case mnist(directory: String)
        /// Pictures `DIR/<digit>/*.png|jpg`, one digit each, decoded, segmented and normalised
        /// as classification does (see `LabelledImageSet`).
        case pictures(directory: String)
    }

    /// What an evaluation found.
    public struct Outcome: Sendable {
        public var report: EvaluationReport
        /// Pictures left out, one line each with the reason (always empty for MNIST).
        public var skipped: [String]
        /// Whether `source` was a picture folder (the text then says how many were skipped).
        public var fromPictures: Bool
        /// The paths of the pictures written for `--plots` (empty without it).
        public var plots: [String]

        /// Skipped files listed in `text` before it says "and N more".
        public static let listedSkips = 10

        /// What `digitscan evaluate` prints: the report, then for picture folders the number of
        /// skipped files and the first few of them.
        public var text: String {
            guard fromPictures else { return report.text }
            var lines = [report.text, "skipped \(skipped.count) of \(skipped.count + report.count) pictures"
                         + (skipped.isEmpty ? "" : " (not one readable digit each):")]
            lines += skipped.prefix(Self.listedSkips).map { "  " + $0 }
            if skipped.count > Self.listedSkips { lines.append("  and \(skipped.count - Self.listedSkips) more") }
            return lines.joined(separator: "\n")
        }
    }

    /// Loads the model (same search as classify) and the images of `source`, evaluates, and
    /// writes the plots into `plotsDirectory` when one is given.
    ///
    /// - Throws: `PipelineError` when the configuration, the model or the images are unusable,
    ///   or a plot cannot be written.
    public static func run(source: Source, model: String?, configuration: ConfigurationRequest,
                           batchSize: Int, plotsDirectory: String? = nil) throws(PipelineError) -> Outcome {
        let config = try configuration.resolve()
        let network = try ModelLocator.load(flag: model, config: config)
        let data: MNISTDataset, skipped: [String]
        switch source {
        case .mnist(let directory):
            data = try MNISTDataset.load(directory: directory, split: .test)
            skipped = []
        case .pictures(let directory):
            let set = try LabelledImageSet.load(directory: directory, configuration: config, threads: config.run.threads)
            (data, skipped) = (set.dataset, set.skipped)
        }
        guard data.rows * data.columns == network.input.pixelCount else {
            throw .dataset("images are \(data.rows)×\(data.columns) but the model takes \(network.input.height)×\(network.input.width)")
        }
        let report = Evaluation.evaluate(model: network, on: data, batchSize: batchSize, threads: config.run.threads,
                                         secondLookBelow: config.classifier.secondLookBelow)
        var plots: [String] = []
        if let plotsDirectory { plots = try EvaluationPlots.write(report, to: plotsDirectory) }
        let fromPictures = if case .pictures = source { true } else { false }
        return Outcome(report: report, skipped: skipped, fromPictures: fromPictures, plots: plots)
    }
}
