import Foundation
import NeuralNet

/// `digitscan train`: trains the CNN on MNIST's training split and writes the model file.
public enum TrainingSession {
    /// Trains with `config`, logs one line per epoch, writes `outputPath`, and logs the test
    /// accuracy when the test split sits beside the training split.
    public static func run(mnistDirectory: String, outputPath: String, config: TrainingConfig,
                           log: @escaping @Sendable (String) -> Void) throws {
        let train = try MNISTDataset.load(directory: mnistDirectory, split: .train)
        log("training on \(train.count) MNIST images, \(config.epochs) epochs, batch \(config.batchSize), "
            + "\(config.optimizer.rawValue) lr \(config.learningRate), seed \(config.seed)")
        let started = Date()
        let trainer = try Trainer(config: config)
        _ = try trainer.train(images: train.images, labels: train.labels) { r in
            var line = String(format: "epoch %2d  loss %.4f  train acc %.4f  lr %.5f  %.0f s",
                              r.epoch, r.loss, r.trainAccuracy, r.learningRate, r.seconds)
            if let v = r.validationAccuracy { line += String(format: "  validation acc %.4f", v) }
            log(line)
        }
        let seconds = Date().timeIntervalSince(started)
        // The trained weights again, now with the metadata the file records.
        let described = try trainer.model(metadata: [
            "name": "digitscan-cnn",
            "format_version": "1",
            "training": "digitscan train, \(config.epochs) epochs, batch \(config.batchSize), \(config.optimizer.rawValue) lr \(config.learningRate), seed \(config.seed)",
            "training_seconds": String(format: "%.0f", seconds),
        ])
        try described.save(path: outputPath)
        log(String(format: "wrote %@ after %.0f s", outputPath, seconds))
        if let test = try? MNISTDataset.load(directory: mnistDirectory, split: .test) {
            log(Evaluation.evaluate(model: described, on: test).text)
        }
    }
}
