import NeuralNet
/// Placeholder (lead writes this): trains on MNIST train, writes the model, logs per epoch.
public enum TrainingSession {
    public static func run(mnistDirectory: String, outputPath: String, config: TrainingConfig,
                           log: @escaping @Sendable (String) -> Void) throws {
        throw PipelineError.usage("training not implemented yet")
    }
}
