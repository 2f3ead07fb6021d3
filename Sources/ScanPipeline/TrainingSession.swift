import Foundation
import NeuralNet

/// What `digitscan train` is asked to do: the data, the starting point and the recipe.
public struct TrainingRequest: Sendable {
    /// MNIST IDX folder whose training split is used (nil: labelled pictures only).
    public var mnistDirectory: String?
    /// Use only the first this many MNIST training images (fine-tuning keeps some MNIST in
    /// each epoch so the network does not forget it, without paying for all 60,000).
    public var mnistLimit: Int?
    /// Labelled picture folders (`DIR/<digit>/*.png`), segmented and normalised as in classification.
    public var imageDirectories: [String] = []
    /// How many times each labelled picture appears per epoch (a small set next to MNIST's 60,000).
    public var imagesRepeat: Int = 1
    /// Folders of pictures of marks that are no digit (letters, scribbles), trained towards
    /// an unsure output.
    public var nonDigitDirectories: [String] = []
    /// Model to start from (fine-tuning); nil starts from fresh weights.
    public var initialModel: String?
    /// Channels of the three convolution blocks of fresh weights (ignored with `initialModel`).
    public var channels: [Int] = Architecture.standardChannels
    public var outputPath: String
    public var config: TrainingConfig
    /// Segmentation settings for the labelled pictures.
    public var configuration: Configuration

    public init(mnistDirectory: String?, outputPath: String, config: TrainingConfig,
                configuration: Configuration = Configuration()) {
        self.mnistDirectory = mnistDirectory
        self.outputPath = outputPath
        self.config = config
        self.configuration = configuration
    }
}

/// `digitscan train`: trains the CNN and writes the model file.
public enum TrainingSession {
    /// Trains as `request` says, logs one line per epoch, writes the model, and logs the test
    /// accuracy when MNIST's test split sits beside its training split.
    ///
    /// Labelled pictures and marks go first in the training array and MNIST last, so the images that
    /// `config.validationCount` holds out are always MNIST's last ones.
    public static func run(_ request: TrainingRequest, log: @escaping @Sendable (String) -> Void) throws {
        let config = request.config
        var images: [UInt8] = [], labels: [UInt8] = []
        var sources: [String] = []
        for directory in request.imageDirectories {
            let set = try LabelledImageSet.load(directory: directory, configuration: request.configuration,
                                                threads: config.threads)
            for _ in 0..<max(1, request.imagesRepeat) {
                images += set.dataset.images
                labels += set.dataset.labels
            }
            sources.append("\(directory) (\(set.dataset.count) pictures ×\(max(1, request.imagesRepeat)))")
            if !set.skipped.isEmpty {
                log("\(directory): skipped \(set.skipped.count) pictures, e.g. \(set.skipped[0])")
            }
        }
        for directory in request.nonDigitDirectories {
            let set = try LabelledImageSet.loadMarks(directory: directory, configuration: request.configuration,
                                                     threads: config.threads)
            images += set.dataset.images
            labels += set.dataset.labels
            sources.append("\(directory) (\(set.dataset.count) non-digit pieces)")
        }
        if let mnist = request.mnistDirectory {
            let train = try MNISTDataset.load(directory: mnist, split: .train)
            let n = min(train.count, request.mnistLimit ?? train.count)
            images += train.images[0..<(n * train.rows * train.columns)]
            labels += train.labels[0..<n]
            sources.append(n == train.count ? "MNIST train (\(n))" : "MNIST train (first \(n))")
        }
        guard !labels.isEmpty else { throw PipelineError.dataset("nothing to train on: give --mnist DIR or --images DIR") }
        var initial: Model?
        if let path = request.initialModel { initial = try Model.load(path: path) }
        log("training on \(sources.joined(separator: " + ")), \(config.epochs) epochs, batch \(config.batchSize), "
            + "\(config.optimizer.rawValue) lr \(config.learningRate), seed \(config.seed)"
            + (request.initialModel.map { ", starting from \($0)" } ?? ", channels \(request.channels)"))
        let started = Date()
        let trainer = try Trainer(config: config, architecture: Architecture.standard(channels: request.channels),
                                  initial: initial)
        _ = try trainer.train(images: images, labels: labels) { r in
            var line = String(format: "epoch %2d  loss %.4f  train acc %.4f  lr %.5f  %.0f s",
                              r.epoch, r.loss, r.trainAccuracy, r.learningRate, r.seconds)
            if let v = r.validationAccuracy { line += String(format: "  validation acc %.4f", v) }
            log(line)
        }
        let seconds = Date().timeIntervalSince(started)
        // The trained weights again, now with the metadata the file records.
        var described = try trainer.model(metadata: [
            "name": "digitscan-cnn",
            "format_version": "1",
            "training": "digitscan train, \(sources.joined(separator: " + ")), \(config.epochs) epochs, batch \(config.batchSize), "
                + "\(config.optimizer.rawValue) lr \(config.learningRate), seed \(config.seed)"
                + (request.initialModel.map { ", from \(($0 as NSString).lastPathComponent)" } ?? ""),
            "training_seconds": String(format: "%.0f", seconds),
        ])
        let held = min(config.validationCount, labels.count - 1)
        if held > 0 {
            let heldOut = MNISTDataset(images: images, labels: labels, rows: described.input.height,
                                       columns: described.input.width).last(held)
            if config.averageEpochs > 0 {
                let accuracy = Trainer.accuracy(model: described, images: heldOut.images, labels: heldOut.labels,
                                                range: 0..<heldOut.count)
                log(String(format: "averaged weights of the last %d epochs: validation acc %.4f", config.averageEpochs, accuracy))
            }
            // Temperature scaling on the held-out images: the network never trained on them.
            let fit = try CalibrationJob.fit(model: described, on: heldOut, threads: config.threads)
            described = fit.calibrated
            log(fit.text + " (the images held out by --validation-count)")
        }
        try described.save(path: request.outputPath)
        log(String(format: "wrote %@ after %.0f s", request.outputPath, seconds))
        if let mnist = request.mnistDirectory, let test = try? MNISTDataset.load(directory: mnist, split: .test) {
            log(Evaluation.evaluate(model: described, on: test).text)
        }
    }
}
