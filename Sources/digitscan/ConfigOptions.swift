import ArgumentParser
import ScanPipeline

/// Options every command that reads the configuration shares.
struct ConfigOptions: ParsableArguments {
    @Option(name: .long, help: "Configuration file to use instead of ./pipeline.json.")
    var config: String?

    @Option(name: .long, help: "Model file, overriding classifier.model and $DIGITSCAN_MODEL.")
    var model: String?

    @Option(name: .long, help: "Worker threads, 0 for every core (run.threads).")
    var threads: Int?

    /// The overrides these options contribute.
    var overrides: [ConfigurationRequest.Override] {
        threads.map { [.init(key: "run.threads", value: .int($0), flag: "--threads")] } ?? []
    }
}
