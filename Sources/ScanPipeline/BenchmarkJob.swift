import Foundation
import DigitSegmentation
import NeuralNet

/// `digitscan benchmark`: digits/s for the network alone, and files/s end to end.
public enum BenchmarkJob {
    public struct Request: Sendable {
        /// Directory (or file) classified end to end; nil skips that part.
        public var directory: String?
        /// MNIST directory for the network-alone part; nil looks for the repository's test
        /// fixture, then falls back to random images.
        public var mnistDirectory: String?
        /// Images pushed through the network alone.
        public var images: Int
        public var model: String?
        public var configuration: ConfigurationRequest

        public init(directory: String?, mnistDirectory: String?, images: Int, model: String?,
                    configuration: ConfigurationRequest) {
            self.directory = directory
            self.mnistDirectory = mnistDirectory
            self.images = images
            self.model = model
            self.configuration = configuration
        }
    }

    /// Runs both measurements and returns the report lines (what the command prints).
    ///
    /// - Throws: `PipelineError` when the configuration, model, data set or directory is unusable.
    public static func run(_ request: Request) throws(PipelineError) -> String {
        let config = try request.configuration.resolve()
        let model = try ModelLocator.load(flag: request.model, config: config)
        let engine = ScanEngine(config: config, classifier: model)
        var lines: [String] = []
        let (digits, source) = try benchmarkDigits(request, side: model.inputSide)
        lines.append(networkAlone(engine: engine, digits: digits, source: source))
        if let directory = request.directory {
            lines.append(try endToEnd(engine: engine, directory: directory))
        }
        return lines.joined(separator: "\n")
    }

    /// Times `engine.classifyDigits` (batching and threads as in a real run) after one warm-up batch.
    static func networkAlone(engine: ScanEngine, digits: [SegmentedDigit], source: String) -> String {
        let batch = engine.config.classifier.batchSize
        _ = engine.classifyDigits(Array(digits.prefix(batch)))
        let started = Date()
        let results = engine.classifyDigits(digits)
        let seconds = Date().timeIntervalSince(started)
        return String(format: "network alone: %d %@, batch %d, %d threads: %.0f digits/s (%.2f s)",
                      results.count, source, batch, engine.threads, Double(results.count) / seconds, seconds)
    }

    /// Classifies `directory` through the whole pipeline, formatting rows but writing nothing.
    static func endToEnd(engine: ScanEngine, directory: String) throws(PipelineError) -> String {
        guard case .success = Syscalls.status(Array(directory.utf8), followLinks: true) else {
            throw .usage("benchmark: \(directory) does not exist; pass a directory of scans (e.g. samples/)")
        }
        var walker = InputWalker(roots: [.path(Array(directory.utf8))], options: engine.config.inputs)
        let formatter = ResultFormatter(engine.config)
        var bytes = 0
        let started = Date()
        let summary = try engine.run(&walker) { results throws(PipelineError) in
            for result in results { bytes += formatter.rows(for: result).utf8.count }
        }
        let seconds = Date().timeIntervalSince(started)
        return String(format: "end to end: %@: %d files (%d failed), %d digits in %.2f s: %.1f files/s, %.0f digits/s, %d threads",
                      directory, summary.files, summary.failed, summary.digits, seconds,
                      Double(summary.files) / seconds, Double(summary.digits) / seconds, engine.threads)
    }

    /// MNIST test images when available, else seeded random strokes.
    static func benchmarkDigits(_ request: Request, side: Int) throws(PipelineError) -> ([SegmentedDigit], String) {
        let candidates = request.mnistDirectory.map { [$0] } ?? [
            "Tests/Fixtures/mnist",
            URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
                .deletingLastPathComponent().appendingPathComponent("Tests/Fixtures/mnist").path,
        ]
        for directory in candidates {
            do {
                let data = try MNISTDataset.load(directory: directory, split: .test)
                guard data.rows == side, data.columns == side, data.count > 0 else { continue }
                let n = min(request.images, data.count)
                let digits = (0..<n).map { i in
                    digit(Array(data.images[(i * side * side)..<((i + 1) * side * side)]), side: side)
                }
                return (digits, "MNIST test images")
            } catch {
                if request.mnistDirectory != nil { throw error }
            }
        }
        var rng = SplitMix64(seed: 1)
        let digits = (0..<request.images).map { _ in
            digit((0..<(side * side)).map { _ in UInt8(truncatingIfNeeded: rng.next() >> 56) }, side: side)
        }
        return (digits, "random images (no MNIST found)")
    }

    private static func digit(_ pixels: [UInt8], side: Int) -> SegmentedDigit {
        SegmentedDigit(box: PixelBox(x: 0, y: 0, width: side, height: side), line: 0, pixels: pixels)
    }
}
