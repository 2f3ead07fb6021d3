/// A model compiled for inference: batchnorm folded into the convolutions, ReLU and max-pool
/// fused after them, weights packed once, activations channels-last (see `DirectConv`).
///
/// Built when a `Model` is made, immutable afterwards, so any number of threads may run it.
/// Accepts chains of the form (conv [bn] {relu|maxpool|dropout})* flatten
/// (dense {relu|dropout})+ [softmax]; `init` returns nil for anything else and the model
/// falls back to the layer-by-layer `Network`. Results match that path to float rounding
/// (sums run in another order), not bit for bit.
struct InferencePlan: Sendable {
    /// Images run together through every step: enough output pixels that 6-pixel tiles of a
    /// 7×7 map waste little, few enough that a group's activations stay near the core.
    static let group = 8

    let input: InputSpec
    let convs: [ConvStep]
    let denses: [DenseStep]
    let softmax: Bool
    var classes: Int { denses[denses.count - 1].outFeatures }

    /// `wide` selects the AVX-512 kernel (see `DirectConvWide`); results are bit-identical.
    init?(specs: [LayerSpec], layout: ParameterLayout, parameters: [Float], input: InputSpec,
          wide: Bool = CPUFeatures.avx512) {
        let group = Self.group
        let n = specs.count
        var convs: [ConvStep] = [], denses: [DenseStep] = []
        var (c, h, w) = (input.channels, input.height, input.width)
        var i = 0
        let ok: Bool = parameters.withUnsafeBufferPointer { pb in
            let p = pb.baseAddress!
            func at(_ name: String) -> UnsafePointer<Float> { p + layout.offset(of: name) }
            // Convolution blocks; each conv's output padding is the next conv's padding, so
            // blocks are parsed first and built afterwards.
            var blocks: [(spec: LayerSpec, bn: LayerSpec?, relu: Bool, pool: (kernel: Int, stride: Int)?)] = []
            while i < n, case .conv2d = specs[i] {
                var block: (spec: LayerSpec, bn: LayerSpec?, relu: Bool, pool: (kernel: Int, stride: Int)?) = (specs[i], nil, false, nil)
                i += 1
                if i < n, case .batchnorm2d = specs[i] { block.bn = specs[i]; i += 1 }
                scan: while i < n {
                    switch specs[i] {
                    case .relu: block.relu = true
                    case .dropout: break
                    case let .maxpool2d(k, s) where block.pool == nil: block.pool = (k, s)
                    default: break scan
                    }
                    i += 1
                }
                blocks.append(block)
            }
            for (b, block) in blocks.enumerated() {
                guard case let .conv2d(inC, outC, k, s, pad, wName, bName) = block.spec, inC == c else { return false }
                var scale = [Float](repeating: 1, count: outC), shift = [Float](repeating: 0, count: outC)
                if case let .batchnorm2d(bc, eps, g, be, m, v) = block.bn {
                    guard bc == outC else { return false }
                    let (gamma, beta, mean, variance) = (at(g), at(be), at(m), at(v))
                    for o in 0..<outC {
                        // The same arithmetic as BatchNorm2D's inference branch.
                        let inv = 1 / (variance[o] + eps).squareRoot()
                        scale[o] = gamma[o] * inv
                        shift[o] = beta[o] - mean[o] * scale[o]
                    }
                }
                var nextPadding = 0
                if b + 1 < blocks.count, case let .conv2d(_, _, _, _, np, _, _) = blocks[b + 1].spec { nextPadding = np }
                let step = ConvStep(inC: inC, outC: outC, kernel: k, stride: s, padding: pad, inH: h, inW: w,
                                    w: at(wName), b: at(bName), scale: scale, shift: shift, relu: block.relu,
                                    pool: block.pool, nextPadding: nextPadding, group: group, wide: wide)
                guard step.outH > 0, step.outW > 0, step.nextH > 0, step.nextW > 0 else { return false }
                convs.append(step)
                (c, h, w) = (outC, step.nextH, step.nextW)
            }
            guard i < n, specs[i] == .flatten else { return false }
            i += 1
            // Flatten is (C, H, W) order; our buffer is (H, W, C): weight column c·H·W + y·W + x
            // moves to (y·W + x)·C + c.
            let (fc, fhw) = (c, h * w)
            var column: (Int) -> Int = { ($0 % fhw) * fc + $0 / fhw }
            var features = c * h * w
            while i < n, case let .dense(inF, outF, wName, bName) = specs[i] {
                guard inF == features else { return false }
                i += 1
                var relu = false
                while i < n, specs[i] == .relu || { if case .dropout = specs[i] { true } else { false } }() {
                    if specs[i] == .relu { relu = true }
                    i += 1
                }
                denses.append(DenseStep(inFeatures: inF, outFeatures: outF, w: at(wName), b: at(bName),
                                        relu: relu, group: group, wide: wide, column: column))
                column = { $0 }
                features = outF
            }
            return !denses.isEmpty
        }
        let softmax = i < n && specs[i] == .softmax
        guard ok, i + (softmax ? 1 : 0) == n else { return nil }
        self.input = input
        self.convs = convs
        self.denses = denses
        self.softmax = softmax
    }

