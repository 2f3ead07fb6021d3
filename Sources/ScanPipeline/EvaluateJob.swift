/// `digitscan evaluate`: the model's accuracy on the MNIST test split.
public enum EvaluateJob {
    /// Loads the test split from `mnistDirectory` and the model (same search as classify),
    /// and evaluates it.
    ///
    /// - Throws: `PipelineError` when the configuration, the model or the data set is unusable.
    public static func run(mnistDirectory: String, model: String?, configuration: ConfigurationRequest,
                           batchSize: Int) throws(PipelineError) -> EvaluationReport {
        let config = try configuration.resolve()
        let network = try ModelLocator.load(flag: model, config: config)
        let data = try MNISTDataset.load(directory: mnistDirectory, split: .test)
        return Evaluation.evaluate(model: network, on: data, batchSize: batchSize,
                                   threads: config.run.threads)
    }
}
