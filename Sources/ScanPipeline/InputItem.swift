#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// One input file as found by the walker: a path to read, or a failure already known.
public struct InputItem: Sendable, Equatable {
    /// The path as written to output rows (see `PathText` for non-UTF-8 names).
    public var path: String
    /// The path's raw bytes, used to open the file.
    public var pathBytes: [UInt8]
    /// Set when the walker already knows the file cannot be processed ("no such file or directory").
    public var failure: String?

    public init(pathBytes: [UInt8], failure: String? = nil) {
        self.path = PathText.display(pathBytes)
        self.pathBytes = pathBytes
        self.failure = failure
    }
}

/// Where input paths come from: a path argument, or the list read from standard input.
public enum InputRoot: Sendable, Equatable {
    /// A file (processed whatever its extension) or a directory (walked).
    case path([UInt8])
    /// Paths read from standard input, one per line (or NUL-separated); each names a file.
    case standardInput(separator: UInt8)

    /// Maps a command-line argument: `-` is standard input, anything else a path.
    public static func argument(_ text: String, nullSeparated: Bool) -> InputRoot {
        text == "-" ? .standardInput(separator: nullSeparated ? 0 : 0x0A) : .path(rawArgumentBytes(text))
    }

    /// The bytes of the command-line argument that `text` came from.
    ///
    /// Swift decodes `argv` with invalid UTF-8 replaced by U+FFFD, which would make a file
    /// whose name is not UTF-8 impossible to name on the command line; such an argument is
    /// looked up again in the raw `argv`.
    static func rawArgumentBytes(_ text: String) -> [UInt8] {
        let utf8 = Array(text.utf8)
        guard text.unicodeScalars.contains("\u{FFFD}") else { return utf8 }
        for i in 0..<Int(CommandLine.argc) {
            guard let argument = CommandLine.unsafeArgv[i] else { continue }
            let raw = Array(UnsafeBufferPointer(start: argument, count: strlen(argument))).map { UInt8(bitPattern: $0) }
            if raw != utf8, String(decoding: raw, as: UTF8.self) == text { return raw }
        }
        return utf8
    }
}
