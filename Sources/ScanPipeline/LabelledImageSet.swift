import DigitSegmentation
import Foundation

/// A folder of labelled digit pictures, `DIR/<digit>/*.png|jpg`, turned into 28×28 network
/// inputs by the same decoding, segmentation and normalisation as `digitscan` classification.
///
/// Each picture must hold one digit. Pictures that fail to decode, or where segmentation finds
/// no digit or several, are skipped and listed, so a user sees what was left out and why.
public struct LabelledImageSet: Sendable {
    /// The normalised digits and their labels, shaped like MNIST (ink bright, 28×28).
    public var dataset: MNISTDataset
    /// The file each image came from, in dataset order.
    public var paths: [String]
    /// One line per skipped file: path and reason.
    public var skipped: [String]

    static let extensions: Set<String> = ["png", "jpg", "jpeg"]

    /// Label of pictures that hold no digit (`loadMarks`): one past the last digit.
    public static let notADigit: UInt8 = 10

    /// Every piece that segmentation finds in the pictures of `directory` and its sub-folders
    /// (letters, scribbles: marks that are no digit), labelled `notADigit`, for training the
    /// network to be unsure on them. Pictures that fail to decode are skipped and listed.
    public static func loadMarks(directory: String, configuration: Configuration,
                                 threads: Int = 0) throws(PipelineError) -> LabelledImageSet {
        var found: [String] = []
        if let walker = FileManager.default.enumerator(atPath: directory) {
            for case let relative as String in walker
            where extensions.contains((relative as NSString).pathExtension.lowercased()) {
                found.append((directory as NSString).appendingPathComponent(relative))
            }
        }
        let files = found.sorted()
        guard !files.isEmpty else { throw .dataset("\(directory): no .png or .jpg pictures of marks") }
        let processor = makeProcessor(configuration)
        let outcomes = Parallel.map(count: files.count, threads: Parallel.threadCount(threads)) { i in
            processor.process(InputItem(pathBytes: Array(files[i].utf8)))
        }
        var images: [UInt8] = [], paths: [String] = [], skipped: [String] = []
        for (path, outcome) in zip(files, outcomes) {
            switch outcome {
            case .failed(let message): skipped.append("\(path): \(message)")
            case .digits(let pieces):
                for piece in pieces {
                    images += piece.pixels
                    paths.append(path)
                }
            }
        }
        let side = configuration.segmentation.canvas
        return LabelledImageSet(dataset: MNISTDataset(images: images, labels: [UInt8](repeating: notADigit, count: paths.count),
                                                      rows: side, columns: side),
                                paths: paths, skipped: skipped)
    }

    static func makeProcessor(_ configuration: Configuration) -> FileProcessor {
        FileProcessor(maxFileBytes: configuration.limits.maxFileBytes,
                      maxDigits: configuration.limits.maxDigitsPerFile,
                      decodeOptions: configuration.decodeOptions,
                      segmenter: DigitSegmenter(config: configuration.segmentation),
                      scorer: nil, previewSide: nil)
    }

    /// Loads every picture under `directory/0` … `directory/9` (sorted by path, so the
    /// order, and with it training, is reproducible); sub-folders named otherwise are ignored.
    ///
    /// - Throws: `PipelineError.dataset` when the folder has no digit sub-folders or no usable
    ///   picture at all.
    public static func load(directory: String, configuration: Configuration,
                            threads: Int = 0) throws(PipelineError) -> LabelledImageSet {
        let files = FileManager.default
        var found: [(path: String, label: UInt8)] = []
        for digit in 0...9 {
            let folder = (directory as NSString).appendingPathComponent(String(digit))
            guard let names = try? files.contentsOfDirectory(atPath: folder) else { continue }
            for name in names.sorted() where extensions.contains((name as NSString).pathExtension.lowercased()) {
                found.append(((folder as NSString).appendingPathComponent(name), UInt8(digit)))
            }
        }
        guard !found.isEmpty else {
            throw .dataset("\(directory): no pictures in digit folders \(directory)/0 … \(directory)/9 (expected DIR/<digit>/*.png or *.jpg)")
        }
        let processor = makeProcessor(configuration)
        let paths = found.map(\.path)
        let outcomes = Parallel.map(count: paths.count, threads: Parallel.threadCount(threads)) { i in
            processor.process(InputItem(pathBytes: Array(paths[i].utf8)))
        }
        var images: [UInt8] = [], labels: [UInt8] = [], kept: [String] = [], skipped: [String] = []
        for (file, outcome) in zip(found, outcomes) {
            switch outcome {
            case .failed(let message):
                skipped.append("\(file.path): \(message)")
            case .digits(let digits) where digits.count == 1:
                images += digits[0].pixels
                labels.append(file.label)
                kept.append(file.path)
            case .digits(let digits):
                skipped.append("\(file.path): found \(digits.count) digits, expected one")
            }
        }
        guard !labels.isEmpty else {
            throw .dataset("\(directory): none of \(found.count) pictures gave exactly one digit (first: \(skipped.first ?? "?"))")
        }
        return LabelledImageSet(dataset: MNISTDataset(images: images, labels: labels,
                                                      rows: configuration.segmentation.canvas,
                                                      columns: configuration.segmentation.canvas),
                                paths: kept, skipped: skipped)
    }
}
