/// Options for decoding.
public struct DecodeOptions: Sendable, Equatable {
    /// Images with more pixels than this are refused from the header, before any allocation.
    public var maxPixels: Int
    /// Apply the EXIF orientation tag of JPEGs, so the image comes out the way it is viewed.
    public var applyExifOrientation: Bool

    public init(maxPixels: Int = 100_000_000, applyExifOrientation: Bool = true) {
        self.maxPixels = maxPixels
        self.applyExifOrientation = applyExifOrientation
    }
}
