/// Options for decoding.
public struct DecodeOptions: Sendable, Equatable {
    /// Images with more pixels than this are refused from the header, before any allocation.
    public var maxPixels: Int
    /// Apply the EXIF orientation tag of JPEGs.
    public var applyExifOrientation: Bool
    public init(maxPixels: Int = 100_000_000, applyExifOrientation: Bool = true) {
        self.maxPixels = maxPixels
        self.applyExifOrientation = applyExifOrientation
    }
}

/// The error of this target: what failed, in words a user can act on.
public struct DecodingError: Error, CustomStringConvertible, Sendable, Equatable {
    public var message: String
    public init(_ message: String) { self.message = message }
    public var description: String { message }
}

/// Decodes JPEG and PNG bytes to 8-bit luminance. (Placeholder until the decoding work lands.)
public enum ImageDecoder {
    public static func decode(_ bytes: [UInt8], options: DecodeOptions = DecodeOptions()) throws(DecodingError) -> GrayImage {
        throw DecodingError("decoding not implemented yet")
    }
}
