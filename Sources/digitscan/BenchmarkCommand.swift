import ArgumentParser
import ScanPipeline

/// `digitscan benchmark`: throughput of the network alone and of the whole pipeline.
struct BenchmarkCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "benchmark",
        abstract: "Print digits/s for the network alone and files/s end to end on a directory of scans.",
        discussion: """
            The network part uses MNIST test images (--mnist, or the repository's Tests/Fixtures/mnist), \
            else random images. The end-to-end part classifies the directory without writing rows.
            """
    )

    @Argument(help: "Directory of scans to classify end to end.")
    var directory = "samples/"

    @Option(name: .long, help: "Directory holding the MNIST test IDX files.")
    var mnist: String?

    @Option(name: .long, help: "Images pushed through the network alone.")
    var images = 10_000

    @Option(name: .long, help: "Digits per forward pass of the network (classifier.batchSize).")
    var batchSize: Int?

    @Flag(name: .long, help: "Skip the end-to-end part.")
    var networkOnly = false

    @OptionGroup var options: ConfigOptions

    func validate() throws {
        guard images >= 1 else { throw ValidationError("--images must be at least 1.") }
    }

    func run() throws {
        var overrides = options.overrides
        if let batchSize { overrides.append(.init(key: "classifier.batchSize", value: .int(batchSize), flag: "--batch-size")) }
        let report = try BenchmarkJob.run(.init(
            directory: networkOnly ? nil : directory, mnistDirectory: mnist, images: images,
            model: options.model, configuration: ConfigurationRequest(file: options.config, overrides: overrides)))
        print(report)
    }
}
