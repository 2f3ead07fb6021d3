import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Builds the hostile corpus in a scratch directory at test time: broken and odd images,
/// file-system traps and pathological pages, each with the row the CLI must write for it.
///
/// Built from the committed decoding fixtures and samples plus pages drawn here, so the
/// corpus needs nothing but the repository. File names are bytes (some are not UTF-8).
struct HostileCorpus {
    /// What the row for one input must say.
    enum Expect: CustomStringConvertible {
        /// `status=error` and an error message containing this text.
        case error(String)
        /// Decoded and segmented: any status but `error`.
        case decoded
        /// `no_digits`.
        case noDigits
        /// Any status: only "exactly one row, nothing crashed" is required (e.g. flipped bits
        /// in JPEG scan data, which libjpeg may or may not notice).
        case anyStatus

        var description: String {
            switch self {
            case .error(let text): return "error containing \"\(text)\""
            case .decoded: return "decoded (not error)"
            case .noDigits: return "no_digits"
            case .anyStatus: return "any status"
            }
        }
    }

    struct Case {
        /// The path bytes as the CLI receives them (relative to the run's directory).
        var path: [UInt8]
        var expect: Expect
    }

    /// Inputs inside the walked directory, in no particular order.
    private(set) var walked: [Case] = []
    /// Inputs listed on standard input (after the directory).
    private(set) var listed: [Case] = []
    /// The corpus directory's name inside the run's directory.
    let folder = "corpus"
    let root: URL

    /// Builds every case under `directory/corpus` (and a few files in `directory` itself).
    init(in directory: URL) throws {
        root = directory
        try FileManager.default.createDirectory(at: directory.appendingPathComponent(folder),
                                                withIntermediateDirectories: true)
        try addCorruptData()
        try addFormats()
        try addFileSystemCases()
        try addNames()
        try addPathologicalPages()
    }

    // MARK: Sources

    static let repository = CLIRunner.repository
    static func fixture(_ name: String) throws -> [UInt8] {
        Array(try Data(contentsOf: repository.appendingPathComponent("Tests/ImageDecodingTests/Fixtures/\(name)")))
    }
    static func sample(_ name: String) throws -> [UInt8] {
        Array(try Data(contentsOf: repository.appendingPathComponent("samples/\(name)")))
    }

    // MARK: Corrupt data

    private mutating func addCorruptData() throws {
        let jpeg = try Self.sample("small-digit.jpg")
        let png = try Self.sample("single-digit.png")
        let truncatedMessage = "truncated"
        // Truncated at many offsets: inside the signature, the headers, and the data.
        for offset in [1, 2, 3, 4, 11, 20, 60, 120, 200, 300, 400, 500, 600, 700, jpeg.count - 8] {
            try add("truncated/small-digit-\(offset).jpg", Array(jpeg.prefix(offset)),
                    offset < 200 ? .error("") : .error(truncatedMessage))
        }
        for offset in [1, 7, 8, 16, 29, 33, 40, 100, 1_000, 4_000, 8_000, png.count - 20] {
            try add("truncated/single-digit-\(offset).png", Array(png.prefix(offset)), .error(""))
        }
        // Only IEND is missing: every pixel is there, so the image is read.
        try add("truncated/single-digit-no-iend.png", Array(png.prefix(png.count - 12)), .decoded)

        // Flipped bytes: in the JPEG headers (SOI, DQT, SOF) and in its scan data.
        for offset in [0, 1, 3, 25, 160, 165] {
            try add("flipped/small-digit-header-\(offset).jpg", flipped(jpeg, at: offset), .anyStatus)
        }
        for offset in stride(from: jpeg.count / 2, to: jpeg.count - 2, by: 61) {
            try add("flipped/small-digit-data-\(offset).jpg", flipped(jpeg, at: offset), .anyStatus)
        }
        // In the PNG signature and IHDR (the CRC then fails) and in IDAT (CRC fails too).
        for offset in [0, 4, 12, 17, 20, 100, png.count / 2] {
            try add("flipped/single-digit-\(offset).png", flipped(png, at: offset), .error(""))
        }

        try add("empty.jpg", [], .error("empty file"))
        try add("empty.png", [], .error("empty file"))
        try add("text-named.jpg", Array("Dear scanner, this is not a JPEG.\n".utf8), .error(""))
        try add("bad-crc.png", try Self.fixture("broken_bad_crc.png"), .error(""))
        try add("bad-crc-text-chunk.png", try Self.fixture("broken_bad_crc_text.png"), .anyStatus)
        try add("bad-marker.jpg", try Self.fixture("broken_bad_marker.jpg"), .error(""))

        // Absurd header dimensions, refused before any pixel is allocated.
        try add("huge-60000x60000.png", HostilePNG.file(width: 60_000, height: 60_000, bitDepth: 8,
                                                        colorType: .gray, scanlines: [0, 0, 0]),
                .error("limits.maxPixels"))
        try add("huge-60000x60000.jpg", try jpegWithSize(width: 60_000, height: 60_000), .error("limits.maxPixels"))
        try add("tall-1x100000.png", HostilePNG.file(width: 1, height: 100_000, bitDepth: 8,
                                                     colorType: .gray, scanlines: [0, 0]),
                .error(""))
        try add("wide-65500x1.jpg", try jpegWithSize(width: 65_500, height: 1), .error(""))
    }

