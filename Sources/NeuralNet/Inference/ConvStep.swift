/// One convolution of an `InferencePlan`: conv with its batchnorm folded into the weights,
/// ReLU fused into the store, then an optional max-pool, all on channels-last buffers.
///
/// Buffers are (G, H + 2p, W + 2p, C) for G images, zero border p = the padding of the conv
/// that reads them, so taps never need bounds checks. Legend: G images in a group, C channels,
/// H×W map, O output channels, T = k·k taps.
struct ConvStep: Sendable {
    let inC, outC, kernel, stride, padding: Int
    let inH, inW, outH, outW: Int
    /// Max-pool window and step; nil when no pool follows the conv.
    let pool: (kernel: Int, stride: Int)?
    /// Map size after the pool (the conv's own size without one).
    let nextH, nextW: Int
    /// Padding of the buffer this step writes into (the next conv's padding, else 0).
    let nextPadding: Int
    let relu: Bool
    /// Use the 32-channel AVX-512 tile; `lanes` is then 32, else 16.
    let wide: Bool, lanes: Int
    let weights: [Float]      // (O/L panels, k, k, C, L), BN scale folded in, missing columns 0
    let bias: [Float]         // (O/L panels · L), BN shift folded in; L = lanes
    let taps: [Int]           // (k): offset of kernel row ki from a pixel's top-left input
    let bases: [Int]          // (G·Ho·Wo + 5): input offset of each output pixel's window
    let outOffsets: [Int]     // (G·Ho·Wo + 5): where each output pixel's O values go

    /// Folds `scale`/`shift` (batchnorm, per output channel) into `w` (O, C, k, k) and `b` (O).
    init(inC: Int, outC: Int, kernel k: Int, stride: Int, padding: Int, inH: Int, inW: Int,
         w: UnsafePointer<Float>, b: UnsafePointer<Float>, scale: [Float], shift: [Float],
         relu: Bool, pool: (kernel: Int, stride: Int)?, nextPadding: Int, group: Int, wide: Bool) {
        self.inC = inC; self.outC = outC; self.kernel = k; self.stride = stride; self.padding = padding
        self.inH = inH; self.inW = inW
        let outH = (inH + 2 * padding - k) / stride + 1, outW = (inW + 2 * padding - k) / stride + 1
        let nextH = pool.map { (outH - $0.kernel) / $0.stride + 1 } ?? outH
        let nextW = pool.map { (outW - $0.kernel) / $0.stride + 1 } ?? outW
        self.outH = outH; self.outW = outW; self.nextH = nextH; self.nextW = nextW
        self.pool = pool
        self.nextPadding = nextPadding
        self.relu = relu
        let lanes = DirectConv.lanes(wide: wide)
        self.wide = wide; self.lanes = lanes

        let panels = (outC + lanes - 1) / lanes
        var packed = [Float](repeating: 0, count: panels * k * k * inC * lanes)
        var folded = [Float](repeating: 0, count: panels * lanes)
        for o in 0..<outC {
            let (jp, j) = (o / lanes, o % lanes)
            folded[o] = b[o] * scale[o] + shift[o]
            for c in 0..<inC {
                for t in 0..<(k * k) {
                    packed[((jp * k * k + t) * inC + c) * lanes + j] = w[(o * inC + c) * k * k + t] * scale[o]
                }
            }
        }
        weights = packed
        bias = folded
        let inWp = inW + 2 * padding
        // Channels-last makes one kernel row's k taps × C channels a single run of k·C floats,
        // so a tap here is a kernel row and the kernel reads k·C "channels" from it: fewer,
        // longer inner loops (conv1, C = 1, would otherwise run nine loops of one step).
        taps = (0..<k).map { ki in ki * inWp * inC }

        let inPlane = (inH + 2 * padding) * inWp * inC
        let nextWp = nextW + 2 * nextPadding
        let nextPlane = (nextH + 2 * nextPadding) * nextWp * outC
        var bases: [Int] = [], outs: [Int] = []
        for img in 0..<group {
            for oy in 0..<outH {
                for ox in 0..<outW {
                    bases.append(img * inPlane + (oy * stride * inWp + ox * stride) * inC)
                    // With a pool the conv writes a dense scratch map; without, straight into
                    // the next padded buffer.
                    outs.append(pool == nil
                        ? img * nextPlane + ((oy + nextPadding) * nextWp + ox + nextPadding) * outC
                        : ((img * outH + oy) * outW + ox) * outC)
                }
            }
        }
        // Rows of a last, partial tile read image 0's first window and are never stored.
        self.bases = bases + [Int](repeating: 0, count: DirectConv.pixels - 1)
        outOffsets = outs + [Int](repeating: 0, count: DirectConv.pixels - 1)
    }

