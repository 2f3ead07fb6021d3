import NeuralNet
/// Placeholder (lead writes this): accuracy, per-class precision/recall, confusion matrix.
public struct EvaluationReport: Sendable {
    public var accuracy: Double = 0
    /// Human-readable multi-line report (what `digitscan evaluate` prints).
    public var text: String = ""
}
public enum Evaluation {
    public static func evaluate(model: Model, on data: MNISTDataset) -> EvaluationReport { EvaluationReport() }
}
