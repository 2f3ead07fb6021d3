/// 2-D convolution (cross-correlation, as PyTorch) with bias, square kernel, zero padding.
///
/// Per image: col = im2col(x) (C·k·k, Ho·Wo); y = W (O, C·k·k) · col + b.
final class Conv2D: Layer {
    let inChannels, outChannels, kernel, stride, padding: Int
    let weightOffset, biasOffset: Int
    let threads: Int
    // Training cache.
    private var cols: [Float] = []        // (N, C·k·k, Ho·Wo)
    private var inputShape: [Int] = []    // (N, C, H, W)

    init(inChannels: Int, outChannels: Int, kernel: Int, stride: Int, padding: Int,
         weightOffset: Int, biasOffset: Int, threads: Int) {
        self.inChannels = inChannels; self.outChannels = outChannels; self.kernel = kernel
        self.stride = stride; self.padding = padding
        self.weightOffset = weightOffset; self.biasOffset = biasOffset; self.threads = threads
    }

    private func outSize(_ h: Int, _ w: Int) -> (Int, Int) {
        ((h + 2 * padding - kernel) / stride + 1, (w + 2 * padding - kernel) / stride + 1)
    }

    func forward(_ x: Tensor, params: UnsafePointer<Float>, training: Bool) -> Tensor {
        if !training { return inferGrouped(x, params: params) }
        let (n, h, w) = (x.shape[0], x.shape[2], x.shape[3])
        let (ho, wo) = outSize(h, w)
        let ckk = inChannels * kernel * kernel, hw = ho * wo
        var y = [Float](repeating: 0, count: n * outChannels * hw)
        if training {
            cols = [Float](repeating: 0, count: n * ckk * hw)
            inputShape = x.shape
        }
        let weights = params + weightOffset, bias = params + biasOffset
        x.data.withUnsafeBufferPointer { xb in
            y.withUnsafeMutableBufferPointer { yb in
                cols.withUnsafeMutableBufferPointer { cb in
                    let xs = SharedPointer(UnsafeMutablePointer(mutating: xb.baseAddress!))
                    let ys = SharedPointer(yb.baseAddress!)
                    let cs = training ? SharedPointer(cb.baseAddress!) : nil
                    let ws = SharedPointer(UnsafeMutablePointer(mutating: weights))
                    let bs = SharedPointer(UnsafeMutablePointer(mutating: bias))
                    Parallel.forEachChunk(count: n, threads: threads) { _, range in
                        let scratch = cs == nil ? UnsafeMutablePointer<Float>.allocate(capacity: ckk * hw) : nil
                        defer { scratch?.deallocate() }
                        for i in range {
                            let col = scratch ?? cs!.base + i * ckk * hw
                            Im2Col.unfold(xs.base + i * inChannels * h * w, channels: inChannels,
                                          height: h, width: w, kernel: kernel, stride: stride,
                                          padding: padding, outHeight: ho, outWidth: wo, into: col)
                            let out = ys.base + i * outChannels * hw
                            for o in 0..<outChannels {
                                (out + o * hw).update(repeating: bs.base[o], count: hw)
                            }
                            GEMM.multiply(transA: false, transB: false, m: outChannels, n: hw, k: ckk,
                                          a: ws.base, lda: ckk, b: col, ldb: hw, beta: 1, c: out, ldc: hw)
                        }
                    }
                }
            }
        }
        return Tensor(shape: [n, outChannels, ho, wo], data: y)
    }

    /// Inference: several images side by side in one column matrix, so one multiply covers
    /// about `groupColumns` output pixels. Small maps (7×7) then fill whole 16-wide tiles, and
    /// the weights are packed once per group instead of once per image. Every output is the same
    /// sum in the same order as the per-image path, so results are bit-identical.
    private func inferGrouped(_ x: Tensor, params: UnsafePointer<Float>) -> Tensor {
        let groupColumns = 512
        let (n, h, w) = (x.shape[0], x.shape[2], x.shape[3])
        let (ho, wo) = outSize(h, w)
        let ckk = inChannels * kernel * kernel, hw = ho * wo
        let group = max(1, min(n, groupColumns / hw))
        let groups = (n + group - 1) / group
        var y = [Float](repeating: 0, count: n * outChannels * hw)
        let (inC, outC, k, s, p) = (inChannels, outChannels, kernel, stride, padding)
        x.data.withUnsafeBufferPointer { xb in
            y.withUnsafeMutableBufferPointer { yb in
                let xs = SharedPointer(UnsafeMutablePointer(mutating: xb.baseAddress!))
                let ys = SharedPointer(yb.baseAddress!)
                let ws = SharedPointer(UnsafeMutablePointer(mutating: params + weightOffset))
                let bs = SharedPointer(UnsafeMutablePointer(mutating: params + biasOffset))
                Parallel.forEachChunk(count: groups, chunks: groups, threads: threads) { _, range in
                    let col = UnsafeMutablePointer<Float>.allocate(capacity: ckk * group * hw)
                    let out = UnsafeMutablePointer<Float>.allocate(capacity: outC * group * hw)
                    defer { col.deallocate(); out.deallocate() }
                    for g in range {
                        let first = g * group, count = min(group, n - first), ld = count * hw
                        for i in 0..<count {
                            Im2Col.unfold(xs.base + (first + i) * inC * h * w, channels: inC, height: h, width: w,
                                          kernel: k, stride: s, padding: p, outHeight: ho, outWidth: wo,
                                          into: col + i * hw, rowStride: ld)
                        }
                        // Bias first, then accumulate: the same operation order as the per-image path.
                        for o in 0..<outC { (out + o * ld).update(repeating: bs.base[o], count: ld) }
                        GEMM.multiply(transA: false, transB: false, m: outC, n: ld, k: ckk,
                                      a: ws.base, lda: ckk, b: col, ldb: ld, beta: 1, c: out, ldc: ld)
                        for i in 0..<count {
                            for o in 0..<outC {
                                (ys.base + ((first + i) * outC + o) * hw).update(from: out + o * ld + i * hw, count: hw)
                            }
                        }
                    }
                }
            }
        }
        return Tensor(shape: [n, outChannels, ho, wo], data: y)
    }