    /// Floats in one image's padded input buffer.
    var inputPlane: Int { (inH + 2 * padding) * (inW + 2 * padding) * inC }
    /// Floats in one image's conv output before pooling (0 without a pool: none needed).
    var scratchPlane: Int { pool == nil ? 0 : outH * outW * outC }
    /// Floats in one image's output buffer, padded for the next step.
    var outputPlane: Int { (nextH + 2 * nextPadding) * (nextW + 2 * nextPadding) * outC }

    /// Runs the step on `count` ≤ G images: `input` (G, Hp, Wp, C) → `output` (G, H'p, W'p, O).
    /// `scratch` holds the unpooled map when a pool follows; borders of `output` stay untouched.
    func run(count: Int, input: UnsafePointer<Float>, scratch: UnsafeMutablePointer<Float>,
             output: UnsafeMutablePointer<Float>) {
        let pixels = count * outH * outW
        let target = pool == nil ? output : scratch
        let span = kernel * inC, panelSize = taps.count * span * lanes
        weights.withUnsafeBufferPointer { w in
            bias.withUnsafeBufferPointer { b in
                taps.withUnsafeBufferPointer { t in
                    bases.withUnsafeBufferPointer { base in
                        outOffsets.withUnsafeBufferPointer { outs in
                            for jp in 0..<(b.count / lanes) {
                                let cols = min(lanes, outC - jp * lanes)
                                var p = 0
                                while p < pixels {
                                    DirectConv.tile(
                                        wide: wide, input: input, bases: base.baseAddress! + p,
                                        taps: t.baseAddress!, tapCount: t.count, channels: span,
                                        weights: w.baseAddress! + jp * panelSize, bias: b.baseAddress! + jp * lanes,
                                        output: target + jp * lanes, outOffsets: outs.baseAddress! + p,
                                        rows: min(DirectConv.pixels, pixels - p), cols: cols, relu: relu)
                                    p += DirectConv.pixels
                                }
                            }
                        }
                    }
                }
            }
        }
        if let pool { maxPool(count: count, window: pool, from: scratch, into: output) }
    }

    /// Max over each window, all channels of a pixel at once (they are contiguous).
    /// ReLU was applied before pooling; max and ReLU commute, so the result is the same.
    /// Compare-and-blend rather than `pointwiseMax`, whose IEEE NaN rules compile to scalar
    /// branches (3× slower here, and data-dependent); starting from −∞ and taking only greater
    /// values skips NaN as MaxPool2D does.
    func maxPool(count: Int, window: (kernel: Int, stride: Int),
                 from src: UnsafePointer<Float>, into dst: UnsafeMutablePointer<Float>) {
        let c = outC, vecs = outC / 8
        let nextWp = nextW + 2 * nextPadding
        for img in 0..<count {
            let map = src + img * outH * outW * c
            let plane = dst + img * outputPlane
            for py in 0..<nextH {
                for px in 0..<nextW {
                    let out = plane + ((py + nextPadding) * nextWp + px + nextPadding) * c
                    let first = map + (py * window.stride * outW + px * window.stride) * c
                    for v in 0..<vecs {
                        var m = SIMD8<Float>(repeating: -.infinity)
                        for ki in 0..<window.kernel {
                            for kj in 0..<window.kernel {
                                let x = UnsafeRawPointer(first + (ki * outW + kj) * c + v * 8)
                                    .loadUnaligned(as: SIMD8<Float>.self)
                                m.replace(with: x, where: x .> m)
                            }
                        }
                        UnsafeMutableRawPointer(out + v * 8).storeBytes(of: m, as: SIMD8<Float>.self)
                    }
                    for ch in (vecs * 8)..<c {
                        var m = -Float.infinity
                        for ki in 0..<window.kernel {
                            for kj in 0..<window.kernel {
                                let x = first[(ki * outW + kj) * c + ch]
                                if x > m { m = x }
                            }
                        }
                        out[ch] = m
                    }
                }
            }
        }
    }
}
