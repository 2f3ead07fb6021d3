/// One dense layer of an `InferencePlan`, ReLU fused: the `DirectConv` tile with one tap,
/// each image's feature vector playing the part of a pixel window.
struct DenseStep: Sendable {
    let inFeatures, outFeatures: Int
    let relu: Bool
    /// Use the 32-channel AVX-512 tile; `lanes` is then 32, else 16.
    let wide: Bool, lanes: Int
    let weights: [Float]      // (O/L panels, I, L), missing columns 0; L = lanes
    let bias: [Float]         // (O/L panels · L)
    let bases: [Int]          // (G + 5): offset of each image's features
    let outOffsets: [Int]     // (G + 5): offset of each image's outputs

    /// `w` is (O, I) as PyTorch's Linear; `column(i)` says which packed input position weight
    /// column i belongs to (the flatten order of the buffer feeding this layer).
    init(inFeatures: Int, outFeatures: Int, w: UnsafePointer<Float>, b: UnsafePointer<Float>,
         relu: Bool, group: Int, wide: Bool, column: (Int) -> Int) {
        self.inFeatures = inFeatures; self.outFeatures = outFeatures; self.relu = relu
        let lanes = DirectConv.lanes(wide: wide), panels = (outFeatures + lanes - 1) / lanes
        self.wide = wide; self.lanes = lanes
        var packed = [Float](repeating: 0, count: panels * inFeatures * lanes)
        var padded = [Float](repeating: 0, count: panels * lanes)
        for o in 0..<outFeatures {
            let (jp, j) = (o / lanes, o % lanes)
            padded[o] = b[o]
            for i in 0..<inFeatures {
                packed[(jp * inFeatures + column(i)) * lanes + j] = w[o * inFeatures + i]
            }
        }
        weights = packed
        bias = padded
        let pad = [Int](repeating: 0, count: DirectConv.pixels - 1)
        bases = (0..<group).map { $0 * inFeatures } + pad
        outOffsets = (0..<group).map { $0 * outFeatures } + pad
    }

    /// `input` (count, I) → `output` (count, O).
    func run(count: Int, input: UnsafePointer<Float>, output: UnsafeMutablePointer<Float>) {
        var tap = 0
        weights.withUnsafeBufferPointer { w in
            bias.withUnsafeBufferPointer { b in
                bases.withUnsafeBufferPointer { base in
                    outOffsets.withUnsafeBufferPointer { outs in
                        for jp in 0..<(b.count / lanes) {
                            var p = 0
                            while p < count {
                                DirectConv.tile(
                                    wide: wide, input: input, bases: base.baseAddress! + p, taps: &tap, tapCount: 1,
                                    channels: inFeatures, weights: w.baseAddress! + jp * inFeatures * lanes,
                                    bias: b.baseAddress! + jp * lanes, output: output + jp * lanes,
                                    outOffsets: outs.baseAddress! + p, rows: min(DirectConv.pixels, count - p),
                                    cols: min(lanes, outFeatures - jp * lanes), relu: relu)
                                p += DirectConv.pixels
                            }
                        }
                    }
                }
            }
        }
    }
}
