/// One configuration key: its name, documentation, and how it reads and writes JSON.
///
/// Each field validates what it is given and names the key and the allowed values when it
/// refuses, so every configuration message has the same shape:
/// `pipeline.json: run.threads must be an integer from 0 to 1024 (got -1)`.
struct ConfigurationField {
    let key: String
    let doc: String
    let read: (Configuration) -> JSONValue
    /// Writes a value; throws the expectation text ("an integer from 0 to 1024") on a bad value.
    let write: (inout Configuration, JSONValue) throws(Expectation) -> Void

    /// What a field accepts, used to build the error message.
    struct Expectation: Error { var text: String }

    static func int(_ key: String, _ path: WritableKeyPath<Configuration, Int> & Sendable,
                    _ range: ClosedRange<Int>, _ doc: String) -> ConfigurationField {
        let expected = range.upperBound == Int.max
            ? "an integer ≥ \(range.lowerBound)" : "an integer from \(range.lowerBound) to \(range.upperBound)"
        return ConfigurationField(key: key, doc: doc, read: { .int($0[keyPath: path]) }) { config, value throws(Expectation) in
            guard case .int(let v) = value, range.contains(v) else { throw Expectation(text: expected) }
            config[keyPath: path] = v
        }
    }

    static func double(_ key: String, _ path: WritableKeyPath<Configuration, Double> & Sendable,
                       _ range: ClosedRange<Double>, _ doc: String) -> ConfigurationField {
        let expected = "a number from \(range.lowerBound) to \(range.upperBound)"
        return ConfigurationField(key: key, doc: doc, read: { .double($0[keyPath: path]) }) { config, value throws(Expectation) in
            guard let v = value.numberValue, range.contains(v) else { throw Expectation(text: expected) }
            config[keyPath: path] = v
        }
    }

    static func float(_ key: String, _ path: WritableKeyPath<Configuration, Float> & Sendable,
                      _ range: ClosedRange<Float>, _ doc: String) -> ConfigurationField {
        let expected = "a number from \(range.lowerBound) to \(range.upperBound)"
        // Printed via Float's own shortest text so 0.8 reads "0.8", not 0.800000011920929.
        return ConfigurationField(key: key, doc: doc, read: { .double(Double(String($0[keyPath: path])) ?? 0) }) {
            config, value throws(Expectation) in
            guard let v = value.numberValue.map(Float.init), range.contains(v) else { throw Expectation(text: expected) }
            config[keyPath: path] = v
        }
    }

    static func bool(_ key: String, _ path: WritableKeyPath<Configuration, Bool> & Sendable,
                     _ doc: String) -> ConfigurationField {
        ConfigurationField(key: key, doc: doc, read: { .bool($0[keyPath: path]) }) { config, value throws(Expectation) in
            guard case .bool(let v) = value else { throw Expectation(text: "true or false") }
            config[keyPath: path] = v
        }
    }

    static func string(_ key: String, _ path: WritableKeyPath<Configuration, String> & Sendable,
                       _ doc: String) -> ConfigurationField {
        ConfigurationField(key: key, doc: doc, read: { .string($0[keyPath: path]) }) { config, value throws(Expectation) in
            guard case .string(let v) = value else { throw Expectation(text: "a string") }
            config[keyPath: path] = v
        }
    }

    static func strings(_ key: String, _ path: WritableKeyPath<Configuration, [String]> & Sendable,
                        _ doc: String) -> ConfigurationField {
        ConfigurationField(key: key, doc: doc, read: { .array($0[keyPath: path].map(JSONValue.string)) }) {
            config, value throws(Expectation) in
            guard case .array(let items) = value else { throw Expectation(text: "an array of strings") }
            var strings: [String] = []
            for item in items {
                guard case .string(let s) = item, !s.isEmpty, !s.contains(".") else {
                    throw Expectation(text: "an array of non-empty strings without dots")
                }
                strings.append(s)
            }
            config[keyPath: path] = strings
        }
    }

    static func choice<E: RawRepresentable & CaseIterable>(
        _ key: String, _ path: WritableKeyPath<Configuration, E> & Sendable, _ doc: String
    ) -> ConfigurationField where E.RawValue == String {
        let allowed = E.allCases.map(\.rawValue).joined(separator: ", ")
        return ConfigurationField(key: key, doc: doc, read: { .string($0[keyPath: path].rawValue) }) {
            config, value throws(Expectation) in
            guard case .string(let s) = value, let v = E(rawValue: s) else { throw Expectation(text: "one of \(allowed)") }
            config[keyPath: path] = v
        }
    }
}

/// A named group of fields: one object in the JSON.
struct ConfigurationSection {
    let key: String
    let doc: String
    let fields: [ConfigurationField]
}

extension JSONValue {
    /// The value as a Double when it is a number.
    var numberValue: Double? {
        switch self {
        case .int(let i): return Double(i)
        case .double(let d): return d
        default: return nil
        }
    }
}