    /// Raw network outputs (N, classes) for `count` images of raw pixels, as `Network.forward`
    /// gives them (softmax included when the model ends with one).
    func outputs(pixels: [Float], count: Int, threads: Int) -> [Float] {
        var result = logits(pixels: pixels, count: count, threads: threads)
        if softmax { Softmax.apply(&result, classes: classes) }
        return result
    }

    /// The last dense layer's outputs (N, classes), before any softmax. The model's
    /// temperature is applied to these by `Model.probabilities`, not folded into the weights,
    /// so one plan serves both logits and probabilities.
    func logits(pixels: [Float], count: Int, threads: Int) -> [Float] {
        let classes = self.classes
        var result = [Float](repeating: 0, count: count * classes)
        let groups = (count + Self.group - 1) / Self.group
        pixels.withUnsafeBufferPointer { px in
            result.withUnsafeMutableBufferPointer { rb in
                let pxs = SharedPointer(UnsafeMutablePointer(mutating: px.baseAddress!))
                let rs = SharedPointer(rb.baseAddress!)
                Parallel.forEachChunk(count: groups, threads: threads) { _, range in
                    let scratch = InferenceScratch(plan: self)
                    defer { scratch.release() }
                    for g in range {
                        let first = g * Self.group, n = min(Self.group, count - first)
                        run(count: n, pixels: pxs.base + first * input.pixelCount, scratch: scratch,
                            into: rs.base + first * classes)
                    }
                }
            }
        }
        return result
    }

    /// One group of `count` ≤ `group` images through every step.
    func run(count: Int, pixels: UnsafePointer<Float>, scratch: InferenceScratch,
                     into out: UnsafeMutablePointer<Float>) {
        fillInput(count: count, pixels: pixels, into: scratch.buffers[0])
        for (s, step) in convs.enumerated() {
            step.run(count: count, input: scratch.buffers[s], scratch: scratch.convScratch,
                     output: scratch.buffers[s + 1])
        }
        var x = UnsafePointer(scratch.buffers[convs.count])
        for (d, step) in denses.enumerated() {
            let y = d == denses.count - 1 ? out : scratch.dense[d % 2]
            step.run(count: count, input: x, output: y)
            x = UnsafePointer(y)
        }
    }

    /// Normalised pixels, (N, C, H, W) → the first buffer's (G, Hp, Wp, C) interior.
    private func fillInput(count: Int, pixels: UnsafePointer<Float>, into buffer: UnsafeMutablePointer<Float>) {
        let (c, h, w) = (input.channels, input.height, input.width)
        let p = convs.first?.padding ?? 0, wp = w + 2 * p, plane = (h + 2 * p) * wp * c
        // The same formula as InputSpec.normalised.
        let a = input.scale / input.std, b = -input.mean / input.std
        for img in 0..<count {
            for ch in 0..<c {
                for y in 0..<h {
                    let src = pixels + ((img * c + ch) * h + y) * w
                    let dst = buffer + img * plane + ((y + p) * wp + p) * c + ch
                    for x in 0..<w { dst[x * c] = src[x] * a + b }
                }
            }
        }
    }
}
