import Dispatch
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Trains a network on 28×28 images (ink bright, 0...255) with integer labels.
///
/// Deterministic under `config.seed` for any thread count: shuffling, augmentation and
/// dropout draw from seeded generators, and parallel sums reduce in a fixed order.
public final class Trainer {
    public let config: TrainingConfig
    let specs: [LayerSpec]
    let input: InputSpec
    let layout: ParameterLayout
    let network: Network
    private(set) var parameters: [Float]
    private var gradients: [Float]
    private var optimizer: Optimizer
    /// Index of the softmax layer the loss replaces (training works on logits).
    private let logitsEnd: Int

    /// Starts from freshly initialised weights, or from `initial`'s if given.
    public init(config: TrainingConfig, architecture: [LayerSpec] = Architecture.standard(),
                input: InputSpec = InputSpec(), initial: Model? = nil) throws(ModelError) {
        self.config = config
        let specs = initial?.specs ?? architecture
        let input = initial?.input ?? input
        self.specs = specs
        self.input = input
        layout = try ParameterLayout(layers: specs)
        // Validate the chain now so a bad architecture fails before training starts.
        _ = try Model(specs: specs, parameters: [Float](repeating: 0, count: layout.totalCount), input: input)
        network = Network(specs: specs, layout: layout, threads: config.threads == 1 ? 1 : 0)
        var rng = SplitMix64(seed: config.seed)
        parameters = initial?.parameters ?? Trainer.initialParameters(specs: specs, layout: layout, rng: &rng)
        gradients = [Float](repeating: 0, count: layout.totalCount)
        optimizer = Optimizer(kind: config.optimizer, momentum: config.momentum,
                              weightDecay: config.weightDecay, layout: layout)
        logitsEnd = specs.last == .softmax ? specs.count - 1 : specs.count
    }

    /// He-normal weights for conv and dense (ReLU nets), zero biases, BN at identity.
    static func initialParameters(specs: [LayerSpec], layout: ParameterLayout, rng: inout SplitMix64) -> [Float] {
        var p = [Float](repeating: 0, count: layout.totalCount)
        for spec in specs {
            switch spec {
            case let .conv2d(i, _, k, _, _, w, _):
                let e = layout.entry(named: w)!, std = (2 / Float(i * k * k)).squareRoot()
                for j in 0..<e.count { p[e.offset + j] = rng.nextGaussian() * std }
            case let .dense(i, _, w, _):
                let e = layout.entry(named: w)!, std = (2 / Float(i)).squareRoot()
                for j in 0..<e.count { p[e.offset + j] = rng.nextGaussian() * std }
            case let .batchnorm2d(c, _, w, _, _, v):
                for j in 0..<c { p[layout.offset(of: w) + j] = 1; p[layout.offset(of: v) + j] = 1 }
            default: break
            }
        }
        return p
    }

    /// The current weights as a model.
    public func model(metadata: [String: String] = [:]) throws(ModelError) -> Model {
        try Model(specs: specs, parameters: parameters, input: input, metadata: metadata)
    }

    /// Learning rate at `step` of `total`: linear warm-up over the first 3 %, then cosine to 0.
    func learningRate(step: Int, total: Int) -> Float {
        let warm = max(1, total * 3 / 100)
        if step < warm { return config.learningRate * Float(step + 1) / Float(warm) }
        let t = Float(step - warm) / Float(max(1, total - warm))
        return config.learningRate * 0.5 * (1 + cosf(.pi * t))
    }

