/// Optimiser choice for training.
public enum OptimizerKind: String, Sendable, CaseIterable {
    case adam, sgd
}

/// Hyper-parameters of a training run. Defaults reproduce the shipped model.
public struct TrainingConfig: Sendable, Equatable {
    public var epochs: Int = 15
    public var batchSize: Int = 128
    public var learningRate: Float = 0.002
    public var optimizer: OptimizerKind = .adam
    /// SGD momentum (ignored by Adam).
    public var momentum: Float = 0.9
    public var weightDecay: Float = 0
    /// Random affine augmentation: max rotation (degrees), max shift (pixels), scale range.
    public var augmentRotation: Float = 10
    public var augmentShift: Float = 2
    public var augmentScale: Float = 0.1
    /// Training images held out to report validation accuracy each epoch.
    public var validationCount: Int = 0
    public var seed: UInt64 = 1
    /// Worker threads (0: all cores).
    public var threads: Int = 0
    public init() {}
}

/// What one epoch did.
public struct EpochReport: Sendable {
    public var epoch: Int
    public var loss: Float
    public var trainAccuracy: Float
    public var validationAccuracy: Float?
    public var learningRate: Float
    public var seconds: Double
}
