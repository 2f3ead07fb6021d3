/// A layer's forward pass and, beside it, its backward pass.
///
/// Parameters are not owned by layers: they live in one buffer (see `ParameterLayout`) whose
/// pointer is passed in, so the same layer code serves an immutable `Model` and a `Trainer`.
/// Forward in training mode caches exactly what backward needs.
protocol Layer: AnyObject {
    /// Computes the output; `training` selects batch statistics, dropout masks and caching.
    func forward(_ x: Tensor, params: UnsafePointer<Float>, training: Bool) -> Tensor
    /// Given dL/dy, adds dL/dparams into `grads` and returns dL/dx (nil when not needed).
    func backward(_ dy: Tensor, params: UnsafePointer<Float>, grads: UnsafeMutablePointer<Float>,
                  needInputGradient: Bool) -> Tensor?
    /// Updates state that gradients do not train (batchnorm running statistics).
    func updateState(params: UnsafeMutablePointer<Float>)
}

extension Layer {
    func updateState(params: UnsafeMutablePointer<Float>) {}
}
