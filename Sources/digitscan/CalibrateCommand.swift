import ArgumentParser
import NeuralNet
import ScanPipeline

/// `digitscan calibrate`: fit a model's temperature on held-out labelled data.
struct CalibrateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "calibrate",
        abstract: "Fit the temperature that makes a model's confidences match its accuracy, and write the calibrated model.",
        discussion: """
            Fit on data the model was not trained on: a labelled picture folder, or the last --holdout images \
            of MNIST's training split when training held them out (digitscan train --validation-count N does \
            this fit itself).
            """
    )

    @Argument(help: "Folder of labelled pictures, DIR/<digit>/*.png, to fit on.")
    var pictures: String?

    @Option(name: .long, help: "Directory holding the MNIST training IDX files, to fit on their last --holdout images.")
    var mnist: String?

    @Option(name: .long, help: "How many of MNIST's last training images to fit on.")
    var holdout = 5000

    @Option(name: [.short, .long], help: "Calibrated model file to write.")
    var output: String

    @OptionGroup var options: ConfigOptions

    func validate() throws {
        guard (pictures == nil) != (mnist == nil) else { throw ValidationError("give a picture folder or --mnist DIR, not both.") }
        guard holdout >= 1 else { throw ValidationError("--holdout must be at least 1.") }
    }

    func run() throws {
        let config = try ConfigurationRequest(file: options.config, overrides: options.overrides).resolve()
        let model = try ModelLocator.load(flag: options.model, config: config)
        let data: MNISTDataset
        if let mnist {
            data = try MNISTDataset.load(directory: mnist, split: .train).last(holdout)
        } else if let pictures {
            data = try LabelledImageSet.load(directory: pictures, configuration: config, threads: config.run.threads).dataset
        } else {
            return
        }
        let fit = try CalibrationJob.fit(model: model, on: data, threads: config.run.threads)
        try fit.calibrated.save(path: output)
        print(fit.text)
    }
}
