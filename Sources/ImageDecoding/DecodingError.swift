/// The error of this target: what failed, in words a user can act on.
///
/// `message` is one line meant for people (it names the library's own complaint where there is
/// one); `kind` is for code that reacts differently to, say, a refused size and a damaged file.
public struct DecodingError: Error, CustomStringConvertible, Sendable, Equatable {
    /// The broad reason a decode failed.
    public enum Kind: Sendable, Hashable {
        /// The input had no bytes.
        case empty
        /// The bytes start like neither a JPEG nor a PNG.
        case unrecognizedFormat
        /// The header declares more pixels than `DecodeOptions.maxPixels`.
        case tooLarge
        /// The data is truncated or damaged.
        case corrupt
        /// The file is valid but uses a feature the codec cannot decode (e.g. 12-bit JPEG).
        case unsupported
        /// Memory ran out inside a codec.
        case outOfMemory
    }

    public var kind: Kind
    public var message: String

    public init(_ kind: Kind, _ message: String) {
        self.kind = kind
        self.message = message
    }

    public var description: String { message }
}
