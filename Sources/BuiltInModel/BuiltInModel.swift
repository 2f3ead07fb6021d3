import Foundation

/// The shipped model, compiled into the binary: a `digitscan` copied on its own to another
/// machine still has a model when no model file is found.
///
/// The bytes are those of `Models/digitscan-cnn.safetensors` when the binary was built
/// (`scripts/embed_model.py` writes them; a test fails when the two differ). Kept as base64
/// text because Swift compiles a megabyte string literal in about a second, where an array
/// literal of a million bytes takes the type checker minutes.
public enum BuiltInModel {
    /// The safetensors file's bytes.
    public static let bytes: [UInt8] = {
        guard let data = Data(base64Encoded: base64, options: .ignoreUnknownCharacters) else { return [] }
        return [UInt8](data)
    }()
}
