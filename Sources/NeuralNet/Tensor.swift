/// A dense float array with a shape; the layout is row-major (the last index varies fastest).
///
/// Activations are (N, C, H, W) or (N, F): N images, C channels, H×W pixels, F features.
public struct Tensor: Sendable, Equatable {
    public private(set) var shape: [Int]
    public var data: [Float]

    /// Creates a tensor; traps if `data.count` does not match the shape (a programmer error).
    public init(shape: [Int], data: [Float]) {
        precondition(shape.reduce(1, *) == data.count, "Tensor: \(data.count) values for shape \(shape)")
        self.shape = shape
        self.data = data
    }

    public init(zeros shape: [Int]) {
        self.init(shape: shape, data: [Float](repeating: 0, count: shape.reduce(1, *)))
    }

    /// Number of items in the batch (the first dimension).
    public var batch: Int { shape.first ?? 0 }
    /// Values per item.
    public var itemSize: Int { shape.dropFirst().reduce(1, *) }

    /// Same values, another shape with the same count.
    public func reshaped(_ newShape: [Int]) -> Tensor { Tensor(shape: newShape, data: data) }
}