    // MARK: Formats that must decode

    private mutating func addFormats() throws {
        try add("formats/png-named.jpg", try Self.sample("single-digit.png"), .decoded)
        try add("formats/jpeg-named.png", try Self.sample("small-digit.jpg"), .decoded)
        try add("formats/white-1x1.png", HostilePNG.gray(width: 1, height: 1, pixels: [255]), .noDigits)
        try add("formats/black-1x1.png", HostilePNG.gray(width: 1, height: 1, pixels: [0]), .noDigits)
        try add("formats/gray16.png", try Self.fixture("png_gray16.png"), .decoded)
        try add("formats/scan-16bit.png", try Self.sample("scan-16bit.png"), .decoded)
        try add("formats/palette-trns.png", try Self.fixture("png_palette_trns.png"), .decoded)
        try add("formats/fax-palette.png", try Self.sample("fax-palette.png"), .decoded)
        try add("formats/cmyk.jpg", try Self.fixture("jpeg_cmyk.jpg"), .decoded)
        try add("formats/progressive.jpg", try Self.fixture("jpeg_progressive.jpg"), .decoded)
        let page = HostilePages.denseText(width: 120, height: 60, seed: 7).pixels
        try add("formats/drawn-16bit.png", HostilePNG.gray16(width: 120, height: 60, pixels: page), .decoded)
        try add("formats/drawn-palette.png", HostilePNG.palette(width: 120, height: 60, pixels: page), .decoded)
    }

    // MARK: File system

    private mutating func addFileSystemCases() throws {
        let good = try Self.sample("single-digit.png")
        let unreadable = try add("fs/unreadable.png", good,
                                 geteuid() == 0 ? .decoded : .error("Permission denied"))
        // As root the mode bits do not stop reading: the row is then an ordinary decoded one.
        chmod(unreadable, 0)
        try FileManager.default.createDirectory(at: url("fs/directory.png"), withIntermediateDirectories: true)
        walked.append(Case(path: corpusPath("fs/directory.png"), expect: .error("is a directory")))
        try symlink("fs/broken-link.png", to: "does-not-exist.png", .error("broken symbolic link"))
        try symlink("fs/loop-a.png", to: "loop-b.png", .error("symbolic link loop"))
        try symlink("fs/loop-b.png", to: "loop-a.png", .error("symbolic link loop"))
        // A directory link back to its parent: walked once, then skipped (no row, no hang).
        try FileManager.default.createSymbolicLink(atPath: url("fs/sub").path, withDestinationPath: ".")

        // Listed on stdin but gone by the time it is read (the file vanished after listing).
        listed.append(Case(path: Array("vanished-after-listing.png".utf8), expect: .error("no such file")))
        // A directory listed on stdin is a row of its own, not a walk.
        listed.append(Case(path: Array("\(folder)/fs".utf8), expect: .error("is a directory")))
    }

    // MARK: Names

    private mutating func addNames() throws {
        let good = try Self.sample("single-digit.png")
        for name in ["names/comma,in,name.png", "names/quote\"in\"name.png", "names/new\nline.png",
                     "names/-leading-dash.png", "names/carriage\rreturn.png", "names/tab\tand space.png",
                     "names/ünïcödé-名前.png", "names/back\\slash.png"] {
            try add(name, good, .decoded)
        }
        // Not UTF-8: a Latin-1 é, a lone continuation byte, a truncated 3-byte sequence.
        for bytes: [UInt8] in [[0x63, 0x61, 0x66, 0xE9], [0x80, 0x41], [0xE2, 0x82]] {
            try add(Array("names/".utf8) + bytes + Array(".png".utf8), good, .decoded)
        }
        // A file whose name starts with "-" in the working directory, listed on stdin.
        try write(root.appendingPathComponent("-dash-listed.png").path, good)
        listed.append(Case(path: Array("-dash-listed.png".utf8), expect: .decoded))
    }

    // MARK: Pathological pages

