/// A file format this target decodes, recognised from its leading magic bytes.
public enum ImageFormat: String, Sendable, CaseIterable {
    case jpeg
    case png

    /// The format's usual name, for messages.
    public var name: String {
        switch self {
        case .jpeg: "JPEG"
        case .png: "PNG"
        }
    }

    /// The bytes every file of this format starts with.
    ///
    /// JPEG: SOI (FF D8) followed by the first marker's FF; PNG: the 8-byte signature.
    public var signature: [UInt8] {
        switch self {
        case .jpeg: [0xFF, 0xD8, 0xFF]
        case .png: [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]
        }
    }

    /// The format whose signature starts `bytes`, or nil. File names are never consulted.
    public static func sniff<Bytes: Collection<UInt8>>(_ bytes: Bytes) -> ImageFormat? {
        allCases.first { bytes.starts(with: $0.signature) }
    }
}
