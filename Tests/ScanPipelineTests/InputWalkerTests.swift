import Foundation
import XCTest
@testable import ScanPipeline

final class InputWalkerTests: XCTestCase {
    private var dir: TemporaryDirectory!

    override func setUpWithError() throws {
        dir = try TemporaryDirectory()
        for name in ["b.png", "a.JPG", "a-b.png", "a/x.png", "a/y.txt", ".hidden.png", ".hid/z.png", "dir.png/q.png"] {
            try dir.write(name, [1])
        }
        try dir.symlink("loop", to: dir.path)
        try dir.symlink("broken.png", to: dir.path + "/nowhere")
        try dir.symlink("link.png", to: "a/x.png")
        try dir.symlink("cycle1.png", to: dir.path + "/cycle2.png")
        try dir.symlink("cycle2.png", to: dir.path + "/cycle1.png")
    }

    override func tearDown() { dir.remove() }

    private func walk(_ roots: [InputRoot], _ options: InputOptions = InputOptions(), stdin: Int32 = 0) -> [String] {
        let root = dir.path + "/"
        return Array(InputWalker(roots: roots, options: options, standardInputFD: stdin)).map { item in
            let relative = item.path.hasPrefix(root) ? String(item.path.dropFirst(root.count)) : item.path
            return relative + (item.failure.map { " ! \($0)" } ?? "")
        }
    }

    private var rootArgument: InputRoot { .path(Array(dir.path.utf8)) }

    func testWalkIsSortedByPathAndExplainsWhatCannotBeRead() {
        XCTAssertEqual(walk([rootArgument]), [
            "a-b.png",
            "a.JPG",
            "a/x.png",
            "b.png",
            "broken.png ! broken symbolic link (its target does not exist)",
            "cycle1.png ! symbolic link loop",
            "cycle2.png ! symbolic link loop",
            "dir.png ! is a directory, not an image file",
            "link.png",
        ])
    }

    func testHiddenEntriesAreIncludedOnRequest() {
        var options = InputOptions()
        options.includeHidden = true
        XCTAssertEqual(Array(walk([rootArgument], options).prefix(3)), [".hid/z.png", ".hidden.png", "a-b.png"])
    }

    func testSymlinksAreSkippedWhenNotFollowed() {
        var options = InputOptions()
        options.followSymlinks = false
        XCTAssertEqual(walk([rootArgument], options), [
            "a-b.png", "a.JPG", "a/x.png", "b.png", "dir.png ! is a directory, not an image file",
        ])
    }

    func testExtensionFilterIsCaseInsensitiveAndEmptyKeepsAll() {
        var options = InputOptions()
        options.extensions = ["TXT"]
        XCTAssertEqual(walk([rootArgument], options), ["a/y.txt"])
        options.extensions = []
        options.followSymlinks = false
        XCTAssertEqual(walk([rootArgument], options), [
            "a-b.png", "a.JPG", "a/x.png", "a/y.txt", "b.png", "dir.png/q.png",
        ])
    }

    func testExplicitArgumentsKeepTheirOrderAndAnyExtension() {
        let roots: [InputRoot] = [
            .path(Array((dir.path + "/a/y.txt").utf8)),
            .path(Array((dir.path + "/missing.png").utf8)),
            .path(Array((dir.path + "/a/").utf8)),
            .path(Array((dir.path + "/b.png/x").utf8)),
        ]
        XCTAssertEqual(walk(roots), [
            "a/y.txt",
            "missing.png ! no such file or directory",
            "a/x.png",
            "b.png/x ! cannot read: Not a directory",
        ])
    }

    func testStandardInputListsNameFilesOnly() throws {
        for (separator, nullSeparated) in [(UInt8(0x0A), false), (0, true)] {
            var fds: [Int32] = [0, 0]
            XCTAssertEqual(pipe(&fds), 0)
            let list = ["b.png", "a", "", "missing.png", "a/x.png"].map { $0.isEmpty ? "" : dir.path + "/" + $0 }
            let bytes = list.map { Array($0.utf8) + [separator] }.joined()
            _ = Array(bytes).withUnsafeBytes { write(fds[1], $0.baseAddress, $0.count) }
            close(fds[1])
            let root = InputRoot.argument("-", nullSeparated: nullSeparated)
            XCTAssertEqual(walk([root], stdin: fds[0]), [
                "b.png", "a ! is a directory, not an image file", "missing.png ! no such file or directory", "a/x.png",
            ])
            close(fds[0])
        }
    }

    func testUnreadableDirectoryBecomesARow() throws {
        guard geteuid() != 0 else { throw XCTSkip("root reads every directory; permissions cannot be tested") }
        try dir.mkdir("locked")
        try dir.write("locked/in.png", [1])
        chmod(dir.path + "/locked", 0)
        defer { chmod(dir.path + "/locked", 0o755) }
        var options = InputOptions()
        options.followSymlinks = false
        XCTAssertTrue(walk([rootArgument], options).contains("locked ! cannot list directory: Permission denied"))
    }

    func testNonUTF8NamesAreEscapedAndStillOpen() throws {
        let name: [UInt8] = Array("bad".utf8) + [0xFF] + Array(".png".utf8)
        let path = Array((dir.path + "/a/").utf8) + name
        let fd = Syscalls.withCPath(path) { open($0, O_WRONLY | O_CREAT, 0o644) }
        XCTAssertGreaterThanOrEqual(fd, 0)
        close(fd)
        let items = Array(InputWalker(roots: [.path(Array((dir.path + "/a").utf8))], options: InputOptions()))
        let odd = try XCTUnwrap(items.first { $0.pathBytes == path })
        XCTAssertTrue(odd.path.hasSuffix("/a/bad\\xFF.png"), odd.path)
        XCTAssertEqual(try Syscalls.readFile(odd.pathBytes, limit: 10).get(), [])
    }
}
