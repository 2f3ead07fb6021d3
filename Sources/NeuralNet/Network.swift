/// The layers of a model, built from its specs, bound to offsets in a parameter buffer.
///
/// Not thread-safe (layers cache for backward): a `Model` builds a fresh one per call, which
/// costs a few small allocations; the trainer keeps one.
final class Network {
    let specs: [LayerSpec]
    let layers: [Layer]

    init(specs: [LayerSpec], layout: ParameterLayout, threads: Int) {
        self.specs = specs
        layers = specs.map { spec -> Layer in
            switch spec {
            case let .conv2d(i, o, k, s, p, w, b):
                return Conv2D(inChannels: i, outChannels: o, kernel: k, stride: s, padding: p,
                              weightOffset: layout.offset(of: w), biasOffset: layout.offset(of: b),
                              threads: threads)
            case let .batchnorm2d(c, eps, w, b, m, v):
                return BatchNorm2D(channels: c, eps: eps, weightOffset: layout.offset(of: w),
                                   biasOffset: layout.offset(of: b), meanOffset: layout.offset(of: m),
                                   varOffset: layout.offset(of: v))
            case .relu: return ReLU()
            case let .maxpool2d(k, s): return MaxPool2D(kernel: k, stride: s)
            case let .dropout(p): return Dropout(p: p)
            case .flatten: return Flatten()
            case let .dense(i, o, w, b):
                return Dense(inFeatures: i, outFeatures: o, weightOffset: layout.offset(of: w),
                             biasOffset: layout.offset(of: b))
            case .softmax: return Softmax()
            }
        }
    }

    /// Runs layers[range] forward.
    func forward(_ x: Tensor, params: UnsafePointer<Float>, training: Bool,
                 through range: Range<Int>? = nil) -> Tensor {
        var y = x
        for layer in layers[range ?? layers.indices] {
            y = layer.forward(y, params: params, training: training)
        }
        return y
    }

    /// Runs layers[range] backward from dL/dy, accumulating parameter gradients.
    func backward(_ dy: Tensor, params: UnsafePointer<Float>, grads: UnsafeMutablePointer<Float>,
                  through range: Range<Int>) {
        var g = dy
        for i in range.reversed() {
            let needInput = i > range.lowerBound
            guard let dx = layers[i].backward(g, params: params, grads: grads, needInputGradient: needInput) else {
                return
            }
            g = dx
        }
    }

    /// Folds batchnorm's batch statistics into the running statistics.
    func updateState(params: UnsafeMutablePointer<Float>) {
        for layer in layers { layer.updateState(params: params) }
    }
}
