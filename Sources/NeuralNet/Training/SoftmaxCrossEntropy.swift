#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Mean cross-entropy of softmax(logits) against integer labels, and its gradient.
enum SoftmaxCrossEntropy {
    /// Returns (mean loss, dL/dlogits (N, K), number of argmax hits).
    static func evaluate(logits: Tensor, labels: [Int]) -> (loss: Float, gradient: Tensor, correct: Int) {
        let n = logits.batch, k = logits.itemSize
        var probs = logits.data
        Softmax.apply(&probs, classes: k)
        var loss: Float = 0
        var correct = 0
        var grad = probs
        for i in 0..<n {
            let base = i * k
            loss -= logf(max(probs[base + labels[i]], 1e-12))
            var best = 0
            for j in 1..<k where logits.data[base + j] > logits.data[base + best] { best = j }
            if best == labels[i] { correct += 1 }
            grad[base + labels[i]] -= 1
        }
        let inv = 1 / Float(n)
        for i in grad.indices { grad[i] *= inv }
        return (loss * inv, Tensor(shape: logits.shape, data: grad), correct)
    }
}
