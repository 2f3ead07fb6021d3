#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Reads separator-terminated paths from a file descriptor lazily, one block at a time.
///
/// Memory stays bounded by the block size and the longest path, however long the list is,
/// so `find / | digitscan -` streams. Empty entries are skipped; a final entry without a
/// separator still counts. Bytes are kept as they are (no trimming of spaces or `\r`),
/// because they are legal in file names.
///
/// `shouldStop` is asked while waiting for input, so a signal ends a run whose path list comes
/// from a slow or idle producer (`tail -f`, a stalled `find`) instead of waiting for more.
final class PathListReader {
    private let fd: Int32
    private let separator: UInt8
    private let shouldStop: () -> Bool
    private var buffer: [UInt8] = []
    private var start = 0
    private var atEnd = false
    /// Set when `read(2)` failed; the list ends there and the caller reports it.
    private(set) var readError: Syscalls.Errno?

    init(fd: Int32, separator: UInt8, shouldStop: @escaping () -> Bool = { false }) {
        self.fd = fd
        self.separator = separator
        self.shouldStop = shouldStop
    }

    /// The next non-empty path, or nil at the end of the input.
    func next() -> [UInt8]? {
        while true {
            if let end = buffer[start...].firstIndex(of: separator) {
                let entry = Array(buffer[start..<end])
                start = end + 1
                if entry.isEmpty { continue }
                return entry
            }
            if atEnd {
                guard start < buffer.count else { return nil }
                let entry = Array(buffer[start...])
                start = buffer.count
                return entry
            }
            fill()
        }
    }

    private func fill() {
        guard waitForInput() else {
            atEnd = true
            return
        }
        buffer.removeFirst(start)
        start = 0
        let blockSize = 64 * 1024
        let old = buffer.count
        buffer.append(contentsOf: repeatElement(0, count: blockSize))
        var n: Int
        repeat {
            n = buffer.withUnsafeMutableBytes { raw in
                read(fd, raw.baseAddress.map { $0 + old }, blockSize)
            }
        } while n < 0 && errno == EINTR
        if n < 0 { readError = Syscalls.Errno(errno) }
        buffer.removeLast(blockSize - max(n, 0))
        if n <= 0 { atEnd = true }
    }

    /// Waits until `fd` has data or end of file (true) or `shouldStop` says so (false).
    ///
    /// `poll(2)` with a short timeout rather than a blocking `read(2)`: the signal that sets
    /// the stop flag may be delivered to any thread, so it cannot be relied on to interrupt
    /// this one's `read`.
    private func waitForInput() -> Bool {
        while true {
            if shouldStop() { return false }
            var request = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
            let ready = poll(&request, 1, 200)
            // An error (other than EINTR) falls through to read(2), which reports it.
            if ready != 0 && !(ready < 0 && errno == EINTR) { return true }
        }
    }
}
