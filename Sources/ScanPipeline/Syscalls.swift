#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// The few POSIX calls the pipeline makes, each wrapped once.
///
/// Paths are raw bytes (`[UInt8]`, no NUL) because file names on Linux are bytes, not text:
/// a name that is not UTF-8 must still open. Every failing call returns the `errno` text so
/// callers can build a row message such as "cannot read: Permission denied".
enum Syscalls {
    /// What `stat(2)`/`lstat(2)` says about a path, reduced to what the walker needs.
    struct FileStatus: Equatable {
        enum Kind: Equatable { case regular, directory, symlink, other }
        var kind: Kind
        var size: Int
        var device: UInt64
        var inode: UInt64
    }

    /// `strerror(errno)` as a Swift string, e.g. "Permission denied".
    static func errorText(_ code: Int32) -> String {
        guard let text = strerror(code) else { return "error \(code)" }
        return String(cString: text)
    }

    /// Calls `body` with a NUL-terminated copy of `path`.
    static func withCPath<T>(_ path: [UInt8], _ body: (UnsafePointer<CChar>) -> T) -> T {
        var cPath = path.map { CChar(bitPattern: $0) }
        cPath.append(0)
        return cPath.withUnsafeBufferPointer { buffer in
            // A non-empty array always has a base address; the fallback keeps the code total.
            guard let base = buffer.baseAddress else { return body("") }
            return body(base)
        }
    }

    /// `stat(2)` (follows symlinks) or `lstat(2)` (does not); returns the errno on failure.
    static func status(_ path: [UInt8], followLinks: Bool) -> Result<FileStatus, Errno> {
        var info = stat()
        let rc = withCPath(path) { followLinks ? stat($0, &info) : lstat($0, &info) }
        guard rc == 0 else { return .failure(Errno(errno)) }
        let kind: FileStatus.Kind
        switch info.st_mode & S_IFMT {
        case S_IFREG: kind = .regular
        case S_IFDIR: kind = .directory
        case S_IFLNK: kind = .symlink
        default: kind = .other
        }
        return .success(FileStatus(kind: kind, size: Int(info.st_size),
                                   device: UInt64(info.st_dev), inode: UInt64(info.st_ino)))
    }

    /// The names in a directory (without "." and ".."), via `opendir(3)`/`readdir(3)`.
    static func directoryEntries(_ path: [UInt8]) -> Result<[[UInt8]], Errno> {
        guard let dir = withCPath(path, { opendir($0) }) else { return .failure(Errno(errno)) }
        defer { closedir(dir) }
        var names: [[UInt8]] = []
        while true {
            errno = 0
            guard let entry = readdir(dir) else {
                // readdir returns NULL at the end and on error; only errno tells them apart.
                if errno != 0 { return .failure(Errno(errno)) }
                break
            }
            let name = withUnsafeBytes(of: &entry.pointee.d_name) { raw in
                Array(raw[..<(raw.firstIndex(of: 0) ?? raw.count)])
            }
            if name == [0x2E] || name == [0x2E, 0x2E] { continue }
            names.append(name)
        }
        return .success(names)
    }

    /// Reads a whole regular file, refusing more than `limit` bytes.
    ///
    /// Uses `open(2)`, `fstat(2)` and `read(2)`; the size is re-checked while reading because
    /// a file can grow between `fstat` and the last `read`.
    static func readFile(_ path: [UInt8], limit: Int) -> Result<[UInt8], ReadFailure> {
        // O_NONBLOCK: a FIFO swapped in after the walker's stat must not block the run;
        // it has no effect on regular files, and fstat below refuses anything else.
        let fd = withCPath(path) { open($0, O_RDONLY | O_CLOEXEC | O_NONBLOCK) }
        guard fd >= 0 else { return .failure(.system(Errno(errno))) }
        defer { close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0 else { return .failure(.system(Errno(errno))) }
        switch info.st_mode & S_IFMT {
        case S_IFREG: break
        case S_IFDIR: return .failure(.isDirectory)
        default: return .failure(.notRegular)
        }
        let expected = Int(info.st_size)
        if expected > limit { return .failure(.tooLarge(size: expected)) }
        var bytes = [UInt8](repeating: 0, count: max(expected, 0) + 1)
        var filled = 0
        while true {
            if filled == bytes.count {
                if bytes.count > limit { return .failure(.tooLarge(size: bytes.count)) }
                bytes.append(contentsOf: repeatElement(0, count: min(bytes.count, limit + 1 - bytes.count)))
            }
            let n = bytes.withUnsafeMutableBytes { raw in
                read(fd, raw.baseAddress.map { $0 + filled }, raw.count - filled)
            }
            if n < 0 {
                if errno == EINTR { continue }
                return .failure(.system(Errno(errno)))
            }
            if n == 0 { break }
            filled += n
        }
        if filled > limit { return .failure(.tooLarge(size: filled)) }
        bytes.removeLast(bytes.count - filled)
        return .success(bytes)
    }

    /// Why `readFile` failed.
    enum ReadFailure: Error, Equatable {
        case system(Errno)
        case isDirectory
        case notRegular
        case tooLarge(size: Int)
    }

    /// A C `errno` value with its `strerror` text.
    struct Errno: Error, Equatable {
        var code: Int32
        init(_ code: Int32) { self.code = code }
        var text: String { Syscalls.errorText(code) }
        var isNotFound: Bool { code == ENOENT }
        var isLoop: Bool { code == ELOOP }
    }
}
