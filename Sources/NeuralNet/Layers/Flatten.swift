/// (N, C, H, W) → (N, C·H·W), keeping C, H, W order (as PyTorch's Flatten).
final class Flatten: Layer {
    private var inputShape: [Int] = []

    func forward(_ x: Tensor, params: UnsafePointer<Float>, training: Bool) -> Tensor {
        inputShape = x.shape
        return x.reshaped([x.batch, x.itemSize])
    }

    func backward(_ dy: Tensor, params: UnsafePointer<Float>, grads: UnsafeMutablePointer<Float>,
                  needInputGradient: Bool) -> Tensor? {
        dy.reshaped(inputShape)
    }

    func updateState(params: UnsafeMutablePointer<Float>) {}
}
