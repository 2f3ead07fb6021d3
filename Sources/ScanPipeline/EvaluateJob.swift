/// `digitscan evaluate`: the model's accuracy, calibration and reject-option trade-off on the
/// MNIST test split.
public enum EvaluateJob {
    /// Loads the test split from `mnistDirectory` and the model (same search as classify),
    /// evaluates it, and writes the plots into `plotsDirectory` when one is given.
    ///
    /// - Throws: `PipelineError` when the configuration, the model or the data set is unusable,
    ///   or a plot cannot be written.
    public static func run(mnistDirectory: String, model: String?, configuration: ConfigurationRequest,
                           batchSize: Int, plotsDirectory: String? = nil) throws(PipelineError) -> EvaluationReport {
        let config = try configuration.resolve()
        let network = try ModelLocator.load(flag: model, config: config)
        let data = try MNISTDataset.load(directory: mnistDirectory, split: .test)
        let report = Evaluation.evaluate(model: network, on: data, batchSize: batchSize,
                                         threads: config.run.threads)
        if let plotsDirectory { try EvaluationPlots.write(report, to: plotsDirectory) }
        return report
    }
}
