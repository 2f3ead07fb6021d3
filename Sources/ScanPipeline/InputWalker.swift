/// Produces input files one at a time from path arguments, walked directories and stdin lists.
///
/// Directories are walked depth-first with an explicit stack, reading one directory's entries
/// at a time, so memory is bounded by the largest single directory, not the whole tree. The
/// order is the byte order of the full paths: entries are sorted by name, with a directory
/// sorted as if its name ended in "/", which makes depth-first order equal to sorted order.
///
/// Rules (each chosen so every file a user could mean ends as exactly one row):
/// - An argument naming a file is processed whatever its extension; a directory is walked.
/// - A path read from stdin names a file; a directory there is an error row (a `find` listing
///   also lists the directory's files, so walking it would duplicate them).
/// - Inside a walk, hidden entries (name starts with ".") are skipped unless `includeHidden`;
///   regular files are kept when their extension is in `extensions` (case-insensitive; an
///   empty list keeps every file); entries that look like images by name but cannot be
///   processed (a directory named `x.png`, a broken link, a FIFO) become error rows.
/// - Symlinks are followed when `followSymlinks`; a link back to a directory already on the
///   current path is skipped, so loops end.
public final class InputWalker: IteratorProtocol, Sequence {
    private var roots: [InputRoot]
    private let options: InputOptions
    private let lowercasedExtensions: Set<String>
    private var stdinReader: PathListReader?
    private var stack: [Frame] = []

    /// One directory being walked: its sorted entries and how far we got.
    private struct Frame {
        var identity: DirectoryIdentity
        var entries: [Entry]
        var index = 0
    }

    private struct DirectoryIdentity: Equatable { var device: UInt64, inode: UInt64 }

    private struct Entry {
        enum Kind { case file, directory(DirectoryIdentity), failure(String) }
        var sortKey: [UInt8]
        var path: [UInt8]
        var kind: Kind
    }

    /// `standardInputFD` is a parameter so tests can feed a pipe; `shouldStop` ends a path
    /// list read from it early (a signal while waiting for a slow producer).
    public init(roots: [InputRoot], options: InputOptions, standardInputFD: Int32 = 0,
                shouldStop: @escaping () -> Bool = { false }) {
        self.roots = roots.reversed()
        self.options = options
        self.lowercasedExtensions = Set(options.extensions.map { $0.lowercased() })
        self.standardInputFD = standardInputFD
        self.shouldStop = shouldStop
    }

    private let standardInputFD: Int32
    private let shouldStop: () -> Bool

    /// The next input in order, or nil when every root is exhausted.
    public func next() -> InputItem? {
        while true {
            if let item = nextFromStack() { return item }
            if let reader = stdinReader {
                if let path = reader.next() { return fileOnly(path) }
                stdinReader = nil
                if let error = reader.readError {
                    return InputItem(pathBytes: Array("-".utf8),
                                     failure: "cannot read the path list from stdin: \(error.text)")
                }
                continue
            }
            guard let root = roots.popLast() else { return nil }
            switch root {
            case .standardInput(let separator):
                stdinReader = PathListReader(fd: standardInputFD, separator: separator, shouldStop: shouldStop)
            case .path(let path):
                if let item = start(path) { return item }
            }
        }
    }

    // MARK: Roots

    /// A path argument: returns an item for a file or failure, or pushes a directory frame.
    private func start(_ path: [UInt8]) -> InputItem? {
        switch Syscalls.status(path, followLinks: true) {
        case .failure(let error):
            return InputItem(pathBytes: path, failure: describeMissing(path, error))
        case .success(let status):
            switch status.kind {
            case .directory:
                return push(path, identity: DirectoryIdentity(device: status.device, inode: status.inode))
            case .regular:
                return InputItem(pathBytes: path)
            case .symlink, .other:
                return InputItem(pathBytes: path, failure: "not a regular file")
            }
        }
    }

    /// A path read from stdin: files only.
    private func fileOnly(_ path: [UInt8]) -> InputItem {
        switch Syscalls.status(path, followLinks: true) {
        case .failure(let error): return InputItem(pathBytes: path, failure: describeMissing(path, error))
        case .success(let status):
            switch status.kind {
            case .regular: return InputItem(pathBytes: path)
            case .directory: return InputItem(pathBytes: path, failure: "is a directory, not an image file")
            case .symlink, .other: return InputItem(pathBytes: path, failure: "not a regular file")
            }
        }
    }

