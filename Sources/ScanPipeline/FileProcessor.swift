import DigitSegmentation
import ImageDecoding

/// Reads, decodes and segments one input file: the per-file work that runs on all cores.
///
/// Every failure becomes a message for the file's row; nothing here throws or traps on input.
struct FileProcessor: Sendable {
    var maxFileBytes: Int
    /// `limits.maxDigitsPerFile`: more digits than this and the file is refused.
    var maxDigits: Int = .max
    var decodeOptions: DecodeOptions
    var segmenter: DigitSegmenter
    /// Judges candidate splits of touching digits (the network); nil splits by shape alone.
    var scorer: (any DigitScorer)?
    /// Long side of the page previews kept for `--debug-dir` pictures; nil keeps none.
    var previewSide: Int?

    /// What became of one file before classification.
    enum Outcome: Sendable {
        case digits([SegmentedDigit])
        case failed(String)
    }

    /// Processes `item`; the returned outcome carries the digits or a one-line error message.
    func process(_ item: InputItem) -> Outcome { processKeepingPage(item).outcome }

    /// Processes `item` and, when `previewSide` is set and the file segmented, returns a
    /// shrunk copy of its page for the debug overlay (the full decoded image is dropped here).
    func processKeepingPage(_ item: InputItem) -> (outcome: Outcome, page: PagePreview?) {
        if let failure = item.failure { return (.failed(failure), nil) }
        let bytes: [UInt8]
        switch Syscalls.readFile(item.pathBytes, limit: maxFileBytes) {
        case .failure(let failure): return (.failed(Self.describe(failure, limit: maxFileBytes)), nil)
        case .success(let data): bytes = data
        }
        if bytes.isEmpty { return (.failed("empty file (0 bytes)"), nil) }
        // Colour pictures stay colour, so segmentation can pick the gray conversion that keeps
        // the ink's contrast (blue ink reads best in the red channel, red ink in the green one).
        let image: DecodedImage
        do {
            image = try ImageDecoder.decodeAsStored(bytes, options: decodeOptions)
        } catch {
            return (.failed(Self.oneLine(error.description)), nil)
        }
        let digits: [SegmentedDigit]
        do {
            switch image {
            case .gray(let gray): digits = try segmenter.segment(gray, scorer: scorer)
            case .rgb(let rgb): digits = try segmenter.segment(rgb, scorer: scorer)
            }
        } catch {
            return (.failed(Self.oneLine(error.description)), nil)
        }
        guard digits.count <= maxDigits else {
            let (count, limit) = (NumberText.grouped(digits.count), NumberText.grouped(maxDigits))
            return (.failed("page has \(count) digits, over limits.maxDigitsPerFile \(limit): "
                            + "is it text or a pattern rather than digits? Raise limits.maxDigitsPerFile to classify them all"), nil)
        }
        return (.digits(digits), previewSide.map { PagePreview(image.rgb, maxSide: $0) })
    }

    static func describe(_ failure: Syscalls.ReadFailure, limit: Int) -> String {
        switch failure {
        case .system(let error): return "cannot read: \(error.text)"
        case .isDirectory: return "is a directory, not an image file"
        case .notRegular: return "not a regular file"
        case .tooLarge(let size):
            return "file is \(size) bytes, over the \(limit)-byte limit; raise limits.maxFileBytes"
        }
    }

    /// Error messages go into one CSV cell and one log line: fold line breaks into spaces.
    static func oneLine(_ text: String) -> String {
        String(text.map { $0.isNewline ? " " : $0 })
    }
}
