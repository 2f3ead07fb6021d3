/// max(0, x), elementwise.
final class ReLU: Layer {
    private var output: [Float] = []   // training cache: y, whose sign is the mask

    func forward(_ x: Tensor, params: UnsafePointer<Float>, training: Bool) -> Tensor {
        var y = x.data
        for i in y.indices where y[i] < 0 { y[i] = 0 }
        if training { output = y }
        return Tensor(shape: x.shape, data: y)
    }

    func backward(_ dy: Tensor, params: UnsafePointer<Float>, grads: UnsafeMutablePointer<Float>,
                  needInputGradient: Bool) -> Tensor? {
        var dx = dy.data
        for i in dx.indices where output[i] <= 0 { dx[i] = 0 }
        return Tensor(shape: dy.shape, data: dx)
    }

    func updateState(params: UnsafeMutablePointer<Float>) {}
}
