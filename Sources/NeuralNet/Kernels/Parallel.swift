import Dispatch

/// A pointer handed to worker threads. Safe because every caller gives each worker a disjoint
/// region to write (or only reads), and the pointee outlives the parallel call.
struct SharedPointer<T>: @unchecked Sendable {
    let base: UnsafeMutablePointer<T>
    init(_ base: UnsafeMutablePointer<T>) { self.base = base }
}

/// Runs work split into a fixed number of chunks.
///
/// The chunking never depends on the thread count, so sums reduced chunk by chunk come out
/// bit-identical whether one thread or sixteen do the work: training stays reproducible.
enum Parallel {
    /// Chunks the batch dimension is cut into for layer kernels.
    static let chunks = 8

    /// Calls `body(chunkIndex, range)` for `chunks` contiguous ranges covering 0..<count.
    static func forEachChunk(count: Int, chunks: Int = Parallel.chunks, threads: Int,
                             _ body: (Int, Range<Int>) -> Void) {
        let n = max(1, min(chunks, count))
        let ranges = (0..<n).map { i in (count * i / n)..<(count * (i + 1) / n) }
        if threads == 1 || n == 1 {
            for (i, r) in ranges.enumerated() { body(i, r) }
            return
        }
        withoutActuallyEscaping(body) { body in
            let box = UncheckedBox(body)
            DispatchQueue.concurrentPerform(iterations: n) { i in box.value(i, ranges[i]) }
        }
    }
}

/// Lets a non-Sendable closure cross into `concurrentPerform`. Safe because the closures
/// passed here write only to chunk-disjoint memory and capture nothing mutable besides that.
struct UncheckedBox<T>: @unchecked Sendable {
    let value: T
    init(_ value: T) { self.value = value }
}
