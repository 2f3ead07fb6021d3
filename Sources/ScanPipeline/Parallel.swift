import Dispatch
import Foundation

/// Runs independent pieces of work on a fixed number of threads.
///
/// `DispatchQueue.concurrentPerform` alone uses every core; running `threads` workers that
/// each pull the next index from a shared counter honours `run.threads` and balances uneven
/// work (one slow file does not hold up a statically assigned share of others).
enum Parallel {
    /// Calls `body(i)` for every `i` in `0..<count`, on up to `threads` threads, and returns
    /// when all calls have finished. The order of calls is unspecified.
    static func forEach(count: Int, threads: Int, _ body: @Sendable (Int) -> Void) {
        let workers = min(max(threads, 1), count)
        guard workers > 1 else {
            for i in 0..<count { body(i) }
            return
        }
        let counter = Locked(0)
        DispatchQueue.concurrentPerform(iterations: workers) { _ in
            while true {
                let i = counter.withLock { value -> Int in
                    defer { value += 1 }
                    return value
                }
                guard i < count else { return }
                body(i)
            }
        }
    }

    /// `body(i)` for every `i` in `0..<count`, results in index order.
    static func map<T: Sendable>(count: Int, threads: Int, _ body: @Sendable (Int) -> T) -> [T] {
        let slots = Locked([T?](repeating: nil, count: count))
        forEach(count: count, threads: threads) { i in
            let value = body(i)
            slots.withLock { $0[i] = value }
        }
        // Every index was filled above; compactMap keeps this total without a force unwrap.
        return slots.withLock { $0.compactMap { $0 } }
    }

    /// The thread count for a `run.threads` setting: 0 means every active core.
    static func threadCount(_ configured: Int) -> Int {
        configured > 0 ? configured : max(ProcessInfo.processInfo.activeProcessorCount, 1)
    }
}

/// A value guarded by a lock, shareable across threads.
final class Locked<Value>: @unchecked Sendable {
    // @unchecked: every access to `value` goes through `lock`.
    private var value: Value
    private let lock = NSLock()

    init(_ value: Value) { self.value = value }

    func withLock<R>(_ body: (inout Value) -> R) -> R {
        lock.lock()
        defer { lock.unlock() }
        return body(&value)
    }
}
