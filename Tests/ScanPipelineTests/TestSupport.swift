import Foundation
import XCTest
@testable import ScanPipeline

/// The repository's root, where the shipped model and the committed fixtures are.
enum Repository {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().path
}

/// A fresh directory under the system temporary directory, removed by `remove()`.
struct TemporaryDirectory {
    let path: String

    init() throws {
        path = NSTemporaryDirectory() + "digitscan-test-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }

    func remove() { try? FileManager.default.removeItem(atPath: path) }

    /// Writes `bytes` at `relative` (creating parent directories) and returns the full path.
    @discardableResult
    func write(_ relative: String, _ bytes: [UInt8] = []) throws -> String {
        let full = path + "/" + relative
        try FileManager.default.createDirectory(atPath: (full as NSString).deletingLastPathComponent,
                                                withIntermediateDirectories: true)
        try Data(bytes).write(to: URL(fileURLWithPath: full))
        return full
    }

    func mkdir(_ relative: String) throws {
        try FileManager.default.createDirectory(atPath: path + "/" + relative, withIntermediateDirectories: true)
    }

    func symlink(_ relative: String, to destination: String) throws {
        try FileManager.default.createSymbolicLink(atPath: path + "/" + relative, withDestinationPath: destination)
    }
}

/// A classifier with known answers computed from the pixels alone: the class is the ink sum
/// / 255 modulo 10, with probability 0.9 for even classes and 0.5 for odd ones. Results
/// depend only on each image, so any batching or thread count must give the same rows.
struct FakeClassifier: DigitClassifier {
    let classes = 10
    let inputSide = 28

    func probabilities(pixels: [Float], count: Int, threads: Int) -> [Float] {
        var out = [Float](repeating: 0, count: count * 10)
        for n in 0..<count {
            let ink = pixels[(n * 784)..<((n + 1) * 784)].reduce(0, +)
            let cls = Int(ink / 255) % 10
            let p: Float = cls % 2 == 0 ? 0.9 : 0.5
            for c in 0..<10 { out[n * 10 + c] = c == cls ? p : (1 - p) / 9 }
        }
        return out
    }
}

/// Writes minimal 8-bit grayscale PNGs (stored, uncompressed deflate) so tests need no
/// image files and no encoder library.
enum PNGWriter {
    static func gray(width: Int, height: Int, pixels: [UInt8]) -> [UInt8] {
        var raw: [UInt8] = []
        for y in 0..<height {
            raw.append(0)  // filter: none
            raw.append(contentsOf: pixels[(y * width)..<((y + 1) * width)])
        }
        var zlib: [UInt8] = [0x78, 0x01]
        var offset = 0
        repeat {
            let n = min(65535, raw.count - offset)
            let final: UInt8 = offset + n == raw.count ? 1 : 0
            zlib += [final, UInt8(n & 0xFF), UInt8(n >> 8), UInt8(~n & 0xFF), UInt8((~n >> 8) & 0xFF)]
            zlib += raw[offset..<(offset + n)]
            offset += n
        } while offset < raw.count
        zlib += bigEndian(adler32(raw))
        var png: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]
        png += chunk("IHDR", bigEndian(UInt32(width)) + bigEndian(UInt32(height)) + [8, 0, 0, 0, 0])
        png += chunk("IDAT", zlib)
        png += chunk("IEND", [])
        return png
    }

    /// A white page with black rectangles (x, y, w, h): each is one "digit" for the segmenter.
    static func page(width: Int, height: Int, boxes: [(Int, Int, Int, Int)]) -> [UInt8] {
        var pixels = [UInt8](repeating: 255, count: width * height)
        for (bx, by, bw, bh) in boxes {
            for y in by..<(by + bh) { for x in bx..<(bx + bw) { pixels[y * width + x] = 0 } }
        }
        return gray(width: width, height: height, pixels: pixels)
    }

    private static func chunk(_ type: String, _ data: [UInt8]) -> [UInt8] {
        let body = Array(type.utf8) + data
        return bigEndian(UInt32(data.count)) + body + bigEndian(crc32(body))
    }

    private static func bigEndian(_ v: UInt32) -> [UInt8] {
        [UInt8(v >> 24), UInt8((v >> 16) & 0xFF), UInt8((v >> 8) & 0xFF), UInt8(v & 0xFF)]
    }

    private static func crc32(_ bytes: [UInt8]) -> UInt32 {
        var c: UInt32 = 0xFFFF_FFFF
        for b in bytes {
            c ^= UInt32(b)
            for _ in 0..<8 { c = c & 1 == 1 ? 0xEDB8_8320 ^ (c >> 1) : c >> 1 }
        }
        return ~c
    }

    private static func adler32(_ bytes: [UInt8]) -> UInt32 {
        var a: UInt32 = 1, b: UInt32 = 0
        for x in bytes { a = (a + UInt32(x)) % 65521; b = (b + a) % 65521 }
        return b << 16 | a
    }
}
