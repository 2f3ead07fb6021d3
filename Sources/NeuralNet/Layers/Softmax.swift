#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Softmax over the class dimension of (N, K), computed stably (max subtracted first).
final class Softmax: Layer {
    private var output: [Float] = []
    private var shape: [Int] = []

    static func apply(_ logits: inout [Float], classes k: Int) {
        let n = logits.count / k
        for i in 0..<n {
            let base = i * k
            var m = -Float.infinity
            for j in 0..<k { m = max(m, logits[base + j]) }
            var sum: Float = 0
            for j in 0..<k { let e = expf(logits[base + j] - m); logits[base + j] = e; sum += e }
            for j in 0..<k { logits[base + j] /= sum }
        }
    }

    func forward(_ x: Tensor, params: UnsafePointer<Float>, training: Bool) -> Tensor {
        var y = x.data
        Softmax.apply(&y, classes: x.itemSize)
        if training { output = y; shape = x.shape }
        return Tensor(shape: x.shape, data: y)
    }

    /// dx_j = y_j (dy_j − Σ_k dy_k y_k)
    func backward(_ dy: Tensor, params: UnsafePointer<Float>, grads: UnsafeMutablePointer<Float>,
                  needInputGradient: Bool) -> Tensor? {
        let k = shape[1], n = shape[0]
        var dx = dy.data
        for i in 0..<n {
            let base = i * k
            var dot: Float = 0
            for j in 0..<k { dot += dy.data[base + j] * output[base + j] }
            for j in 0..<k { dx[base + j] = output[base + j] * (dy.data[base + j] - dot) }
        }
        return Tensor(shape: shape, data: dx)
    }

    func updateState(params: UnsafeMutablePointer<Float>) {}
}