    private mutating func addPathologicalPages() throws {
        // About 67,000 specks: refused by segmentation.maxComponents (50,000), with the count.
        try add("pages/specks.png", HostilePNG.gray(width: 1_500, height: 1_500,
                                                    pixels: HostilePages.specks(width: 1_500, height: 1_500, seed: 1)),
                .error("ink components"))
        try add("pages/noise-uniform.png",
                HostilePNG.gray(width: 1_000, height: 1_000, pixels: HostilePages.uniformNoise(width: 1_000, height: 1_000, seed: 2)),
                .anyStatus)
        try add("pages/all-black.png", HostilePNG.gray(width: 800, height: 600,
                                                       pixels: HostilePages.flat(width: 800, height: 600, value: 0)),
                .noDigits)
        try add("pages/all-white.png", HostilePNG.gray(width: 800, height: 600,
                                                       pixels: HostilePages.flat(width: 800, height: 600, value: 255)),
                .noDigits)
        // About 3,500 letter-sized marks: under the limits, so classified (and quickly).
        let text = HostilePages.denseText(width: 1_000, height: 600, seed: 3)
        try add("pages/dense-text.png", HostilePNG.gray(width: 1_000, height: 600, pixels: text.pixels), .decoded)
        // About 8,000 marks: over limits.maxDigitsPerFile (5,000), refused before the network.
        let page = HostilePages.denseText(width: 1_400, height: 1_000, seed: 4)
        try add("pages/denser-text.png", HostilePNG.gray(width: 1_400, height: 1_000, pixels: page.pixels),
                .error("limits.maxDigitsPerFile"))
    }

    // MARK: Helpers

    private func url(_ relative: String) -> URL { root.appendingPathComponent(folder).appendingPathComponent(relative) }
    private func corpusPath(_ relative: [UInt8]) -> [UInt8] { Array("\(folder)/".utf8) + relative }
    private func corpusPath(_ relative: String) -> [UInt8] { corpusPath(Array(relative.utf8)) }

    @discardableResult
    private mutating func add(_ relative: String, _ bytes: [UInt8], _ expect: Expect) throws -> String {
        try add(Array(relative.utf8), bytes, expect)
        return url(relative).path
    }

    private mutating func add(_ relative: [UInt8], _ bytes: [UInt8], _ expect: Expect) throws {
        let path = Array(root.path.utf8) + [0x2F] + corpusPath(relative)
        if let slash = path.lastIndex(of: 0x2F) {
            try FileManager.default.createDirectory(atPath: String(decoding: path[..<slash], as: UTF8.self),
                                                    withIntermediateDirectories: true)
        }
        try Self.write(path, bytes)
        walked.append(Case(path: corpusPath(relative), expect: expect))
    }

    private mutating func symlink(_ relative: String, to destination: String, _ expect: Expect) throws {
        try FileManager.default.createDirectory(at: url(relative).deletingLastPathComponent(), withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(atPath: url(relative).path, withDestinationPath: destination)
        walked.append(Case(path: corpusPath(relative), expect: expect))
    }

    private func write(_ path: String, _ bytes: [UInt8]) throws { try Self.write(Array(path.utf8), bytes) }

    /// Writes `bytes` to a path given as raw bytes (Foundation cannot name non-UTF-8 files).
    static func write(_ path: [UInt8], _ bytes: [UInt8]) throws {
        let cPath = path.map { CChar(bitPattern: $0) } + [0]
        let fd = open(cPath, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        guard fd >= 0 else { throw CLIRunner.SetupError(description: "cannot create \(path): errno \(errno)") }
        defer { close(fd) }
        let written = bytes.withUnsafeBytes { Glibc.write(fd, $0.baseAddress, $0.count) }
        guard written == bytes.count else { throw CLIRunner.SetupError(description: "short write to \(path)") }
    }

    private func flipped(_ bytes: [UInt8], at offset: Int) -> [UInt8] {
        var copy = bytes
        copy[offset] ^= 0xFF
        return copy
    }

    /// The gray JPEG fixture with its SOF0 frame header rewritten to claim `width × height`.
    private func jpegWithSize(width: Int, height: Int) throws -> [UInt8] {
        var jpeg = try Self.fixture("jpeg_gray.jpg")
        // Walk the marker segments to SOF0 rather than guessing its offset.
        var i = 2
        while i + 9 < jpeg.count, jpeg[i] == 0xFF {
            let marker = jpeg[i + 1]
            let length = Int(jpeg[i + 2]) << 8 | Int(jpeg[i + 3])
            if marker == 0xC0 || marker == 0xC2 {
                jpeg[i + 5] = UInt8(height >> 8); jpeg[i + 6] = UInt8(height & 0xFF)
                jpeg[i + 7] = UInt8(width >> 8); jpeg[i + 8] = UInt8(width & 0xFF)
                return jpeg
            }
            i += 2 + length
        }
        throw CLIRunner.SetupError(description: "jpeg_gray.jpg has no SOF0/SOF2 segment")
    }
}
