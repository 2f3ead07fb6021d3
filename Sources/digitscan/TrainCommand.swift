import ArgumentParser
import NeuralNet
import ScanPipeline

/// `digitscan train`: train the CNN on MNIST and write a model file.
struct TrainCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "train",
        abstract: "Train the CNN on the MNIST training set and write a safetensors model file.",
        discussion: "Training is deterministic for a given --seed, whatever the thread count; progress goes to standard error."
    )

    private static let defaults = TrainingConfig()

    @Option(name: .long, help: "Directory holding the MNIST IDX files (optionally .gz).")
    var mnist: String

    @Option(name: [.short, .long], help: "Model file to write.")
    var output: String

    @Option(name: .long, help: "Passes over the training set.")
    var epochs = defaults.epochs

    @Option(name: .long, help: "Images per optimiser step.")
    var batchSize = defaults.batchSize

    @Option(name: .long, help: "Initial learning rate.")
    var learningRate = defaults.learningRate

    @Option(name: .long, help: "Optimiser: adam or sgd.")
    var optimizer = defaults.optimizer

    @Option(name: .long, help: "SGD momentum (ignored by Adam).")
    var momentum = defaults.momentum

    @Option(name: .long, help: "L2 weight decay.")
    var weightDecay = defaults.weightDecay

    @Option(name: .long, help: "Training images held out to report validation accuracy each epoch.")
    var validationCount = defaults.validationCount

    @Option(name: .long, help: "Seed for initialisation, shuffling and augmentation.")
    var seed = defaults.seed

    @Option(name: .long, help: "Worker threads, 0 for every core.")
    var threads = defaults.threads

    func validate() throws {
        guard epochs >= 1 else { throw ValidationError("--epochs must be at least 1.") }
        guard batchSize >= 1 else { throw ValidationError("--batch-size must be at least 1.") }
        guard learningRate > 0, learningRate.isFinite else { throw ValidationError("--learning-rate must be a positive number.") }
        guard (0..<1).contains(momentum) else { throw ValidationError("--momentum must be in [0, 1).") }
        guard weightDecay >= 0 else { throw ValidationError("--weight-decay must not be negative.") }
        guard validationCount >= 0 else { throw ValidationError("--validation-count must not be negative.") }
        guard threads >= 0 else { throw ValidationError("--threads must be 0 (every core) or more.") }
    }

    func run() throws {
        var config = TrainingConfig()
        config.epochs = epochs
        config.batchSize = batchSize
        config.learningRate = learningRate
        config.optimizer = optimizer
        config.momentum = momentum
        config.weightDecay = weightDecay
        config.validationCount = validationCount
        config.seed = seed
        config.threads = threads
        try TrainingSession.run(mnistDirectory: mnist, outputPath: output, config: config) { Log.write($0) }
    }
}

extension OptimizerKind: ExpressibleByArgument {}
