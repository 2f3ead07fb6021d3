/// One layer of a model as the file's `architecture` metadata describes it.
///
/// Field names and tensor layouts follow PyTorch (`../shared/peers/model_io.py` is the
/// reference): conv weight [out, in, kh, kw], dense weight [out, in], batchnorm vectors [C].
public enum LayerSpec: Sendable, Equatable {
    case conv2d(inChannels: Int, outChannels: Int, kernel: Int, stride: Int, padding: Int,
                weight: String, bias: String)
    case batchnorm2d(channels: Int, eps: Float, weight: String, bias: String,
                     runningMean: String, runningVar: String)
    case relu
    case maxpool2d(kernel: Int, stride: Int)
    case dropout(p: Float)
    case flatten
    case dense(inFeatures: Int, outFeatures: Int, weight: String, bias: String)
    case softmax

    /// The type name used in the file.
    public var typeName: String {
        switch self {
        case .conv2d: "conv2d"
        case .batchnorm2d: "batchnorm2d"
        case .relu: "relu"
        case .maxpool2d: "maxpool2d"
        case .dropout: "dropout"
        case .flatten: "flatten"
        case .dense: "dense"
        case .softmax: "softmax"
        }
    }

    /// Tensors this layer reads, with their shapes and whether training updates them.
    var tensors: [(name: String, shape: [Int], trainable: Bool)] {
        switch self {
        case let .conv2d(i, o, k, _, _, w, b):
            return [(w, [o, i, k, k], true), (b, [o], true)]
        case let .batchnorm2d(c, _, w, b, m, v):
            return [(w, [c], true), (b, [c], true), (m, [c], false), (v, [c], false)]
        case let .dense(i, o, w, b):
            return [(w, [o, i], true), (b, [o], true)]
        case .relu, .maxpool2d, .dropout, .flatten, .softmax:
            return []
        }
    }

    /// Output shape (without the batch dimension) for an input shape, or nil if they don't fit.
    func outputShape(for input: [Int]) -> [Int]? {
        switch self {
        case let .conv2d(i, o, k, s, p, _, _):
            guard input.count == 3, input[0] == i, s > 0, k > 0 else { return nil }
            let h = (input[1] + 2 * p - k) / s + 1, w = (input[2] + 2 * p - k) / s + 1
            return h > 0 && w > 0 ? [o, h, w] : nil
        case let .batchnorm2d(c, _, _, _, _, _):
            return input.count == 3 && input[0] == c ? input : nil
        case let .maxpool2d(k, s):
            guard input.count == 3, k > 0, s > 0 else { return nil }
            let h = (input[1] - k) / s + 1, w = (input[2] - k) / s + 1
            return h > 0 && w > 0 ? [input[0], h, w] : nil
        case .flatten:
            return [input.reduce(1, *)]
        case let .dense(i, o, _, _):
            return input.count == 1 && input[0] == i ? [o] : nil
        case .relu, .dropout, .softmax:
            return input
        }
    }
}
