import ArgumentParser
import ScanPipeline

/// `digitscan evaluate`: accuracy, calibration and the reject option's trade-off on the MNIST
/// test set.
struct EvaluateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "evaluate",
        abstract: "Print the model's accuracy, per-class precision and recall, confusion matrix, calibration and risk-coverage on MNIST test."
    )

    @Option(name: .long, help: "Directory holding t10k-images-idx3-ubyte and t10k-labels-idx1-ubyte (optionally .gz).")
    var mnist: String

    @Option(name: .long, help: "Images per forward pass.")
    var batchSize = 500

    @Option(name: .long, help: "Directory to write reliability.png and confusion.png into (created if missing).")
    var plots: String?

    @OptionGroup var options: ConfigOptions

    func validate() throws {
        guard batchSize >= 1 else { throw ValidationError("--batch-size must be at least 1.") }
    }

    func run() throws {
        let report = try EvaluateJob.run(
            mnistDirectory: mnist, model: options.model,
            configuration: ConfigurationRequest(file: options.config, overrides: options.overrides),
            batchSize: batchSize, plotsDirectory: plots)
        print(report.text)
    }
}