    /// One optimisation step on a batch of (already augmented) raw-pixel images.
    /// Returns (loss, correct).
    func step(pixels: [Float], labels: [Int], lr: Float, dropoutSeed: UInt64) -> (Float, Int) {
        let n = labels.count
        let x = Tensor(shape: [n, input.channels, input.height, input.width], data: input.normalised(pixels))
        for (i, layer) in network.layers.enumerated() {
            if let d = layer as? Dropout { d.rng = SplitMix64(seed: dropoutSeed &+ UInt64(i)) }
        }
        gradients.withUnsafeMutableBufferPointer { g in g.update(repeating: 0) }
        let (loss, correct) = parameters.withUnsafeMutableBufferPointer { p -> (Float, Int) in
            let logits = network.forward(x, params: p.baseAddress!, training: true, through: 0..<logitsEnd)
            let result = SoftmaxCrossEntropy.evaluate(logits: logits, labels: labels, smoothing: config.labelSmoothing)
            gradients.withUnsafeMutableBufferPointer { g in
                network.backward(result.gradient, params: p.baseAddress!, grads: g.baseAddress!, through: 0..<logitsEnd)
            }
            network.updateState(params: p.baseAddress!)
            return (result.loss, result.correct)
        }
        optimizer.update(params: &parameters, grads: gradients, lr: lr)
        return (loss, correct)
    }

    /// Trains for `config.epochs` epochs. `images` is count×H×W bytes; the last
    /// `config.validationCount` images are held out and reported each epoch.
    ///
    /// A label equal to the class count marks an image that is no digit at all (a letter, a
    /// scribble): its target is the uniform distribution, so the network learns to be unsure
    /// on such shapes instead of picking the nearest digit with confidence ("outlier exposure").
    /// Such images count in the loss but not in the accuracy.
    public func train(images: [UInt8], labels: [UInt8], progress: (EpochReport) -> Void) throws(ModelError) -> Model {
        let size = input.pixelCount
        guard images.count == labels.count * size, !labels.isEmpty else {
            throw ModelError("training data: \(images.count) bytes for \(labels.count) labels of \(size) pixels")
        }
        guard labels.allSatisfy({ Int($0) <= classCount }) else {
            throw ModelError("training data: a label is outside 0...\(classCount) (\(classCount): not a digit)")
        }
        let held = min(max(0, config.validationCount), labels.count - 1)
        let trainCount = labels.count - held
        let digitCount = labels[0..<trainCount].reduce(0) { $0 + (Int($1) < classCount ? 1 : 0) }
        let batch = max(1, config.batchSize)
        let stepsPerEpoch = (trainCount + batch - 1) / batch
        let averaging = min(max(0, config.averageEpochs), config.epochs)
        let mainSteps = stepsPerEpoch * (config.epochs - averaging)
        var average: [Double]? = averaging > 0 ? [Double](repeating: 0, count: parameters.count) : nil
        var rng = SplitMix64(seed: config.seed &+ 0x5EED)
        var order = Array(0..<trainCount)
        let augment = Augmentation(rotationDegrees: config.augmentRotation, shift: config.augmentShift,
                                   scale: config.augmentScale, shear: config.augmentShear,
                                   elastic: config.augmentElastic, strokeProbability: config.augmentStroke,
                                   occlusionProbability: config.augmentOcclusion,
                                   contrastProbability: config.augmentContrast)
        var stepIndex = 0
        for epoch in 1...max(1, config.epochs) {
            let start = DispatchTime.now().uptimeNanoseconds
            order.shuffle(using: &rng)
            var lossSum: Double = 0, correct = 0, lr: Float = 0
            for b in 0..<stepsPerEpoch {
                let ids = Array(order[(b * batch)..<min(trainCount, (b + 1) * batch)])
                let pixels = augmented(images: images, ids: ids, augment: augment,
                                       seed: config.seed &* 1_000_003 &+ UInt64(stepIndex))
                lr = stepIndex < mainSteps ? learningRate(step: stepIndex, total: mainSteps) : config.averageLearningRate
                let (loss, hits) = step(pixels: pixels, labels: ids.map { Int(labels[$0]) }, lr: lr,
                                        dropoutSeed: config.seed ^ UInt64(stepIndex) &* 0x9E37_79B9)
                lossSum += Double(loss) * Double(ids.count)
                correct += hits
                stepIndex += 1
            }
            if epoch > config.epochs - averaging, average != nil {
                for i in parameters.indices { average![i] += Double(parameters[i]) }
            }
            var validation: Float?
            if held > 0 {
                let m = try model()
                validation = Trainer.accuracy(model: m, images: images, labels: labels, range: trainCount..<labels.count)
            }
            let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
            progress(EpochReport(epoch: epoch, loss: Float(lossSum / Double(trainCount)),
                                 trainAccuracy: Float(correct) / Float(max(1, digitCount)),
                                 validationAccuracy: validation, learningRate: lr, seconds: seconds))
        }
        if let average {
            for i in parameters.indices { parameters[i] = Float(average[i] / Double(averaging)) }
            remeasureBatchNorm(images: images, ids: order, batch: batch)
        }
        return try model()
    }

