import CImageCodecs

/// Owns one libpng simplified-API reader (the shim's `CImageCodecs_PNG`, a `png_image`) for a
/// single decode, and frees it in `deinit`. Each shim function is called from one method here.
///
/// The bytes given to `readHeader` are read again by `readPixels`; the caller keeps them alive
/// and unchanged for the object's whole life.
final class PNGReader {
    /// What the header says (`CImageCodecs_PNGHeader`).
    struct Header {
        var width: Int
        var height: Int
        /// RGB, RGBA or palette: decoded as RGBA rather than gray + alpha.
        var hasColor: Bool
    }

    private let handle: OpaquePointer

    /// - Throws: `DecodingError.Kind.outOfMemory` when the reader cannot be allocated.
    init() throws(DecodingError) {
        guard let handle = CImageCodecs_png_create() else {
            throw DecodingError(.outOfMemory, "out of memory starting the PNG decoder")
        }
        self.handle = handle
    }

    deinit {
        CImageCodecs_png_destroy(handle)
    }

    /// Reads the chunks before the image data (`png_image_begin_read_from_memory`).
    /// - Throws: `DecodingError` when the signature, IHDR or a critical chunk is bad.
    func readHeader(_ data: UnsafeBufferPointer<UInt8>) throws(DecodingError) -> Header {
        var header = CImageCodecs_PNGHeader()
        let status = CImageCodecs_png_read_header(handle, data.baseAddress, data.count, &header)
        try checkCodecStatus(status, format: .png, message: message)
        try checkWarnings()
        return Header(width: Int(header.width), height: Int(header.height), hasColor: header.hasColor != 0)
    }

    /// Decodes every pixel (`png_image_finish_read`) as 8-bit gray + alpha, or RGBA when
    /// `color`; alpha is straight, not premultiplied. Call once, after `readHeader`.
    /// - Throws: `DecodingError` for damaged or truncated data.
    func readPixels(color: Bool, width: Int, height: Int) throws(DecodingError) -> [UInt8] {
        let output = color ? CImageCodecs_PNGOutputRGBA : CImageCodecs_PNGOutputGrayAlpha
        var pixels = [UInt8](repeating: 0, count: width * height * Int(output.rawValue))
        let status = pixels.withUnsafeMutableBufferPointer { buffer in
            CImageCodecs_png_read_pixels(handle, output, buffer.baseAddress, buffer.count)
        }
        try checkCodecStatus(status, format: .png, message: message)
        try checkWarnings()
        return pixels
    }

    /// libpng only warns about a bad CRC in an ancillary chunk (text, gamma, ...) and drops
    /// the chunk; a failed checksum still means the file is damaged, so it is refused too.
    /// Other warnings (e.g. a known-incorrect sRGB profile) are common in good files.
    private func checkWarnings() throws(DecodingError) {
        guard CImageCodecs_png_warned(handle) != 0 else { return }
        let text = message()
        if text.contains("CRC error") {
            throw DecodingError(.corrupt, "corrupt PNG: \(text)")
        }
    }

    private func message() -> String {
        String(cString: CImageCodecs_png_message(handle))
    }
}
