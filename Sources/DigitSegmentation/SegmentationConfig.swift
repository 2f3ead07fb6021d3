/// Parameters of segmentation and normalisation. Defaults are the shipped behaviour.
public struct SegmentationConfig: Sendable, Equatable {
    public init() {}
}
