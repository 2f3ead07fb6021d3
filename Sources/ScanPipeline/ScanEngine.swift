import DigitSegmentation

/// Classifies files chunk by chunk: decode and segment on all cores, then push every digit
/// of the chunk through the network in batches, also spread over the cores.
///
/// Memory is bounded by one chunk (`run.filesPerChunk` files' digits, plus one decoded image
/// per thread), however many files stream through. Results come back in input order, and
/// batches are cut from the chunk's digits by `classifier.batchSize` alone, so the output does
/// not depend on the thread count.
public struct ScanEngine: Sendable {
    public let config: Configuration
    public let classifier: any DigitClassifier
    let processor: FileProcessor
    let threads: Int

    public init(config: Configuration, classifier: any DigitClassifier) {
        self.config = config
        self.classifier = classifier
        self.processor = FileProcessor(maxFileBytes: config.limits.maxFileBytes,
                                       maxDigits: config.limits.maxDigitsPerFile,
                                       decodeOptions: config.decodeOptions,
                                       segmenter: DigitSegmenter(config: config.segmentation),
                                       scorer: ClassifierScorer(classifier: classifier),
                                       previewSide: config.output.debugDir.isEmpty ? nil : PagePreview.defaultMaxSide)
        self.threads = Parallel.threadCount(config.run.threads)
    }

    /// What a whole run did.
    public struct Summary: Sendable, Equatable {
        public var files = 0
        public var digits = 0
        public var failed = 0
        public var lowConfidence = 0
        public var noDigits = 0
        /// True when `shouldStop` ended the run before the inputs were exhausted.
        public var stopped = false

        /// 0 when every input was processed, 1 when some failed (their rows say why).
        public var exitCode: Int32 { failed > 0 ? 1 : 0 }

        mutating func add(_ result: FileResult) {
            files += 1
            digits += result.digits.count
            switch result.status {
            case .error: failed += 1
            case .lowConfidence: lowConfidence += 1
            case .noDigits: noDigits += 1
            case .ok: break
            }
        }
    }

    /// Streams `inputs` through the pipeline, handing each chunk's results to `emit` in input
    /// order. `shouldStop` is asked between chunks (for signals). With `output.debugDir` set,
    /// each file's pictures are written there (created if missing) before its row is emitted.
    ///
    /// - Throws: whatever `emit` throws (an output that cannot be written);
    ///   `PipelineError.output` when the debug directory or a picture cannot be written.
    public func run<Inputs: IteratorProtocol<InputItem>>(
        _ inputs: inout Inputs,
        shouldStop: () -> Bool = { false },
        emit: ([FileResult]) throws(PipelineError) -> Void
    ) throws(PipelineError) -> Summary {
        let debug = config.output.debugDir.isEmpty ? nil
            : try DebugPictureWriter(directory: config.output.debugDir,
                                     minConfidence: config.classifier.minConfidence, inputSide: classifier.inputSide)
        var summary = Summary()
        var chunk: [InputItem] = []
        chunk.reserveCapacity(config.run.filesPerChunk)
        while true {
            if shouldStop() { summary.stopped = true; break }
            chunk.removeAll(keepingCapacity: true)
            while chunk.count < config.run.filesPerChunk, let item = inputs.next() { chunk.append(item) }
            if chunk.isEmpty { break }
            let (results, pages) = classifyChunk(chunk)
            if let debug { try writePictures(debug, chunk, results, pages, firstNumber: summary.files + 1) }
            results.forEach { summary.add($0) }
            try emit(results)
        }
        return summary
    }

    /// Classifies one chunk of files; one result per item, in the same order.
    public func classify(_ items: [InputItem]) -> [FileResult] { classifyChunk(items).results }

