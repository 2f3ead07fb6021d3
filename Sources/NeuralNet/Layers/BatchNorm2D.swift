/// Batch normalisation over (N, H, W) per channel, with learned scale and shift.
///
/// Training normalises with the batch's statistics and afterwards moves the running
/// statistics toward them (PyTorch's momentum 0.1, unbiased variance); inference uses the
/// running statistics.
final class BatchNorm2D: Layer {
    let channels: Int
    let eps: Float
    let momentum: Float = 0.1
    let weightOffset, biasOffset, meanOffset, varOffset: Int
    // Training cache.
    private var xhat: [Float] = []        // (N, C, H, W)
    private var invStd: [Float] = []      // (C)
    private var batchMean: [Float] = []   // (C)
    private var batchVar: [Float] = []    // (C), biased
    private var shape: [Int] = []

    init(channels: Int, eps: Float, weightOffset: Int, biasOffset: Int, meanOffset: Int, varOffset: Int) {
        self.channels = channels; self.eps = eps
        self.weightOffset = weightOffset; self.biasOffset = biasOffset
        self.meanOffset = meanOffset; self.varOffset = varOffset
    }

    func forward(_ x: Tensor, params: UnsafePointer<Float>, training: Bool) -> Tensor {
        let n = x.shape[0], hw = x.shape[2] * x.shape[3]
        var y = x.data
        let gamma = params + weightOffset, beta = params + biasOffset
        if !training {
            y.withUnsafeMutableBufferPointer { yb in
                for c in 0..<channels {
                    let inv = 1 / (params[varOffset + c] + eps).squareRoot()
                    let scale = gamma[c] * inv, shift = beta[c] - params[meanOffset + c] * scale
                    for i in 0..<n {
                        let row = yb.baseAddress! + (i * channels + c) * hw
                        for j in 0..<hw { row[j] = row[j] * scale + shift }
                    }
                }
            }
            return Tensor(shape: x.shape, data: y)
        }
        shape = x.shape
        xhat = [Float](repeating: 0, count: x.data.count)
        invStd = [Float](repeating: 0, count: channels)
        batchMean = invStd
        batchVar = invStd
        let count = Float(n * hw)
        for c in 0..<channels {
            var sum: Double = 0
            for i in 0..<n {
                let base = (i * channels + c) * hw
                for j in 0..<hw { sum += Double(x.data[base + j]) }
            }
            let mean = Float(sum / Double(count))
            var sq: Double = 0
            for i in 0..<n {
                let base = (i * channels + c) * hw
                for j in 0..<hw { let d = x.data[base + j] - mean; sq += Double(d * d) }
            }
            let variance = Float(sq / Double(count))
            let inv = 1 / (variance + eps).squareRoot()
            batchMean[c] = mean; batchVar[c] = variance; invStd[c] = inv
            for i in 0..<n {
                let base = (i * channels + c) * hw
                for j in 0..<hw {
                    let h = (x.data[base + j] - mean) * inv
                    xhat[base + j] = h
                    y[base + j] = gamma[c] * h + beta[c]
                }
            }
        }
        return Tensor(shape: x.shape, data: y)
    }

    func backward(_ dy: Tensor, params: UnsafePointer<Float>, grads: UnsafeMutablePointer<Float>,
                  needInputGradient: Bool) -> Tensor? {
        let n = shape[0], hw = shape[2] * shape[3]
        let m = Float(n * hw)
        var dx = [Float](repeating: 0, count: dy.data.count)
        for c in 0..<channels {
            var dGamma: Float = 0, dBeta: Float = 0
            for i in 0..<n {
                let base = (i * channels + c) * hw
                for j in 0..<hw { dGamma += dy.data[base + j] * xhat[base + j]; dBeta += dy.data[base + j] }
            }
            grads[weightOffset + c] += dGamma
            grads[biasOffset + c] += dBeta
            guard needInputGradient else { continue }
            // dx = γ·invstd/m · (m·dy − Σdy − x̂·Σ(dy·x̂))
            let k = params[weightOffset + c] * invStd[c] / m
            for i in 0..<n {
                let base = (i * channels + c) * hw
                for j in 0..<hw {
                    dx[base + j] = k * (m * dy.data[base + j] - dBeta - xhat[base + j] * dGamma)
                }
            }
        }
        return needInputGradient ? Tensor(shape: shape, data: dx) : nil
    }

    func updateState(params: UnsafeMutablePointer<Float>) {
        guard !batchMean.isEmpty else { return }
        let count = Float(shape[0] * shape[2] * shape[3])
        let unbias = count > 1 ? count / (count - 1) : 1
        for c in 0..<channels {
            params[meanOffset + c] = (1 - momentum) * params[meanOffset + c] + momentum * batchMean[c]
            params[varOffset + c] = (1 - momentum) * params[varOffset + c] + momentum * batchVar[c] * unbias
        }
    }
}