    /// Batchnorm's running statistics for the current (averaged) weights: the mean of weights
    /// is not the mean of their statistics, so they are measured again on 100 unaugmented
    /// batches (the running average's momentum of 0.1 forgets its old value within them).
    private func remeasureBatchNorm(images: [UInt8], ids: [Int], batch: Int) {
        let size = input.pixelCount
        var start = 0
        for _ in 0..<100 where start < ids.count {
            let chunk = ids[start..<min(ids.count, start + batch)]
            start += batch
            var pixels = [Float](repeating: 0, count: chunk.count * size)
            for (k, id) in chunk.enumerated() {
                for j in 0..<size { pixels[k * size + j] = Float(images[id * size + j]) }
            }
            let x = Tensor(shape: [chunk.count, input.channels, input.height, input.width], data: input.normalised(pixels))
            parameters.withUnsafeMutableBufferPointer { p in
                _ = network.forward(x, params: p.baseAddress!, training: true, through: 0..<logitsEnd)
                network.updateState(params: p.baseAddress!)
            }
        }
    }

    private var classCount: Int {
        if case let .dense(_, o, _, _)? = specs.last(where: { if case .dense = $0 { true } else { false } }) { return o }
        return 10
    }

    /// Augmented copies of `ids`, as floats; each image draws from its own seeded generator so
    /// the result does not depend on how the work is split across threads.
    func augmented(images: [UInt8], ids: [Int], augment: Augmentation, seed: UInt64) -> [Float] {
        let size = input.pixelCount, h = input.height, w = input.width
        var out = [Float](repeating: 0, count: ids.count * size)
        out.withUnsafeMutableBufferPointer { ob in
            let os = SharedPointer(ob.baseAddress!)
            Parallel.forEachChunk(count: ids.count, threads: config.threads == 1 ? 1 : 0) { _, range in
                var src = [Float](repeating: 0, count: size)
                for k in range {
                    let base = ids[k] * size
                    for j in 0..<size { src[j] = Float(images[base + j]) }
                    var rng = SplitMix64(seed: seed &+ UInt64(k) &* 0x2545_F491_4F6C_DD1D)
                    src.withUnsafeBufferPointer { s in
                        augment.apply(s.baseAddress!, into: os.base + k * size, height: h, width: w, rng: &rng)
                    }
                }
            }
        }
        return out
    }

    /// Fraction of `range` that `model` classifies correctly.
    public static func accuracy(model: Model, images: [UInt8], labels: [UInt8], range: Range<Int>,
                                batch: Int = 500) -> Float {
        let size = model.input.pixelCount
        var correct = 0
        var i = range.lowerBound
        while i < range.upperBound {
            let n = min(batch, range.upperBound - i)
            let pixels = images[(i * size)..<((i + n) * size)].map(Float.init)
            let probs = model.probabilities(pixels: pixels, count: n)
            for k in 0..<n {
                let row = probs[(k * model.classes)..<((k + 1) * model.classes)]
                if let best = row.indices.max(by: { row[$0] < row[$1] }), best - k * model.classes == Int(labels[i + k]) {
                    correct += 1
                }
            }
            i += n
        }
        return Float(correct) / Float(max(1, range.count))
    }
}
