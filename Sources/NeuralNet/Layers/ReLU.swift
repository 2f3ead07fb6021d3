/// max(0, x), elementwise.
final class ReLU: Layer {
    private var output: [Float] = []   // training cache: y, whose sign is the mask

    func forward(_ x: Tensor, params: UnsafePointer<Float>, training: Bool) -> Tensor {
        var y = x.data
        // Through a raw buffer: element writes to the array itself re-check uniqueness each time.
        y.withUnsafeMutableBufferPointer { b in
            for i in b.indices { b[i] = max(b[i], 0) }
        }
        if training { output = y }
        return Tensor(shape: x.shape, data: y)
    }

    func backward(_ dy: Tensor, params: UnsafePointer<Float>, grads: UnsafeMutablePointer<Float>,
                  needInputGradient: Bool) -> Tensor? {
        var dx = dy.data
        dx.withUnsafeMutableBufferPointer { d in
            output.withUnsafeBufferPointer { o in
                for i in d.indices where o[i] <= 0 { d[i] = 0 }
            }
        }
        return Tensor(shape: dy.shape, data: dx)
    }

    func updateState(params: UnsafeMutablePointer<Float>) {}
}
