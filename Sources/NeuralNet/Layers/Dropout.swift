/// Inverted dropout: in training, zeroes each value with probability p and scales the rest
/// by 1/(1−p); identity at inference.
final class Dropout: Layer {
    let p: Float
    /// Mask source; the trainer reseeds it every step so runs are reproducible.
    var rng = SplitMix64(seed: 0)
    private var mask: [Float] = []

    init(p: Float) { self.p = p }

    func forward(_ x: Tensor, params: UnsafePointer<Float>, training: Bool) -> Tensor {
        guard training, p > 0 else { return x }
        let keep = 1 - p
        mask = (0..<x.data.count).map { _ in rng.nextUnitFloat() < keep ? 1 / keep : 0 }
        var y = x.data
        for i in y.indices { y[i] *= mask[i] }
        return Tensor(shape: x.shape, data: y)
    }

    func backward(_ dy: Tensor, params: UnsafePointer<Float>, grads: UnsafeMutablePointer<Float>,
                  needInputGradient: Bool) -> Tensor? {
        guard !mask.isEmpty, p > 0 else { return dy }
        var dx = dy.data
        for i in dx.indices { dx[i] *= mask[i] }
        return Tensor(shape: dy.shape, data: dx)
    }

    func updateState(params: UnsafeMutablePointer<Float>) {}
}
