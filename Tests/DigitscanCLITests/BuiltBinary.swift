import Foundation

/// Where `swift test` put the `digitscan` executable, and the repository it was built from.
enum BuiltBinary {
    /// The repository root (this file is Tests/DigitscanCLITests/BuiltBinary.swift).
    static let repository = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// The executable beside the test bundle, or nil if it is not there. On Linux the test
    /// bundle is an executable and `Bundle(for:)` is the directory holding it; on macOS it is
    /// the .xctest bundle inside that directory.
    static func locate(testCase: AnyClass) -> URL? {
        let bundle = Bundle(for: testCase).bundleURL
        let products = bundle.pathExtension == "xctest" ? bundle.deletingLastPathComponent() : bundle
        let executable = products.appendingPathComponent("digitscan")
        return FileManager.default.isExecutableFile(atPath: executable.path) ? executable : nil
    }
}
