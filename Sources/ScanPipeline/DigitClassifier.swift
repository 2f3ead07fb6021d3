import NeuralNet

/// Anything that turns 28×28 digit images into class probabilities.
///
/// The pipeline depends on this rather than on `Model` directly so its orchestration can be
/// tested with a classifier whose answers are known (see the tests' `FakeClassifier`).
public protocol DigitClassifier: Sendable {
    /// Number of classes per answer (10 for digits).
    var classes: Int { get }
    /// Side of the square input image the classifier expects.
    var inputSide: Int { get }
    /// Probabilities (N, classes), row-major, for `count` images of raw pixels (0...255, ink
    /// bright) shaped (N, 1, side, side), using up to `threads` threads (0: all cores).
    /// Must be thread-safe.
    func probabilities(pixels: [Float], count: Int, threads: Int) -> [Float]
}

extension Model: DigitClassifier {
    public var inputSide: Int { input.height == input.width && input.channels == 1 ? input.width : -1 }
}
