/// Judges how much a 28×28 input looks like a digit, so segmentation can choose between
/// readings of an ambiguous blob (two touching digits, or one wide one).
///
/// DigitSegmentation knows nothing of networks; the pipeline passes its classifier in through
/// this protocol. Must be safe to call from several threads at once.
public protocol DigitScorer: Sendable {
    /// For each MNIST-style input (row-major `canvas × canvas`, 0 paper ... 255 ink), the
    /// classifier's confidence that it is a digit: its largest softmax probability, 0 ... 1.
    func confidences(for images: [[UInt8]]) -> [Float]
}
