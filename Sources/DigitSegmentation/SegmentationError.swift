/// The error of this target: what went wrong, with the figures that made it go wrong.
public struct SegmentationError: Error, CustomStringConvertible, Sendable, Equatable {
    public var message: String
    public init(_ message: String) { self.message = message }
    public var description: String { message }

    /// The page has more connected components than `SegmentationConfig.maxComponents`.
    static func tooManyComponents(_ count: Int, limit: Int, width: Int, height: Int) -> SegmentationError {
        SegmentationError("page has \(grouped(count)) ink components on a \(width)×\(height) image, over "
                          + "segmentation.maxComponents \(grouped(limit)): is this noise or not a digit scan? "
                          + "Raise segmentation.maxComponents to process it anyway")
    }

    /// `412331` as "412,331": counts in messages are read by people.
    private static func grouped(_ n: Int) -> String {
        let digits = Array(String(n.magnitude))
        var out = ""
        for (i, d) in digits.enumerated() {
            if i > 0 && (digits.count - i) % 3 == 0 { out.append(",") }
            out.append(d)
        }
        return (n < 0 ? "-" : "") + out
    }

    /// A configuration value is out of its valid range.
    static func invalidConfig(_ field: String, _ value: String, _ rule: String) -> SegmentationError {
        SegmentationError("segmentation config: \(field) = \(value) is invalid (\(rule))")
    }
}
