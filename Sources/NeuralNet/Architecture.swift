/// The networks digitscan ships and trains.
public enum Architecture {
    /// Channels of the shipped CNN's three convolution blocks.
    public static let standardChannels = [32, 64, 128]

    /// The shipped CNN: three conv3×3-BN-ReLU-maxpool blocks (32, 64, 128 channels), dense 128,
    /// dropout, dense 10, softmax. About 15 MFLOP per image: 2.5× cheaper than the peers'
    /// reference CNN (37 MFLOP), so a full MNIST training run fits on two CPU cores.
    ///
    /// `channels` widens the three blocks (MNIST's 28×28 comes out of them 3×3).
    public static func standard(classes: Int = 10, channels: [Int] = standardChannels) -> [LayerSpec] {
        precondition(channels.count == 3 && channels.allSatisfy { $0 > 0 }, "three blocks, each with channels")
        var layers: [LayerSpec] = []
        var inC = 1
        for (i, outC) in channels.enumerated() {
            let p = "block\(i + 1)."
            layers += [
                .conv2d(inChannels: inC, outChannels: outC, kernel: 3, stride: 1, padding: 1,
                        weight: p + "conv.weight", bias: p + "conv.bias"),
                .batchnorm2d(channels: outC, eps: 1e-5, weight: p + "bn.weight", bias: p + "bn.bias",
                             runningMean: p + "bn.running_mean", runningVar: p + "bn.running_var"),
                .relu,
                .maxpool2d(kernel: 2, stride: 2),
            ]
            inC = outC
        }
        layers += [
            .flatten,
            .dense(inFeatures: channels[2] * 3 * 3, outFeatures: 128, weight: "fc1.weight", bias: "fc1.bias"),
            .relu,
            .dropout(p: 0.3),
            .dense(inFeatures: 128, outFeatures: classes, weight: "fc2.weight", bias: "fc2.bias"),
            .softmax,
        ]
        return layers
    }

    /// A tiny network for tests: conv 4 → BN → ReLU → pool → dense.
    public static func tiny(classes: Int = 10) -> [LayerSpec] {
        [
            .conv2d(inChannels: 1, outChannels: 4, kernel: 3, stride: 1, padding: 1, weight: "c.weight", bias: "c.bias"),
            .batchnorm2d(channels: 4, eps: 1e-5, weight: "bn.weight", bias: "bn.bias",
                         runningMean: "bn.running_mean", runningVar: "bn.running_var"),
            .relu,
            .maxpool2d(kernel: 2, stride: 2),
            .flatten,
            .dense(inFeatures: 4 * 14 * 14, outFeatures: classes, weight: "fc.weight", bias: "fc.bias"),
            .softmax,
        ]
    }
}
