import ArgumentParser
import ScanPipeline

/// `digitscan evaluate`: accuracy, calibration and the reject option's trade-off on the MNIST
/// test set or a folder of labelled pictures.
struct EvaluateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "evaluate",
        abstract: "Print the model's accuracy, per-class precision and recall, confusion matrix, calibration and risk-coverage.",
        discussion: """
            Evaluates on the MNIST test split (--mnist DIR) or on a folder of labelled pictures (DIR/<digit>/*.png or \
            *.jpg, one digit each, segmented and normalised as in classification); give exactly one of them.
            """
    )

    @Argument(help: "Folder of labelled pictures, DIR/<digit>/*.png|jpg, to evaluate on instead of MNIST.")
    var directory: String?

    @Option(name: .long, help: "Directory holding t10k-images-idx3-ubyte and t10k-labels-idx1-ubyte (optionally .gz).")
    var mnist: String?

    @Option(name: .long, help: "Images per forward pass.")
    var batchSize = 500

    @Option(name: .long, help: "Directory to write reliability.png and confusion.png into (created if missing).")
    var plots: String?

    @OptionGroup var options: ConfigOptions

    func validate() throws {
        guard batchSize >= 1 else { throw ValidationError("--batch-size must be at least 1.") }
        guard (mnist == nil) != (directory == nil) else {
            throw ValidationError("Give exactly one of --mnist DIR or a folder of labelled pictures.")
        }
    }

    func run() throws {
        let source: EvaluateJob.Source = if let mnist { .mnist(directory: mnist) } else { .pictures(directory: directory ?? "") }
        let outcome = try EvaluateJob.run(
            source: source, model: options.model,
            configuration: ConfigurationRequest(file: options.config, overrides: options.overrides),
            batchSize: batchSize, plotsDirectory: plots)
        print(outcome.text)
    }
}
