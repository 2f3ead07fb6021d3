/// Fully connected: y (N, O) = x (N, I) · Wᵀ + b, with W stored (O, I) as PyTorch's Linear.
final class Dense: Layer {
    let inFeatures, outFeatures: Int
    let weightOffset, biasOffset: Int
    private var input: Tensor?   // training cache

    init(inFeatures: Int, outFeatures: Int, weightOffset: Int, biasOffset: Int) {
        self.inFeatures = inFeatures; self.outFeatures = outFeatures
        self.weightOffset = weightOffset; self.biasOffset = biasOffset
    }

    func forward(_ x: Tensor, params: UnsafePointer<Float>, training: Bool) -> Tensor {
        let n = x.batch
        var y = [Float](repeating: 0, count: n * outFeatures)
        for i in 0..<n {
            for o in 0..<outFeatures { y[i * outFeatures + o] = params[biasOffset + o] }
        }
        x.data.withUnsafeBufferPointer { xb in
            y.withUnsafeMutableBufferPointer { yb in
                GEMM.multiply(transA: false, transB: true, m: n, n: outFeatures, k: inFeatures,
                              a: xb.baseAddress!, lda: inFeatures, b: params + weightOffset, ldb: inFeatures,
                              beta: 1, c: yb.baseAddress!, ldc: outFeatures)
            }
        }
        if training { input = x }
        return Tensor(shape: [n, outFeatures], data: y)
    }

    func backward(_ dy: Tensor, params: UnsafePointer<Float>, grads: UnsafeMutablePointer<Float>,
                  needInputGradient: Bool) -> Tensor? {
        guard let x = input else { preconditionFailure("Dense.backward before a training forward") }
        let n = x.batch
        var dx = needInputGradient ? [Float](repeating: 0, count: n * inFeatures) : []
        dy.data.withUnsafeBufferPointer { db in
            x.data.withUnsafeBufferPointer { xb in
                // dW (O, I) += dyᵀ (O, N) · x (N, I)
                GEMM.multiply(transA: true, transB: false, m: outFeatures, n: inFeatures, k: n,
                              a: db.baseAddress!, lda: outFeatures, b: xb.baseAddress!, ldb: inFeatures,
                              beta: 1, c: grads + weightOffset, ldc: inFeatures)
                if needInputGradient {
                    dx.withUnsafeMutableBufferPointer { dxb in
                        // dx (N, I) = dy (N, O) · W (O, I)
                        GEMM.multiply(transA: false, transB: false, m: n, n: inFeatures, k: outFeatures,
                                      a: db.baseAddress!, lda: outFeatures, b: params + weightOffset,
                                      ldb: inFeatures, beta: 0, c: dxb.baseAddress!, ldc: inFeatures)
                    }
                }
            }
        }
        for i in 0..<n {
            for o in 0..<outFeatures { grads[biasOffset + o] += dy.data[i * outFeatures + o] }
        }
        return needInputGradient ? Tensor(shape: x.shape, data: dx) : nil
    }

    func updateState(params: UnsafeMutablePointer<Float>) {}
}
