/// Writes the pictures of `digitscan evaluate --plots DIR`: `reliability.png`
/// (see `ReliabilityDiagram`) and `confusion.png` (see `ConfusionHeatMap`).
public enum EvaluationPlots {
    /// The file names written into the directory, in the order written.
    public static let fileNames = ["reliability.png", "confusion.png"]

    /// Creates `directory` (and missing parents) if needed and writes both pictures of `report`
    /// into it, replacing older ones. Returns the paths written.
    ///
    /// - Throws: `PipelineError.output` naming the directory or picture that cannot be written.
    @discardableResult
    public static func write(_ report: EvaluationReport, to directory: String) throws(PipelineError) -> [String] {
        if case .failure(let error) = Syscalls.makeDirectories(Array(directory.utf8)) {
            throw .output(path: directory, message: "cannot create the plots directory: \(error.text)")
        }
        let pictures = [
            ReliabilityDiagram.draw(before: report.reliabilityBefore, after: report.reliabilityAfter,
                                    temperature: report.temperature),
            ConfusionHeatMap.draw(report.confusion),
        ]
        var written: [String] = []
        for (name, canvas) in zip(fileNames, pictures) {
            let path = directory + "/" + name
            let png = try PNGEncoder.encode(canvas.rgbImage, what: path)
            if case .failure(let error) = Syscalls.writeFile(Array(path.utf8), png) {
                throw .output(path: path, message: error.text)
            }
            written.append(path)
        }
        return written
    }
}
