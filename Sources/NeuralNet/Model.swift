/// How raw pixels become network input: x = (pixel * scale - mean) / std, ink bright.
public struct InputSpec: Sendable, Equatable {
    public var channels: Int, height: Int, width: Int
    public var scale: Float, mean: Float, std: Float
    public init(channels: Int = 1, height: Int = 28, width: Int = 28,
                scale: Float = 1.0 / 255.0, mean: Float = 0, std: Float = 1) {
        self.channels = channels; self.height = height; self.width = width
        self.scale = scale; self.mean = mean; self.std = std
    }
}

/// The error of this target.
public struct ModelError: Error, CustomStringConvertible, Sendable, Equatable {
    public var message: String
    public init(_ message: String) { self.message = message }
    public var description: String { message }
}

/// A trained classifier loaded from a safetensors file. (Placeholder API.)
public final class Model: Sendable {
    public let input: InputSpec
    public let classes: Int
    init(input: InputSpec, classes: Int) { self.input = input; self.classes = classes }

    /// Loads a model file; throws `ModelError` naming what is wrong with it.
    public static func load(path: String) throws(ModelError) -> Model {
        throw ModelError("model loading not implemented yet")
    }

    /// Class probabilities for `count` images of raw pixels (0...255, ink bright),
    /// shaped (N, C, H, W) per `input`. Returns (N, classes), row-major. Thread-safe.
    public func probabilities(pixels: [Float], count: Int) -> [Float] {
        [Float](repeating: 1 / Float(classes), count: count * classes)
    }
}
