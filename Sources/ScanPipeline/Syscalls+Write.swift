#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// The calls that create files and directories, for the `--debug-dir` pictures.
extension Syscalls {
    /// `mkdir(2)` of `path` and every missing parent (as `mkdir -p`); an existing directory
    /// is fine, anything else already there is an error.
    static func makeDirectories(_ path: [UInt8]) -> Result<Void, Errno> {
        var prefixes: [[UInt8]] = []
        for (i, byte) in path.enumerated() where byte == 0x2F && i > 0 { prefixes.append(Array(path[..<i])) }
        prefixes.append(path)
        for prefix in prefixes {
            if case .success(let status) = status(prefix, followLinks: true), status.kind == .directory { continue }
            let rc = withCPath(prefix) { mkdir($0, 0o777) }
            // EEXIST: made by someone else meanwhile, or a file in the way (stat below tells).
            guard rc == 0 || errno == EEXIST else { return .failure(Errno(errno)) }
        }
        guard case .success(let status) = status(path, followLinks: true), status.kind == .directory else {
            return .failure(Errno(ENOTDIR))
        }
        return .success(())
    }

    /// Creates or replaces the file `path` with `bytes`.
    ///
    /// `O_NOFOLLOW`: a symbolic link planted under the file's name is refused rather than
    /// followed, so writing never lands outside the directory the caller chose.
    static func writeFile(_ path: [UInt8], _ bytes: [UInt8]) -> Result<Void, Errno> {
        let fd = withCPath(path) { open($0, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC | O_NOFOLLOW, 0o666) }
        guard fd >= 0 else { return .failure(Errno(errno)) }
        var written = 0
        while written < bytes.count {
            let n = bytes.withUnsafeBytes { raw in write(fd, raw.baseAddress.map { $0 + written }, raw.count - written) }
            if n < 0 {
                if errno == EINTR { continue }
                let failure = Errno(errno)
                close(fd)
                return .failure(failure)
            }
            written += n
        }
        guard close(fd) == 0 else { return .failure(Errno(errno)) }
        return .success(())
    }
}