    func backward(_ dy: Tensor, params: UnsafePointer<Float>, grads: UnsafeMutablePointer<Float>,
                  needInputGradient: Bool) -> Tensor? {
        let (n, h, w) = (inputShape[0], inputShape[2], inputShape[3])
        let (ho, wo) = outSize(h, w)
        let ckk = inChannels * kernel * kernel, hw = ho * wo
        let wCount = outChannels * ckk
        // Each chunk sums its images' weight gradients separately; chunks are added in order.
        var partial = [Float](repeating: 0, count: Parallel.chunks * (wCount + outChannels))
        var dx = needInputGradient ? [Float](repeating: 0, count: n * inChannels * h * w) : []
        dy.data.withUnsafeBufferPointer { db in
            cols.withUnsafeBufferPointer { cb in
                partial.withUnsafeMutableBufferPointer { pb in
                    dx.withUnsafeMutableBufferPointer { dxb in
                        let dys = SharedPointer(UnsafeMutablePointer(mutating: db.baseAddress!))
                        let cs = SharedPointer(UnsafeMutablePointer(mutating: cb.baseAddress!))
                        let ps = SharedPointer(pb.baseAddress!)
                        let dxs = needInputGradient ? SharedPointer(dxb.baseAddress!) : nil
                        let ws = SharedPointer(UnsafeMutablePointer(mutating: params + weightOffset))
                        Parallel.forEachChunk(count: n, threads: threads) { chunk, range in
                            let dW = ps.base + chunk * (wCount + outChannels)
                            let dB = dW + wCount
                            let dcol = dxs == nil ? nil : UnsafeMutablePointer<Float>.allocate(capacity: ckk * hw)
                            defer { dcol?.deallocate() }
                            for i in range {
                                let g = dys.base + i * outChannels * hw
                                let col = cs.base + i * ckk * hw
                                // dW (O, Ckk) += dy_i (O, HW) · col_iᵀ (HW, Ckk)
                                GEMM.multiply(transA: false, transB: true, m: outChannels, n: ckk, k: hw,
                                              a: g, lda: hw, b: col, ldb: hw, beta: 1, c: dW, ldc: ckk)
                                for o in 0..<outChannels {
                                    var s: Float = 0
                                    let row = g + o * hw
                                    for j in 0..<hw { s += row[j] }
                                    dB[o] += s
                                }
                                if let dcol, let dxs {
                                    // dcol (Ckk, HW) = Wᵀ (Ckk, O) · dy_i (O, HW)
                                    GEMM.multiply(transA: true, transB: false, m: ckk, n: hw, k: outChannels,
                                                  a: ws.base, lda: ckk, b: g, ldb: hw, beta: 0, c: dcol, ldc: hw)
                                    Im2Col.fold(dcol, channels: inChannels, height: h, width: w,
                                                kernel: kernel, stride: stride, padding: padding,
                                                outHeight: ho, outWidth: wo,
                                                into: dxs.base + i * inChannels * h * w)
                                }
                            }
                        }
                    }
                }
            }
        }
        for chunk in 0..<Parallel.chunks {
            let base = chunk * (wCount + outChannels)
            for j in 0..<wCount { grads[weightOffset + j] += partial[base + j] }
            for o in 0..<outChannels { grads[biasOffset + o] += partial[base + wCount + o] }
        }
        return needInputGradient ? Tensor(shape: inputShape, data: dx) : nil
    }

    func updateState(params: UnsafeMutablePointer<Float>) {}
}
