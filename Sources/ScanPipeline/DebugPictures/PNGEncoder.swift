import CZlib
import ImageDecoding

/// Writes 8-bit gray and RGB images as PNG files, for the `--debug-dir` pictures.
///
/// The smallest valid PNG: signature, `IHDR`, one `IDAT` holding every scanline with filter
/// type 0 (none) deflated by zlib's `compress2`, and `IEND`; each chunk's CRC comes from
/// zlib's `crc32`. No interlacing, no ancillary chunks. Filter type 0 keeps the encoder short;
/// the pictures are small enough that better filtering would not be worth its code.
public enum PNGEncoder {
    /// The PNG bytes of a gray image (colour type 0).
    ///
    /// - Throws: `PipelineError.output` naming `what` when the image is empty or zlib fails.
    public static func encode(_ image: GrayImage, what: String = "PNG") throws(PipelineError) -> [UInt8] {
        try encode(width: image.width, height: image.height, channels: 1, pixels: image.pixels, what: what)
    }

    /// The PNG bytes of an RGB image (colour type 2).
    ///
    /// - Throws: `PipelineError.output` naming `what` when the image is empty or zlib fails.
    public static func encode(_ image: RGBImage, what: String = "PNG") throws(PipelineError) -> [UInt8] {
        try encode(width: image.width, height: image.height, channels: 3, pixels: image.pixels, what: what)
    }

    static func encode(width: Int, height: Int, channels: Int, pixels: [UInt8],
                       what: String) throws(PipelineError) -> [UInt8] {
        // PNG dimensions are 31-bit and at least 1.
        guard (1...Int(Int32.max)).contains(width), (1...Int(Int32.max)).contains(height) else {
            throw .output(path: what, message: "cannot encode a \(width)×\(height) image as PNG")
        }
        var header: [UInt8] = []
        append32(UInt32(width), to: &header)
        append32(UInt32(height), to: &header)
        // Bit depth 8; colour type 0 (gray) or 2 (RGB); deflate; adaptive filtering; no interlace.
        header += [8, channels == 3 ? 2 : 0, 0, 0, 0]

        // Each scanline is preceded by its filter type byte (0: none).
        let rowBytes = width * channels
        var raw = [UInt8](repeating: 0, count: height * (rowBytes + 1))
        for y in 0..<height {
            raw[(y * (rowBytes + 1) + 1)..<((y + 1) * (rowBytes + 1))] = pixels[(y * rowBytes)..<((y + 1) * rowBytes)]
        }

        var png: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]
        appendChunk("IHDR", header, to: &png)
        appendChunk("IDAT", try deflate(raw, what: what), to: &png)
        appendChunk("IEND", [], to: &png)
        return png
    }

    /// zlib's `compress2` at the default level: a zlib stream, as `IDAT` wants.
    static func deflate(_ data: [UInt8], what: String) throws(PipelineError) -> [UInt8] {
        var capacity = compressBound(uLong(data.count))
        var out = [UInt8](repeating: 0, count: Int(capacity))
        let rc = out.withUnsafeMutableBufferPointer { dst in
            data.withUnsafeBufferPointer { src in
                compress2(dst.baseAddress, &capacity, src.baseAddress, uLong(src.count), Z_DEFAULT_COMPRESSION)
            }
        }
        guard rc == Z_OK else { throw .output(path: what, message: "zlib compress2 failed (\(rc))") }
        out.removeLast(out.count - Int(capacity))
        return out
    }

    /// Length, type, data and the CRC-32 of type and data.
    static func appendChunk(_ type: String, _ data: [UInt8], to png: inout [UInt8]) {
        append32(UInt32(data.count), to: &png)
        let typeAndData = Array(type.utf8) + data
        png += typeAndData
        let crc = typeAndData.withUnsafeBufferPointer { crc32(0, $0.baseAddress, uInt($0.count)) }
        append32(UInt32(truncatingIfNeeded: crc), to: &png)
    }

    /// Big-endian, as every PNG integer.
    static func append32(_ value: UInt32, to bytes: inout [UInt8]) {
        bytes += [UInt8(value >> 24), UInt8(truncatingIfNeeded: value >> 16),
                  UInt8(truncatingIfNeeded: value >> 8), UInt8(truncatingIfNeeded: value)]
    }
}