    // MARK: Walking

    private func nextFromStack() -> InputItem? {
        while let top = stack.indices.last {
            guard stack[top].index < stack[top].entries.count else {
                stack.removeLast()
                continue
            }
            let entry = stack[top].entries[stack[top].index]
            stack[top].index += 1
            switch entry.kind {
            case .file: return InputItem(pathBytes: entry.path)
            case .failure(let message): return InputItem(pathBytes: entry.path, failure: message)
            case .directory(let identity):
                // A directory already on the current path is a symlink loop: skip it.
                if stack.contains(where: { $0.identity == identity }) { continue }
                if let item = push(entry.path, identity: identity) { return item }
            }
        }
        return nil
    }

    /// Lists a directory and pushes its frame; returns an error item if it cannot be listed.
    private func push(_ path: [UInt8], identity: DirectoryIdentity) -> InputItem? {
        switch Syscalls.directoryEntries(path) {
        case .failure(let error):
            return InputItem(pathBytes: path, failure: "cannot list directory: \(error.text)")
        case .success(let names):
            let prefix = path.last == 0x2F ? path : path + [0x2F]
            var entries: [Entry] = []
            for name in names {
                if let entry = classify(name: name, path: prefix + name) { entries.append(entry) }
            }
            entries.sort { $0.sortKey.lexicographicallyPrecedes($1.sortKey) }
            stack.append(Frame(identity: identity, entries: entries))
            return nil
        }
    }

    /// Decides what a directory entry is, or nil when it is skipped.
    private func classify(name: [UInt8], path: [UInt8]) -> Entry? {
        if !options.includeHidden && name.first == 0x2E { return nil }
        let looksLikeImage = matchesExtension(name)
        func failure(_ message: String) -> Entry? {
            looksLikeImage ? Entry(sortKey: name, path: path, kind: .failure(message)) : nil
        }
        var status: Syscalls.FileStatus
        switch Syscalls.status(path, followLinks: false) {
        case .failure(let error): return failure(describeMissing(path, error))  // vanished
        case .success(let s): status = s
        }
        if status.kind == .symlink {
            guard options.followSymlinks else { return nil }
            switch Syscalls.status(path, followLinks: true) {
            case .failure(let error): return failure(describeMissing(path, error))
            case .success(let s): status = s
            }
        }
        switch status.kind {
        case .regular:
            return looksLikeImage ? Entry(sortKey: name, path: path, kind: .file) : nil
        case .directory:
            // With an extension filter, a directory named like an image is an error row; with
            // none ([] keeps every file), every directory is simply walked.
            if looksLikeImage && !lowercasedExtensions.isEmpty { return failure("is a directory, not an image file") }
            let identity = DirectoryIdentity(device: status.device, inode: status.inode)
            return Entry(sortKey: name + [0x2F], path: path, kind: .directory(identity))
        case .symlink, .other:
            return failure("not a regular file")
        }
    }

    private func matchesExtension(_ name: [UInt8]) -> Bool {
        if lowercasedExtensions.isEmpty { return true }
        guard let dot = name.lastIndex(of: 0x2E), dot > 0 else { return false }
        let ext = String(decoding: name[(dot + 1)...], as: UTF8.self).lowercased()
        return lowercasedExtensions.contains(ext)
    }

    /// Explains a failed `stat`: a broken link and a link loop get their own words.
    private func describeMissing(_ path: [UInt8], _ error: Syscalls.Errno) -> String {
        if error.isLoop { return "symbolic link loop" }
        if error.isNotFound {
            if case .success(let s) = Syscalls.status(path, followLinks: false), s.kind == .symlink {
                return "broken symbolic link (its target does not exist)"
            }
            return "no such file or directory"
        }
        return "cannot read: \(error.text)"
    }
}

/// Which files the walker picks up inside directories.
public struct InputOptions: Sendable, Equatable {
    /// Extensions kept when walking, case-insensitive, without the dot; empty keeps all files.
    public var extensions: [String] = ["png", "jpg", "jpeg"]
    /// Walk into hidden files and directories (names starting with ".").
    public var includeHidden = false
    /// Follow symbolic links (loops are detected and skipped).
    public var followSymlinks = true
    public init() {}
}
