/// Optimiser choice for training.
public enum OptimizerKind: String, Sendable, CaseIterable {
    case adam, sgd
}

/// Hyper-parameters of a training run. Defaults are the robust recipe of the shipped model;
/// `TrainingConfig.v1` is the first model's recipe (small affine moves only).
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
    /// Maximum shear (slant), as a fraction of height.
    public var augmentShear: Float = 0.3
    /// Elastic distortion: maximum displacement of the field's control points, in pixels.
    public var augmentElastic: Float = 1.5
    /// Chances of a thinner/thicker pen, of a gap cut through the strokes, of faint or soft ink.
    public var augmentStroke: Float = 0.5
    public var augmentOcclusion: Float = 0.1
    public var augmentContrast: Float = 0.2
    /// Label smoothing ε: the target is 1 − ε on the label and ε spread evenly over all classes
    /// (the label included), which keeps logits from growing without bound.
    public var labelSmoothing: Float = 0.05
    /// Stochastic weight averaging: the last `averageEpochs` epochs run at the constant
    /// `averageLearningRate` (the warm-up and cosine schedule covers the epochs before them),
    /// and the shipped weights are the mean of the weights after each of those epochs, with
    /// batchnorm statistics measured again for them. 0 turns it off.
    public var averageEpochs: Int = 0
    public var averageLearningRate: Float = 0.0002
    /// Training images held out to report validation accuracy each epoch.
    public var validationCount: Int = 0
    public var seed: UInt64 = 1
    /// Worker threads (0: all cores).
    public var threads: Int = 0
    public init() {}

    /// The recipe of the first shipped model: affine moves only, no label smoothing.
    public static var v1: TrainingConfig {
        var c = TrainingConfig()
        c.augmentShear = 0
        c.augmentElastic = 0
        c.augmentStroke = 0
        c.augmentOcclusion = 0
        c.augmentContrast = 0
        c.labelSmoothing = 0
        return c
    }
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
