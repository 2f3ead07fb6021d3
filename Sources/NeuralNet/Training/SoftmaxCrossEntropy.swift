#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Mean cross-entropy of softmax(logits) against integer labels, and its gradient.
///
/// With label smoothing ε the target is (1 − ε)·one-hot + ε/K: the loss no longer rewards
/// ever larger logits, so the network stays less overconfident on shapes it has not seen.
enum SoftmaxCrossEntropy {
    /// Returns (mean loss, dL/dlogits (N, K), number of argmax hits). A label ≥ K (not a
    /// digit) has the uniform distribution as its target and never counts as a hit.
    static func evaluate(logits: Tensor, labels: [Int], smoothing: Float = 0) -> (loss: Float, gradient: Tensor, correct: Int) {
        let n = logits.batch, k = logits.itemSize
        var probs = logits.data
        Softmax.apply(&probs, classes: k)
        var loss: Float = 0
        var correct = 0
        var grad = probs
        for i in 0..<n {
            let base = i * k
            if labels[i] >= k {
                // Not a digit: the target is uniform.
                for j in 0..<k {
                    loss -= logf(max(probs[base + j], 1e-12)) / Float(k)
                    grad[base + j] -= 1 / Float(k)
                }
                continue
            } else if smoothing > 0 {
                let spread = smoothing / Float(k)
                for j in 0..<k {
                    let target = spread + (j == labels[i] ? 1 - smoothing : 0)
                    loss -= target * logf(max(probs[base + j], 1e-12))
                    grad[base + j] -= target
                }
            } else {
                loss -= logf(max(probs[base + labels[i]], 1e-12))
                grad[base + labels[i]] -= 1
            }
            var best = 0
            for j in 1..<k where logits.data[base + j] > logits.data[base + best] { best = j }
            if best == labels[i] { correct += 1 }
        }
        let inv = 1 / Float(n)
        for i in grad.indices { grad[i] *= inv }
        return (loss * inv, Tensor(shape: logits.shape, data: grad), correct)
    }
}
