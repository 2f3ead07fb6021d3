/// Max pooling, square window, no padding, floor mode (as PyTorch's defaults).
final class MaxPool2D: Layer {
    let kernel, stride: Int
    private var argmax: [Int32] = []    // training cache: flat input index of each output's max
    private var inputShape: [Int] = []

    init(kernel: Int, stride: Int) { self.kernel = kernel; self.stride = stride }

    func forward(_ x: Tensor, params: UnsafePointer<Float>, training: Bool) -> Tensor {
        let (n, c, h, w) = (x.shape[0], x.shape[1], x.shape[2], x.shape[3])
        let ho = (h - kernel) / stride + 1, wo = (w - kernel) / stride + 1
        var y = [Float](repeating: 0, count: n * c * ho * wo)
        if training { argmax = [Int32](repeating: 0, count: y.count); inputShape = x.shape }
        x.data.withUnsafeBufferPointer { xb in
            y.withUnsafeMutableBufferPointer { yb in
                argmax.withUnsafeMutableBufferPointer { ab in
                    var o = 0
                    for plane in 0..<(n * c) {
                        let base = plane * h * w
                        for oy in 0..<ho {
                            for ox in 0..<wo {
                                var best = -Float.infinity, at = 0
                                for ki in 0..<kernel {
                                    let row = base + (oy * stride + ki) * w + ox * stride
                                    for kj in 0..<kernel where xb[row + kj] > best {
                                        best = xb[row + kj]; at = row + kj
                                    }
                                }
                                yb[o] = best
                                if training { ab[o] = Int32(at) }
                                o += 1
                            }
                        }
                    }
                }
            }
        }
        return Tensor(shape: [n, c, ho, wo], data: y)
    }

    func backward(_ dy: Tensor, params: UnsafePointer<Float>, grads: UnsafeMutablePointer<Float>,
                  needInputGradient: Bool) -> Tensor? {
        var dx = [Float](repeating: 0, count: inputShape.reduce(1, *))
        for i in dy.data.indices { dx[Int(argmax[i])] += dy.data[i] }
        return Tensor(shape: inputShape, data: dx)
    }

    func updateState(params: UnsafeMutablePointer<Float>) {}
}
