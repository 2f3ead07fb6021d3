import DigitSegmentation

/// The outcome for one input file: what every output format writes one row (or more) from.
public struct FileResult: Sendable, Equatable {
    /// `ok`, `low_confidence`, `no_digits` or `error`, as written in the `status` column.
    public enum Status: String, Sendable, Equatable {
        case ok
        case lowConfidence = "low_confidence"
        case noDigits = "no_digits"
        case error
    }

    /// One classified digit.
    public struct Digit: Sendable, Equatable {
        /// 0...9.
        public var value: Int
        /// Softmax probability of `value`.
        public var confidence: Float
        /// Text line, 0 at the top.
        public var line: Int
        /// Where the digit lies in the source image.
        public var box: PixelBox
        /// All class probabilities, index = class.
        public var probabilities: [Float]

        public init(value: Int, confidence: Float, line: Int, box: PixelBox, probabilities: [Float]) {
            self.value = value; self.confidence = confidence; self.line = line
            self.box = box; self.probabilities = probabilities
        }
    }

    public var path: String
    public var digits: [Digit]
    /// One-line message; non-nil exactly when the file failed.
    public var error: String?
    public var status: Status

    /// A file that failed before or during segmentation.
    public init(path: String, error: String) {
        self.path = path
        self.digits = []
        self.error = error
        self.status = .error
    }

    /// A processed file; the status follows from the digits and `minConfidence`.
    public init(path: String, digits: [Digit], minConfidence: Float) {
        self.path = path
        self.digits = digits
        self.error = nil
        if digits.isEmpty {
            status = .noDigits
        } else if let lowest = digits.map(\.confidence).min(), !(lowest >= minConfidence) {
            status = .lowConfidence  // a NaN confidence also lands here, never as ok
        } else {
            status = .ok
        }
    }

    /// The digits in reading order, text lines separated by one space ("12345 6879").
    public var digitText: String {
        var text = ""
        var previousLine: Int?
        for digit in digits {
            if let previous = previousLine, previous != digit.line { text.append(" ") }
            text.append(Character(String(digit.value)))
            previousLine = digit.line
        }
        return text
    }

    /// The lowest per-digit confidence, nil without digits.
    public var confidence: Float? { digits.map(\.confidence).min() }
}
