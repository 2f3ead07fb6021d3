/// The error of this target: what went wrong, with the figures that made it go wrong.
public struct SegmentationError: Error, CustomStringConvertible, Sendable, Equatable {
    public var message: String
    public init(_ message: String) { self.message = message }
    public var description: String { message }

    /// The page has more connected components than `SegmentationConfig.maxComponents`.
    static func tooManyComponents(_ count: Int, limit: Int, width: Int, height: Int) -> SegmentationError {
        SegmentationError("segmentation: \(count) connected components on a \(width)×\(height) image "
                          + "exceed maxComponents (\(limit)); the image is probably noise or not a digit scan")
    }

    /// A configuration value is out of its valid range.
    static func invalidConfig(_ field: String, _ value: String, _ rule: String) -> SegmentationError {
        SegmentationError("segmentation config: \(field) = \(value) is invalid (\(rule))")
    }
}
