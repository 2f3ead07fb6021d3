import ArgumentParser
import ScanPipeline

/// `digitscan config`: print the effective configuration.
struct ConfigCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "config",
        abstract: "Print the effective configuration as JSON (file, then flags, over the defaults)."
    )

    @Flag(name: .long, help: "Precede every key with its documentation, as in the committed pipeline.json.")
    var documented = false

    @Flag(name: .long, help: "Print the built-in defaults, ignoring ./pipeline.json, --config and other flags.")
    var defaults = false

    @OptionGroup var options: ConfigOptions

    func validate() throws {
        if defaults && (options.config != nil || options.threads != nil) {
            throw ValidationError("--defaults ignores configuration files and flags; drop --config and --threads.")
        }
    }

    func run() throws {
        let request = defaults ? ConfigurationRequest.builtInDefaults
            : ConfigurationRequest(file: options.config, overrides: options.overrides)
        print(try request.effectiveJSON(documented: documented), terminator: "")
    }
}
