/// Writes the `--debug-dir` pictures of each file into one directory.
///
/// File `n` of the run (counting from 1, in input order) whose name is `scan12.jpg` gets
/// `0007-scan12.overlay.png` and `0007-scan12.inputs.png`. The number makes names unique; the
/// name part keeps only letters, digits, '.', '_' and '-' (anything else becomes '_'), so a
/// picture never lands outside the directory whatever the input path.
struct DebugPictureWriter: Sendable {
    let directory: String
    let minConfidence: Float
    /// Side of the network's square input.
    let inputSide: Int

    /// What one file leaves for its pictures; error rows leave nothing.
    struct Page: Sendable {
        var preview: PagePreview
        /// The network inputs, in the order of the file's digits.
        var inputs: [[UInt8]]
    }

    /// Creates `directory` (and missing parents) when it does not exist.
    ///
    /// - Throws: `PipelineError.output` when the directory cannot be created.
    init(directory: String, minConfidence: Float, inputSide: Int) throws(PipelineError) {
        if case .failure(let error) = Syscalls.makeDirectories(Array(directory.utf8)) {
            throw .output(path: directory, message: "cannot create the debug directory: \(error.text)")
        }
        self.directory = directory
        self.minConfidence = minConfidence
        self.inputSide = inputSide
    }

    /// Writes the overlay and, when the file has digits, the strip of network inputs.
    ///
    /// - Throws: `PipelineError.output` naming the picture that cannot be encoded or written.
    func write(number: Int, item: InputItem, result: FileResult, page: Page) throws(PipelineError) {
        let stem = directory + "/" + Self.stem(number: number, pathBytes: item.pathBytes)
        let pictures = DebugPictures(minConfidence: minConfidence)
        let overlay = pictures.overlay(page: page.preview, digits: result.digits)
        try save(PNGEncoder.encode(overlay.rgbImage, what: stem + ".overlay.png"), to: stem + ".overlay.png")
        if let strip = pictures.strip(inputs: page.inputs, digits: result.digits, side: inputSide) {
            try save(PNGEncoder.encode(strip.grayImage, what: stem + ".inputs.png"), to: stem + ".inputs.png")
        }
    }

    private func save(_ png: [UInt8], to path: String) throws(PipelineError) {
        if case .failure(let error) = Syscalls.writeFile(Array(path.utf8), png) {
            throw .output(path: path, message: error.text)
        }
    }

    /// "0007-scan12": the file's number, at least four digits, and its name without the last
    /// extension, sanitised and cut to 80 bytes.
    static func stem(number: Int, pathBytes: [UInt8]) -> String {
        let digits = String(number)
        let numberText = String(repeating: "0", count: max(0, 4 - digits.count)) + digits
        var name = Array(pathBytes.split(separator: 0x2F, omittingEmptySubsequences: true).last ?? [])
        if let dot = name.lastIndex(of: 0x2E), dot > 0 { name.removeSubrange(dot...) }
        let kept = name.prefix(80).map { byte -> UInt8 in
            switch byte {
            case 0x30...0x39, 0x41...0x5A, 0x61...0x7A, 0x2E, 0x5F, 0x2D: return byte
            default: return 0x5F  // '_'
            }
        }
        return numberText + "-" + (kept.isEmpty ? "file" : String(decoding: kept, as: UTF8.self))
    }
}
