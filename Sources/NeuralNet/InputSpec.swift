/// How raw pixels become network input: x = (pixel · scale − mean) / std, ink bright.
public struct InputSpec: Sendable, Equatable {
    public var channels: Int, height: Int, width: Int
    public var scale: Float, mean: Float, std: Float
    public init(channels: Int = 1, height: Int = 28, width: Int = 28,
                scale: Float = 1.0 / 255.0, mean: Float = 0, std: Float = 1) {
        self.channels = channels; self.height = height; self.width = width
        self.scale = scale; self.mean = mean; self.std = std
    }

    /// Values per image.
    public var pixelCount: Int { channels * height * width }

    /// Raw pixels to network input: (pixel · scale − mean) / std.
    public func normalised(_ pixels: [Float]) -> [Float] {
        let a = scale / std, b = -mean / std
        return pixels.map { $0 * a + b }
    }
}
