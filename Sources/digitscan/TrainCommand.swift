import ArgumentParser
import NeuralNet
import ScanPipeline

/// `digitscan train`: train the CNN on MNIST and write a model file.
struct TrainCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "train",
        abstract: "Train the CNN (on MNIST and/or labelled pictures) and write a safetensors model file.",
        discussion: """
            Training is deterministic for a given --seed, whatever the thread count; progress goes to standard error.
            --images DIR adds labelled pictures (DIR/<digit>/*.png or *.jpg, one digit each), segmented and \
            normalised as in classification; with --init MODEL this fine-tunes an existing model on your own data.
            """
    )

    private static let defaults = TrainingConfig()

    @Option(name: .long, help: "Directory holding the MNIST IDX files (optionally .gz).")
    var mnist: String?

    @Option(name: .long, help: "Use only the first N MNIST training images (keeps fine-tuning quick).")
    var mnistLimit: Int?

    @Option(name: .long, help: "Folder of labelled pictures, DIR/<digit>/*.png (repeatable).")
    var images: [String] = []

    @Option(name: .long, help: "Times each labelled picture appears per epoch.")
    var imagesRepeat = 1

    @Option(name: .long, help: "Folder of pictures of marks that are no digit (letters, scribbles), trained to an unsure output (repeatable).")
    var nonDigits: [String] = []

    @Option(name: .customLong("init"), help: "Model to start from (fine-tuning) instead of fresh weights.")
    var initial: String?

    @Option(name: .long, help: "Channels of the three convolution blocks of a fresh network, e.g. 32,96,192.",
            transform: { text in
                let values = text.split(separator: ",").compactMap { Int($0.trimmingCharacters(in: .whitespaces)) }
                guard values.count == 3, values.allSatisfy({ (1...1024).contains($0) }) else {
                    throw ValidationError("--channels takes three numbers 1...1024, e.g. 32,64,128.")
                }
                return values
            })
    var channels: [Int] = Architecture.standardChannels

    @Option(name: .long, help: "Augmentation and loss recipe: robust (the shipped model's) or v1 (affine moves only).")
    var recipe = Recipe.robust

    @Option(name: .long, help: "Label smoothing, instead of the recipe's.")
    var labelSmoothing: Float?

    @Option(name: .long, help: "Average the weights of this many last epochs, run at a constant learning rate (0 for none).")
    var averageEpochs = defaults.averageEpochs

    @Option(name: .long, help: "Learning rate of the averaged epochs.")
    var averageLearningRate = defaults.averageLearningRate

    @Option(name: .long, help: "Elastic distortion in pixels (0 for none), instead of the recipe's.")
    var elastic: Float?

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

    @Option(name: .long, help: "MNIST training images held out to report validation accuracy each epoch and to fit the temperature on.")
    var validationCount = defaults.validationCount

    @Option(name: .long, help: "Seed for initialisation, shuffling and augmentation.")
    var seed = defaults.seed

    @Option(name: .long, help: "Worker threads, 0 for every core.")
    var threads = defaults.threads

    @Option(name: .customLong("config"), help: "Configuration file for segmenting --images pictures, instead of ./pipeline.json.")
    var configFile: String?

    func validate() throws {
        guard epochs >= 1 else { throw ValidationError("--epochs must be at least 1.") }
        guard batchSize >= 1 else { throw ValidationError("--batch-size must be at least 1.") }
        guard learningRate > 0, learningRate.isFinite else { throw ValidationError("--learning-rate must be a positive number.") }
        guard (0..<1).contains(momentum) else { throw ValidationError("--momentum must be in [0, 1).") }
        guard weightDecay >= 0 else { throw ValidationError("--weight-decay must not be negative.") }
        guard validationCount >= 0 else { throw ValidationError("--validation-count must not be negative.") }
        guard threads >= 0 else { throw ValidationError("--threads must be 0 (every core) or more.") }
        guard mnist != nil || !images.isEmpty else { throw ValidationError("give --mnist DIR, --images DIR, or both.") }
        if let n = mnistLimit, n < 1 { throw ValidationError("--mnist-limit must be at least 1.") }
        guard (0...epochs).contains(averageEpochs) else { throw ValidationError("--average-epochs must be between 0 and --epochs.") }
        guard averageLearningRate > 0, averageLearningRate.isFinite else { throw ValidationError("--average-learning-rate must be a positive number.") }
        guard imagesRepeat >= 1 else { throw ValidationError("--images-repeat must be at least 1.") }
        if let s = labelSmoothing, !(0..<1).contains(s) { throw ValidationError("--label-smoothing must be in [0, 1).") }
        if let e = elastic, !(e >= 0 && e <= 10) { throw ValidationError("--elastic must be between 0 and 10 pixels.") }
    }

    func run() throws {
        var config = recipe == .v1 ? TrainingConfig.v1 : TrainingConfig()
        if let labelSmoothing { config.labelSmoothing = labelSmoothing }
        if let elastic { config.augmentElastic = elastic }
        config.epochs = epochs
        config.averageEpochs = averageEpochs
        config.averageLearningRate = averageLearningRate
        config.batchSize = batchSize
        config.learningRate = learningRate
        config.optimizer = optimizer
        config.momentum = momentum
        config.weightDecay = weightDecay
        config.validationCount = validationCount
        config.seed = seed
        config.threads = threads
        var request = TrainingRequest(mnistDirectory: mnist, outputPath: output, config: config,
                                      configuration: try ConfigurationRequest(file: configFile, overrides: []).resolve())
        request.imageDirectories = images
        request.imagesRepeat = imagesRepeat
        request.nonDigitDirectories = nonDigits
        request.mnistLimit = mnistLimit
        request.initialModel = initial
        request.channels = channels
        try TrainingSession.run(request) { Log.write($0) }
    }

    enum Recipe: String, ExpressibleByArgument, CaseIterable { case robust, v1 }
}

extension OptimizerKind: ExpressibleByArgument {}
