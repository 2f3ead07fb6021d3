/// Reading and writing `Configuration` as JSON: strict parsing, overrides, printing.
///
/// Keys starting with `//` are comments at any level and are ignored, so `pipeline.json`
/// documents itself. Every other unknown key is an error naming its key path and the keys
/// allowed there. Keys left out keep their defaults.
extension Configuration {
    /// The name of the configuration file looked for in the current directory.
    public static let defaultFileName = "pipeline.json"

    /// Parses a configuration document on top of the defaults.
    ///
    /// - Parameter origin: how messages name the source, e.g. the file's path.
    /// - Throws: `PipelineError.configuration` naming the bad key and what it allows.
    public static func parse(_ bytes: [UInt8], origin: String) throws(PipelineError) -> Configuration {
        let document: JSONValue
        do {
            document = try JSONParser.parse(bytes)
        } catch {
            throw .configuration("\(origin): invalid JSON at \(error.description)")
        }
        guard case .object(let sections) = document else {
            throw .configuration("\(origin): the top level must be an object with the sections \(sectionList)")
        }
        var config = Configuration()
        for (sectionKey, sectionValue) in sections where !isComment(sectionKey) {
            guard let section = schema.first(where: { $0.key == sectionKey }) else {
                throw .configuration("\(origin): unknown key '\(sectionKey)'; allowed keys: \(sectionList)")
            }
            guard case .object(let pairs) = sectionValue else {
                throw .configuration("\(origin): \(sectionKey) must be an object (got \(sectionValue.typeName))")
            }
            for (key, value) in pairs where !isComment(key) {
                try config.set(section: section, key: key, value: value, origin: origin)
            }
        }
        try config.validate(origin: origin)
        return config
    }

    /// Sets one value by its key path ("run.threads"), as command-line flags do.
    ///
    /// - Parameter origin: how the message names the source, e.g. "--threads".
    /// - Throws: `PipelineError.configuration` naming the key and the allowed values.
    public mutating func set(_ keyPath: String, to value: JSONValue, origin: String) throws(PipelineError) {
        let parts = keyPath.split(separator: ".", maxSplits: 1).map(String.init)
        guard parts.count == 2, let section = Self.schema.first(where: { $0.key == parts[0] }) else {
            throw .configuration("\(origin): unknown key '\(keyPath)'; allowed sections: \(Self.sectionList)")
        }
        try set(section: section, key: parts[1], value: value, origin: origin)
        try validate(origin: origin)
    }

    private mutating func set(section: ConfigurationSection, key: String, value: JSONValue,
                              origin: String) throws(PipelineError) {
        let path = "\(section.key).\(key)"
        guard let field = section.fields.first(where: { $0.key == key }) else {
            let allowed = section.fields.map(\.key).joined(separator: ", ")
            throw .configuration("\(origin): unknown key '\(path)'; allowed keys in \(section.key): \(allowed)")
        }
        do {
            try field.write(&self, value)
        } catch {
            throw .configuration("\(origin): \(path) must be \(error.text) (got \(value.compactText))")
        }
    }

    /// Checks constraints between keys.
    private func validate(origin: String) throws(PipelineError) {
        if segmentation.digitBox > segmentation.canvas {
            throw .configuration("\(origin): segmentation.digitBox (\(segmentation.digitBox)) must not exceed segmentation.canvas (\(segmentation.canvas))")
        }
    }

    /// The effective configuration as JSON, every key present, in schema order.
    public var json: JSONValue {
        .object(Self.schema.map { section in
            (section.key, .object(section.fields.map { ($0.key, $0.read(self)) }))
        })
    }

    /// The configuration as JSON with a `"// key"` documentation entry before every key:
    /// the text of the committed `pipeline.json` when called on the defaults.
    public var documentedJSON: JSONValue {
        var top: [(String, JSONValue)] = [("//", .string(
            "digitscan configuration: every parameter with its default (the same defaults are built in). "
            + "Keys starting with // are comments. Select another file with --config FILE; flags override it; "
            + "`digitscan config` prints the effective configuration."))]
        for section in Self.schema {
            var pairs: [(String, JSONValue)] = [("//", .string(section.doc))]
            for field in section.fields {
                pairs.append(("// \(field.key)", .string(field.doc)))
                pairs.append((field.key, field.read(self)))
            }
            top.append((section.key, .object(pairs)))
        }
        return .object(top)
    }

    static func isComment(_ key: String) -> Bool { key.hasPrefix("//") }

    static var sectionList: String { schema.map(\.key).joined(separator: ", ") }
}

extension Configuration {
    /// The configuration a run uses: `path` when given, else `./pipeline.json` when present,
    /// else the built-in defaults. Returns the file used (nil for the defaults).
    ///
    /// - Throws: `PipelineError.configuration` when the file cannot be read or is invalid.
    public static func load(path: String?) throws(PipelineError) -> (Configuration, file: String?) {
        let file: String
        if let path {
            file = path
        } else {
            guard case .success(let status) = Syscalls.status(Array(defaultFileName.utf8), followLinks: true),
                  status.kind == .regular else { return (Configuration(), nil) }
            file = defaultFileName
        }
        switch Syscalls.readFile(Array(file.utf8), limit: 16 * 1024 * 1024) {
        case .failure(.tooLarge):
            throw .configuration("cannot read configuration \(file): larger than 16 MiB")
        case .failure(let failure):
            throw .configuration("cannot read configuration \(file): "
                                 + FileProcessor.describe(failure, limit: 0))
        case .success(let bytes):
            return (try parse(bytes, origin: file), file)
        }
    }
}
