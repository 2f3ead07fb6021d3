/// Where each named tensor lives in a model's single contiguous parameter buffer.
///
/// One buffer (with named views) means zeroing gradients is one fill and an optimiser step
/// is one loop over the trainable ranges.
struct ParameterLayout: Sendable, Equatable {
    struct Entry: Sendable, Equatable {
        var name: String
        var shape: [Int]
        var offset: Int
        var count: Int
        var trainable: Bool
    }

    private(set) var entries: [Entry] = []
    private var index: [String: Int] = [:]
    private(set) var totalCount = 0

    /// Lays out the tensors of `layers` in order; throws if a name repeats with another shape.
    init(layers: [LayerSpec]) throws(ModelError) {
        for layer in layers {
            for t in layer.tensors {
                if let existing = index[t.name] {
                    throw ModelError("tensor \(t.name) is used twice (as \(entries[existing].shape) and \(t.shape))")
                }
                let count = t.shape.reduce(1, *)
                index[t.name] = entries.count
                entries.append(Entry(name: t.name, shape: t.shape, offset: totalCount, count: count,
                                     trainable: t.trainable))
                totalCount += count
            }
        }
    }

    func offset(of name: String) -> Int {
        guard let i = index[name] else { preconditionFailure("no tensor \(name) in layout") }
        return entries[i].offset
    }

    func entry(named name: String) -> Entry? { index[name].map { entries[$0] } }
}
