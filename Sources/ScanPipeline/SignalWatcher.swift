import Dispatch
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Turns SIGINT and SIGTERM into a flag the run checks between chunks, so rows already
/// produced are flushed and the output is closed cleanly instead of the process dying mid-write.
///
/// The signals are received through dispatch sources (not a C handler), so the flag is set
/// on an ordinary thread. A second signal while the run is finishing its chunk gets the
/// default action: the user asked twice, the process stops at once.
final class SignalWatcher: @unchecked Sendable {
    // @unchecked: `received` is only touched under its lock; the sources are set up and
    // cancelled on the thread that owns the watcher.
    private let received = Locked<Int32?>(nil)
    private var sources: [DispatchSourceSignal] = []
    private let signals: [Int32] = [SIGINT, SIGTERM]

    init() {
        for number in signals {
            signal(number, SIG_IGN)  // dispatch sources only see signals whose default action is off
            let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
            source.setEventHandler { [received] in
                let first = received.withLock { value -> Bool in
                    defer { if value == nil { value = number } }
                    return value == nil
                }
                if !first {
                    signal(number, SIG_DFL)
                    raise(number)
                }
            }
            source.resume()
            sources.append(source)
        }
    }

    /// The first signal received, if any.
    var receivedSignal: Int32? { received.withLock { $0 } }

    /// Stops watching and restores the default actions.
    func stop() {
        sources.forEach { $0.cancel() }
        sources.removeAll()
        for number in signals { signal(number, SIG_DFL) }
    }

    deinit { stop() }

    static func name(_ number: Int32) -> String {
        switch number {
        case SIGINT: return "SIGINT"
        case SIGTERM: return "SIGTERM"
        default: return "signal \(number)"
        }
    }
}
