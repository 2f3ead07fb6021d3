/// Decodes JPEG and PNG bytes to 8-bit luminance.
///
/// Safe to call from several threads at once: every decode owns its codec state.
public enum ImageDecoder {
    /// Decodes `bytes` (a whole JPEG or PNG file) to gray.
    ///
    /// Colour becomes ITU-R BT.601 luma, exactly as libjpeg computes it, so a PNG and a JPEG of
    /// the same picture agree; transparency is composited over white; JPEG EXIF orientation is
    /// applied when `options.applyExifOrientation` is set.
    /// - Throws: `DecodingError` for empty input, an unrecognised format, an image over
    ///   `options.maxPixels` (checked from the header, before allocating), or damaged data.
    public static func decode(_ bytes: [UInt8], options: DecodeOptions = DecodeOptions())
        throws(DecodingError) -> GrayImage
    {
        let buffer = try decodePixels(bytes, options: options, layout: .gray)
        return GrayImage(width: buffer.width, height: buffer.height, pixels: buffer.pixels)
    }

    /// Decodes `bytes` to 8-bit RGB, for callers that choose their own gray conversion.
    ///
    /// Gray sources come out with R = G = B; CMYK JPEGs are converted naively (no ICC profile).
    /// - Throws: `DecodingError`, as `decode(_:options:)`.
    public static func decodeRGB(_ bytes: [UInt8], options: DecodeOptions = DecodeOptions())
        throws(DecodingError) -> RGBImage
    {
        let buffer = try decodePixels(bytes, options: options, layout: .rgb)
        return RGBImage(width: buffer.width, height: buffer.height, pixels: buffer.pixels)
    }

    /// Decodes `bytes` as the file stores them: gray when it holds no colour (no copy three
    /// bytes wide to make and read back), RGB otherwise, for callers that choose their own
    /// gray conversion of colour pictures.
    /// - Throws: `DecodingError`, as `decode(_:options:)`.
    public static func decodeAsStored(_ bytes: [UInt8], options: DecodeOptions = DecodeOptions())
        throws(DecodingError) -> DecodedImage
    {
        let buffer = try decodePixels(bytes, options: options, layout: nil)
        return buffer.channels == 1
            ? .gray(GrayImage(width: buffer.width, height: buffer.height, pixels: buffer.pixels))
            : .rgb(RGBImage(width: buffer.width, height: buffer.height, pixels: buffer.pixels))
    }

    /// `layout` nil: as the file stores it (gray or RGB).
    static func decodePixels(_ bytes: [UInt8], options: DecodeOptions, layout: PixelLayout?)
        throws(DecodingError) -> PixelBuffer
    {
        guard !bytes.isEmpty else {
            throw DecodingError(.empty, "empty file")
        }
        guard let format = ImageFormat.sniff(bytes) else {
            let start = bytes.prefix(4).map { hex($0) }.joined(separator: " ")
            throw DecodingError(.unrecognizedFormat, "not a JPEG or PNG file (starts with \(start))")
        }
        return try bytes.withUnsafeBufferPointer { (data) throws(DecodingError) -> PixelBuffer in
            switch format {
            case .jpeg: try decodeJPEG(data, options: options, layout: layout)
            case .png: try decodePNG(data, options: options, layout: layout)
            }
        }
    }

    /// Refuses a `width`×`height` image over the limit; called between header and pixels.
    static func checkSize(width: Int, height: Int, options: DecodeOptions) throws(DecodingError) {
        let (pixels, overflow) = width.multipliedReportingOverflow(by: height)
        guard overflow || pixels > options.maxPixels else { return }
        let limit = options.maxPixels % 1_000_000 == 0 && options.maxPixels > 0
            ? "\(options.maxPixels / 1_000_000)-megapixel" : "\(options.maxPixels)-pixel"
        throw DecodingError(.tooLarge,
                            "image \(width)×\(height) exceeds the \(limit) limit; raise limits.maxPixels")
    }

    private static func hex(_ byte: UInt8) -> String {
        let digits = String(byte, radix: 16, uppercase: true)
        return digits.count == 1 ? "0" + digits : digits
    }
}
