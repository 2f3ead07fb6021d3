import CImageCodecs

/// Owns one libjpeg decompressor (the shim's `CImageCodecs_JPEG`) for a single decode, and
/// frees it in `deinit`. Each shim function is called from exactly one method here.
///
/// The bytes given to `readHeader` are read again by `readPixels`; the caller keeps them alive
/// and unchanged for the object's whole life.
final class JPEGDecompressor {
    /// What the header says (`CImageCodecs_JPEGHeader`).
    struct Header {
        var width: Int
        var height: Int
        /// The stream holds CMYK or YCCK, which libjpeg only decodes to CMYK.
        var isCMYK: Bool
        /// An Adobe APP14 marker was present: Adobe CMYK is stored inverted (0 = full ink).
        var sawAdobeMarker: Bool
        /// The stream holds one gray channel.
        var isGray: Bool = false
    }

    /// What to decode to (`CImageCodecs_JPEGOutput`).
    enum Output {
        case gray
        case rgb
        case cmyk

        var channels: Int {
            switch self {
            case .gray: 1
            case .rgb: 3
            case .cmyk: 4
            }
        }

        fileprivate var shimValue: CImageCodecs_JPEGOutput {
            switch self {
            case .gray: CImageCodecs_JPEGOutputGray
            case .rgb: CImageCodecs_JPEGOutputRGB
            case .cmyk: CImageCodecs_JPEGOutputCMYK
            }
        }
    }

    private let handle: OpaquePointer

    /// - Throws: `DecodingError.Kind.outOfMemory` when libjpeg cannot be set up.
    init() throws(DecodingError) {
        guard let handle = CImageCodecs_jpeg_create() else {
            throw DecodingError(.outOfMemory, "out of memory starting the JPEG decoder")
        }
        self.handle = handle
    }

    deinit {
        CImageCodecs_jpeg_destroy(handle)
    }

    /// Reads markers up to the first scan (`jpeg_read_header`), keeping APP1 segments.
    /// - Throws: `DecodingError` when the header is damaged or unsupported.
    func readHeader(_ data: UnsafeBufferPointer<UInt8>) throws(DecodingError) -> Header {
        var header = CImageCodecs_JPEGHeader()
        let status = CImageCodecs_jpeg_read_header(handle, data.baseAddress, data.count, &header)
        try checkCodecStatus(status, format: .jpeg, message: message)
        let source = header.source
        return Header(width: Int(header.width), height: Int(header.height),
                      isCMYK: source == CImageCodecs_JPEGSourceCMYK || source == CImageCodecs_JPEGSourceYCCK,
                      sawAdobeMarker: header.sawAdobeMarker != 0, isGray: source == CImageCodecs_JPEGSourceGray)
    }

    /// The payloads of all APP1 segments (EXIF, XMP, ...), in file order.
    func app1Payloads() -> [[UInt8]] {
        var payloads: [[UInt8]] = []
        while true {
            var size = 0
            guard let start = CImageCodecs_jpeg_app1(handle, payloads.count, &size) else { break }
            payloads.append(Array(UnsafeBufferPointer(start: start, count: size)))
        }
        return payloads
    }

    /// Decodes every pixel to `output`; call once, after `readHeader`.
    /// - Throws: `DecodingError` for damaged data, including data libjpeg only warned about.
    func readPixels(as output: Output, width: Int, height: Int) throws(DecodingError) -> [UInt8] {
        var pixels = [UInt8](repeating: 0, count: width * height * output.channels)
        let status = pixels.withUnsafeMutableBufferPointer { buffer in
            CImageCodecs_jpeg_read_pixels(handle, output.shimValue, buffer.baseAddress, buffer.count)
        }
        try checkCodecStatus(status, format: .jpeg, message: message)
        return pixels
    }

    private func message() -> String {
        String(cString: CImageCodecs_jpeg_message(handle))
    }
}
