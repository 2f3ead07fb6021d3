#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Where rows go: standard output, or a file written under a temporary name and renamed
/// into place only when the run completes, so a reader never sees a half-written file.
///
/// Text is buffered and written with `write(2)`; `flush()` is called after every chunk of
/// files so output streams. An interrupted run renames what it wrote to `<path>.partial`.
public final class OutputSink {
    private let fd: Int32
    /// The final path and the temporary path, for file output.
    private let target: (final: String, temporary: String)?
    private var buffer: [UInt8] = []
    private var closed = false

    private init(fd: Int32, target: (final: String, temporary: String)?) {
        self.fd = fd
        self.target = target
    }

    deinit {
        // A sink dropped without finish() (an error path) must not leave its temporary file.
        if !closed { abandon() }
    }

    /// Rows to standard output.
    public static func standardOutput() -> OutputSink { OutputSink(fd: 1, target: nil) }

    /// Rows to `path`, via a temporary file in the same directory (so the rename is atomic).
    ///
    /// - Throws: `PipelineError.output` when the temporary file cannot be created.
    public static func file(_ path: String) throws(PipelineError) -> OutputSink {
        let slash = path.lastIndex(of: "/")
        let directory = slash.map { String(path[...$0]) } ?? ""
        let name = slash.map { String(path[path.index(after: $0)...]) } ?? path
        guard !name.isEmpty else { throw .output(path: path, message: "the path names a directory") }
        if case .success(let status) = Syscalls.status(Array(path.utf8), followLinks: true), status.kind == .directory {
            throw .output(path: path, message: "it is a directory")
        }
        let temporary = "\(directory).\(name).digitscan-\(getpid()).tmp"
        let fd = Syscalls.withCPath(Array(temporary.utf8)) {
            open($0, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o666)
        }
        guard fd >= 0 else { throw .output(path: path, message: Syscalls.errorText(errno)) }
        return OutputSink(fd: fd, target: (path, temporary))
    }

    /// Appends text; writes through when the buffer passes 64 KiB.
    public func write(_ text: String) throws(PipelineError) {
        buffer.append(contentsOf: text.utf8)
        if buffer.count >= 64 * 1024 { try flush() }
    }

    /// Writes everything buffered.
    public func flush() throws(PipelineError) {
        var offset = 0
        while offset < buffer.count {
            let n = buffer.withUnsafeBytes { raw in
                systemWrite(fd, raw.baseAddress.map { $0 + offset }, raw.count - offset)
            }
            if n < 0 {
                if errno == EINTR { continue }
                let message = Syscalls.errorText(errno)
                buffer.removeAll()
                throw .output(path: target?.final ?? "standard output", message: message)
            }
            offset += n
        }
        buffer.removeAll(keepingCapacity: true)
    }

    /// Flushes, closes and renames the temporary file into place.
    public func finish() throws(PipelineError) {
        try flush()
        guard let target, !closed else { return }
        closed = true
        guard close(fd) == 0 else {
            let message = Syscalls.errorText(errno)
            unlinkTemporary()
            throw .output(path: target.final, message: message)
        }
        guard rename(target.temporary, target.final) == 0 else {
            let message = Syscalls.errorText(errno)
            unlinkTemporary()
            throw .output(path: target.final, message: message)
        }
    }

    /// Keeps what was written as `<path>.partial` (interrupted run); returns that path.
    public func finishPartial() -> String? {
        try? flush()
        guard let target, !closed else { return nil }
        closed = true
        close(fd)
        let partial = target.final + ".partial"
        return rename(target.temporary, partial) == 0 ? partial : nil
    }

    /// Closes and deletes the temporary file (a run that failed as a whole).
    public func abandon() {
        guard target != nil, !closed else { return }
        closed = true
        close(fd)
        unlinkTemporary()
    }

    private func unlinkTemporary() {
        if let target { unlink(target.temporary) }
    }
}

/// `write(2)`, named apart from `OutputSink.write(_:)`.
private func systemWrite(_ fd: Int32, _ buffer: UnsafeRawPointer?, _ count: Int) -> Int {
    write(fd, buffer, count)
}
