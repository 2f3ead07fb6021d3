import ImageDecoding

/// The decoders alone, both outputs: sniffing, the libjpeg/libpng shims and their error
/// recovery, EXIF parsing and orientation, gray and RGB conversion. Without segmentation
/// after it, each input costs less, so libFuzzer goes deeper into the headers.
private let options = DecodeOptions(maxPixels: 4_000_000, applyExifOrientation: true)

/// libFuzzer's entry point: one input per call; the return value must be 0.
@_cdecl("LLVMFuzzerTestOneInput")
public func decodeFuzz(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    let bytes = data.map { Array(UnsafeBufferPointer(start: $0, count: size)) } ?? []
    let gray = try? ImageDecoder.decode(bytes, options: options)
    let rgb = try? ImageDecoder.decodeRGB(bytes, options: options)
    // The two paths read the same header: they must agree on whether and how big
    // (a trap here is the fuzzer's oracle, not input handling).
    if let gray, let rgb {
        precondition(gray.width == rgb.width && gray.height == rgb.height,
                     "gray \(gray.width)×\(gray.height) but RGB \(rgb.width)×\(rgb.height)")
    }
    if let gray { precondition(gray.width * gray.height <= 4_000_000, "over maxPixels") }
    return 0
}
