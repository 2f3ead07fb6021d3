/// Where a command's configuration comes from: a file (or the default search) plus flags.
public struct ConfigurationRequest: Sendable, Equatable {
    /// One command-line flag that overrides a configuration key.
    public struct Override: Sendable, Equatable {
        /// Key path, e.g. "classifier.minConfidence".
        public var key: String
        public var value: JSONValue
        /// The flag as typed, named in error messages, e.g. "--min-confidence".
        public var flag: String
        public init(key: String, value: JSONValue, flag: String) {
            self.key = key; self.value = value; self.flag = flag
        }
    }

    /// `--config FILE`; nil looks for `./pipeline.json`, then uses the built-in defaults.
    public var file: String?
    /// Skip every file: the built-in defaults plus `overrides`.
    public var ignoreFiles = false

    /// The built-in defaults alone (`digitscan config --defaults`).
    public static var builtInDefaults: ConfigurationRequest {
        var request = ConfigurationRequest()
        request.ignoreFiles = true
        return request
    }
    /// Applied in order on top of the file.
    public var overrides: [Override]

    public init(file: String? = nil, overrides: [Override] = []) {
        self.file = file
        self.overrides = overrides
    }

    /// The effective configuration.
    ///
    /// - Throws: `PipelineError.configuration` naming the file key or flag that is wrong.
    public func resolve() throws(PipelineError) -> Configuration {
        var config = ignoreFiles ? Configuration() : try Configuration.load(path: file).0
        for override in overrides {
            try config.set(override.key, to: override.value, origin: override.flag)
        }
        return config
    }

    /// The effective configuration as pretty JSON (what `digitscan config` prints);
    /// with `documented`, each key is preceded by its `"// key"` documentation.
    public func effectiveJSON(documented: Bool = false) throws(PipelineError) -> String {
        let config = try resolve()
        return (documented ? config.documentedJSON : config.json).prettyText
    }
}