    /// Classifies one chunk; `pages[i]` holds what item i's debug pictures need (nil unless
    /// `output.debugDir` is set and the file has a result with digits or none).
    func classifyChunk(_ items: [InputItem]) -> (results: [FileResult], pages: [DebugPictureWriter.Page?]) {
        let processor = self.processor
        let processed = Parallel.map(count: items.count, threads: threads) { processor.processKeepingPage(items[$0]) }
        let outcomes = processed.map(\.outcome)

        // Flatten every digit of the chunk so batches span files.
        let side = classifier.inputSide
        var owners: [Int] = []
        var digits: [SegmentedDigit] = []
        var failures = [String?](repeating: nil, count: items.count)
        for (fileIndex, outcome) in outcomes.enumerated() {
            switch outcome {
            case .failed(let message): failures[fileIndex] = message
            case .digits(let found):
                if found.contains(where: { $0.pixels.count != side * side }) {
                    failures[fileIndex] = "internal error: segmentation produced digits of the wrong size for the model"
                    continue
                }
                digits.append(contentsOf: found)
                owners.append(contentsOf: repeatElement(fileIndex, count: found.count))
            }
        }

        let classified = classifyDigits(digits)
        var perFile = [[FileResult.Digit]](repeating: [], count: items.count)
        for (k, digit) in classified.enumerated() { perFile[owners[k]].append(digit) }
        // Marks shorter than their line's digits that the network reads as none are left out,
        // here and in the debug pictures' strip of inputs.
        let marks = SmallMarkFilter(maxConfidence: config.classifier.markMaxConfidence)
        let kept = perFile.map(marks.kept)
        for i in perFile.indices { perFile[i] = kept[i].map { perFile[i][$0] } }
        let results = items.indices.map { i in
            if let failure = failures[i] { return FileResult(path: items[i].path, error: failure) }
            return FileResult(path: items[i].path, digits: perFile[i],
                              minConfidence: config.classifier.minConfidence)
        }
        let pages = items.indices.map { i -> DebugPictureWriter.Page? in
            guard failures[i] == nil, let preview = processed[i].page, case .digits(let found) = outcomes[i] else { return nil }
            return DebugPictureWriter.Page(preview: preview, inputs: kept[i].map { found[$0].pixels })
        }
        return (results, pages)
    }

    /// Draws and writes the chunk's debug pictures on all cores; files are numbered from
    /// `firstNumber` in input order.
    ///
    /// - Throws: the first `PipelineError.output` in input order.
    func writePictures(_ writer: DebugPictureWriter, _ items: [InputItem], _ results: [FileResult],
                       _ pages: [DebugPictureWriter.Page?], firstNumber: Int) throws(PipelineError) {
        let failures = Parallel.map(count: items.count, threads: threads) { i -> PipelineError? in
            guard let page = pages[i] else { return nil }
            do throws(PipelineError) {
                try writer.write(number: firstNumber + i, item: items[i], result: results[i], page: page)
                return nil
            } catch {
                return error
            }
        }
        if let failure = failures.lazy.compactMap({ $0 }).first { throw failure }
    }

    /// Runs the network over `digits` in batches of at most `classifier.batchSize`, in order.
    func classifyDigits(_ digits: [SegmentedDigit]) -> [FileResult.Digit] {
        guard !digits.isEmpty else { return [] }
        // Balanced batches (e.g. 2 × 50, not 64 + 36): less idle time at the end of a chunk.
        // Their sizes depend on the digit count and batchSize only, never on the threads.
        let batchCount = (digits.count + config.classifier.batchSize - 1) / config.classifier.batchSize
        let batchSize = (digits.count + batchCount - 1) / batchCount
        let classifier = self.classifier
        let secondLook = SecondLook(below: config.classifier.secondLookBelow)
        // Several batches: one per thread. A single batch: let the network use the threads.
        let innerThreads = batchCount == 1 ? threads : 1
        let batches = Parallel.map(count: batchCount, threads: threads) { b -> [FileResult.Digit] in
            let batch = digits[(b * batchSize)..<min((b + 1) * batchSize, digits.count)]
            return Self.classifyBatch(Array(batch), classifier: classifier, threads: innerThreads, secondLook: secondLook)
        }
        return batches.flatMap { $0 }
    }

    /// One forward pass; the answer for each digit is its most probable class.
    static func classifyBatch(_ batch: [SegmentedDigit], classifier: any DigitClassifier,
                              threads: Int, secondLook: SecondLook = SecondLook(below: 0)) -> [FileResult.Digit] {
        var pixels: [Float] = []
        pixels.reserveCapacity(batch.count * classifier.inputSide * classifier.inputSide)
        for digit in batch { pixels.append(contentsOf: digit.pixels.lazy.map(Float.init)) }
        let classes = classifier.classes
        let probabilities = secondLook.revise(
            classifier.probabilities(pixels: pixels, count: batch.count, threads: threads),
            inputs: pixels, count: batch.count, side: classifier.inputSide, classifier: classifier)
        return batch.enumerated().map { n, digit in
            let row = probabilities.count == batch.count * classes
                ? Array(probabilities[(n * classes)..<((n + 1) * classes)])
                : [Float](repeating: .nan, count: classes)  // a broken classifier shows as NaN, never as ok
            var best = 0
            for c in row.indices where row[c] > row[best] { best = c }
            return FileResult.Digit(value: best, confidence: row.isEmpty ? .nan : row[best],
                                    line: digit.line, box: digit.box, probabilities: row)
        }
    }
}
