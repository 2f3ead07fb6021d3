/// Placeholder: the MNIST IDX reader (lead writes this).
public struct MNISTDataset: Sendable {
    public enum Split: String, Sendable { case train, test }
    /// count × 28 × 28 bytes, ink bright.
    public var images: [UInt8]
    public var labels: [UInt8]
    public var count: Int { labels.count }
    public static func load(directory: String, split: Split) throws -> MNISTDataset {
        throw PipelineError.usage("MNIST reader not implemented yet")
    }
}
