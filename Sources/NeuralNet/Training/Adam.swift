#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The optimiser step over the trainable ranges of the parameter buffer: Adam (with
/// decoupled weight decay, i.e. AdamW) or SGD with momentum.
struct Optimizer {
    let kind: OptimizerKind
    let momentum: Float
    let weightDecay: Float
    let beta1: Float = 0.9, beta2: Float = 0.999, epsilon: Float = 1e-8
    private var m: [Float]
    private var v: [Float]
    private var step = 0
    private let ranges: [Range<Int>]

    init(kind: OptimizerKind, momentum: Float, weightDecay: Float, layout: ParameterLayout) {
        self.kind = kind
        self.momentum = momentum
        self.weightDecay = weightDecay
        m = [Float](repeating: 0, count: layout.totalCount)
        v = kind == .adam ? m : []
        ranges = layout.entries.filter(\.trainable).map { $0.offset..<($0.offset + $0.count) }
    }

    /// One update of `params` from `grads` at learning rate `lr`.
    mutating func update(params: inout [Float], grads: [Float], lr: Float) {
        step += 1
        switch kind {
        case .adam:
            let c1 = 1 - powf(beta1, Float(step)), c2 = 1 - powf(beta2, Float(step))
            for r in ranges {
                for i in r {
                    let g = grads[i]
                    m[i] = beta1 * m[i] + (1 - beta1) * g
                    v[i] = beta2 * v[i] + (1 - beta2) * g * g
                    let mHat = m[i] / c1, vHat = v[i] / c2
                    params[i] -= lr * (mHat / (vHat.squareRoot() + epsilon) + weightDecay * params[i])
                }
            }
        case .sgd:
            for r in ranges {
                for i in r {
                    let g = grads[i] + weightDecay * params[i]
                    m[i] = momentum * m[i] + g
                    params[i] -= lr * m[i]
                }
            }
        }
    }
}
