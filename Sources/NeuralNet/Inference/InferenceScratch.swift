/// Per-thread working memory for one `InferencePlan` run: one group's activations.
///
/// `buffers[s]` is the padded input of conv step s (the last one feeds the first dense layer);
/// they are zeroed once, and steps only ever write interiors, so borders stay zero from group
/// to group. Manual memory because each worker owns its own and releases it at the end.
struct InferenceScratch {
    let buffers: [UnsafeMutablePointer<Float>]
    let convScratch: UnsafeMutablePointer<Float>
    let dense: [UnsafeMutablePointer<Float>]

    init(plan: InferencePlan) {
        let g = InferencePlan.group
        let first = plan.convs.first?.inputPlane ?? plan.input.pixelCount
        let planes = [first] + plan.convs.map(\.outputPlane)
        buffers = planes.map { Self.zeroed(g * $0) }
        convScratch = Self.zeroed(g * (plan.convs.map(\.scratchPlane).max() ?? 0))
        let widest = plan.denses.map(\.outFeatures).max() ?? 0
        dense = [Self.zeroed(g * widest), Self.zeroed(g * widest)]
    }

    private static func zeroed(_ count: Int) -> UnsafeMutablePointer<Float> {
        let p = UnsafeMutablePointer<Float>.allocate(capacity: max(count, 1))
        p.initialize(repeating: 0, count: max(count, 1))
        return p
    }

    func release() {
        for b in buffers { b.deallocate() }
        convScratch.deallocate()
        for d in dense { d.deallocate() }
    }
}
