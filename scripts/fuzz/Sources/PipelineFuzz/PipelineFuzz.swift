import DigitSegmentation
import ImageDecoding

/// The pipeline's untrusted-input path, as `FileProcessor` runs it: sniff and decode the bytes
/// with a small pixel limit, then threshold, label, merge, group and normalise the digits.
///
/// The limits are small (4 megapixels, 20,000 components) so each input runs in milliseconds
/// and libFuzzer explores formats rather than waiting on big pages. Errors are the expected
/// outcome for most inputs; only a crash, a leak or a hang is a finding.
private let options = DecodeOptions(maxPixels: 4_000_000, applyExifOrientation: true)
private let segmenter: DigitSegmenter = {
    var config = SegmentationConfig()
    config.maxComponents = 20_000
    return DigitSegmenter(config: config)
}()

/// libFuzzer's entry point: one input per call; the return value must be 0.
@_cdecl("LLVMFuzzerTestOneInput")
public func pipelineFuzz(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    let bytes = data.map { Array(UnsafeBufferPointer(start: $0, count: size)) } ?? []
    // Colour in, as FileProcessor decodes it: segmentation picks the gray conversion itself.
    guard let image = try? ImageDecoder.decodeRGB(bytes, options: options) else { return 0 }
    guard let digits = try? segmenter.segment(image) else { return 0 }
    // Check the contract callers rely on, so a silent violation becomes a finding too
    // (a trap here is the fuzzer's oracle, not input handling).
    let side = segmenter.config.canvas
    for digit in digits {
        let b = digit.box
        precondition(digit.pixels.count == side * side, "digit with \(digit.pixels.count) pixels")
        precondition(b.x >= 0 && b.y >= 0 && b.width > 0 && b.height > 0
                     && b.maxX <= image.width && b.maxY <= image.height,
                     "box \(b) outside the \(image.width)×\(image.height) image")
    }
    return 0
}
