/// Turns `FileResult`s into output text: CSV or JSON Lines, one row per file or per digit.
///
/// Per-file columns: `path,digits,count,confidence,status,confidences,boxes,error`.
/// Per-digit columns: `path,index,line,digit,confidence,x,y,w,h,p0..p9,status,error`; a file
/// without digits (status `no_digits` or `error`) still gets one row with the digit columns
/// empty, so every input appears in the output. The per-digit `status` judges that digit
/// alone (`ok` or `low_confidence`).
public struct ResultFormatter: Sendable {
    public var format: OutputFormat
    public var perDigit: Bool
    public var minConfidence: Float

    public init(format: OutputFormat, perDigit: Bool, minConfidence: Float) {
        self.format = format
        self.perDigit = perDigit
        self.minConfidence = minConfidence
    }

    public init(_ config: Configuration) {
        self.init(format: config.output.format, perDigit: config.output.perDigit,
                  minConfidence: config.classifier.minConfidence)
    }

    static let fileColumns = ["path", "digits", "count", "confidence", "status", "confidences", "boxes", "error"]
    static let digitColumns = ["path", "index", "line", "digit", "confidence", "x", "y", "w", "h"]
        + (0..<10).map { "p\($0)" } + ["status", "error"]

    /// The header line (CSV only), with its line ending; empty for JSON Lines.
    public var header: String {
        guard format == .csv else { return "" }
        return CSV.record(perDigit ? Self.digitColumns : Self.fileColumns)
    }

    /// The rows for one file, each ending in a newline.
    public func rows(for result: FileResult) -> String {
        switch (format, perDigit) {
        case (.csv, false): return CSV.record(fileFields(result))
        case (.csv, true): return digitFieldRows(result).map(CSV.record).joined()
        case (.jsonl, false): return fileJSON(result) + "\n"
        case (.jsonl, true): return digitJSONRows(result).map { $0 + "\n" }.joined()
        }
    }

    // MARK: Per file

    private func fileFields(_ r: FileResult) -> [String] {
        [r.path, r.digitText, String(r.digits.count), r.confidence.map { NumberText.fixed($0) } ?? "",
         r.status.rawValue, r.digits.map { NumberText.fixed($0.confidence) }.joined(separator: ";"),
         r.digits.map { "\($0.box.x):\($0.box.y):\($0.box.width):\($0.box.height)" }.joined(separator: ";"),
         r.error ?? ""]
    }

    private func fileJSON(_ r: FileResult) -> String {
        var out = "{\"path\":"
        JSONValue.writeString(r.path, to: &out)
        out += ",\"digits\":"
        JSONValue.writeString(r.digitText, to: &out)
        out += ",\"count\":\(r.digits.count),\"confidence\":" + (r.confidence.map(jsonNumber) ?? "null")
        out += ",\"status\":\"\(r.status.rawValue)\",\"confidences\":["
        out += r.digits.map { jsonNumber($0.confidence) }.joined(separator: ",")
        out += "],\"boxes\":["
        out += r.digits.map { "[\($0.box.x),\($0.box.y),\($0.box.width),\($0.box.height)]" }.joined(separator: ",")
        out += "],\"error\":"
        if let error = r.error { JSONValue.writeString(error, to: &out) } else { out += "null" }
        return out + "}"
    }

    // MARK: Per digit

    private func digitStatus(_ d: FileResult.Digit) -> String {
        d.confidence >= minConfidence ? FileResult.Status.ok.rawValue : FileResult.Status.lowConfidence.rawValue
    }

    private func digitFieldRows(_ r: FileResult) -> [[String]] {
        guard !r.digits.isEmpty else {
            return [[r.path] + Array(repeating: "", count: Self.digitColumns.count - 3) + [r.status.rawValue, r.error ?? ""]]
        }
        return r.digits.enumerated().map { index, d in
            [r.path, String(index), String(d.line), String(d.value), NumberText.fixed(d.confidence),
             String(d.box.x), String(d.box.y), String(d.box.width), String(d.box.height)]
                + d.probabilities.map { NumberText.fixed($0) } + [digitStatus(d), ""]
        }
    }

    private func digitJSONRows(_ r: FileResult) -> [String] {
        var prefix = "{\"path\":"
        JSONValue.writeString(r.path, to: &prefix)
        guard !r.digits.isEmpty else {
            var out = prefix + ",\"index\":null,\"line\":null,\"digit\":null,\"confidence\":null,"
            out += "\"x\":null,\"y\":null,\"w\":null,\"h\":null,\"probabilities\":[],"
            out += "\"status\":\"\(r.status.rawValue)\",\"error\":"
            if let error = r.error { JSONValue.writeString(error, to: &out) } else { out += "null" }
            return [out + "}"]
        }
        return r.digits.enumerated().map { index, d in
            prefix + ",\"index\":\(index),\"line\":\(d.line),\"digit\":\(d.value),\"confidence\":\(jsonNumber(d.confidence)),"
                + "\"x\":\(d.box.x),\"y\":\(d.box.y),\"w\":\(d.box.width),\"h\":\(d.box.height),"
                + "\"probabilities\":[" + d.probabilities.map(jsonNumber).joined(separator: ",") + "],"
                + "\"status\":\"\(digitStatus(d))\",\"error\":null}"
        }
    }

    /// A number with 4 decimals, or null when it is not finite (JSON has no NaN).
    private func jsonNumber(_ v: Float) -> String { v.isFinite ? NumberText.fixed(v) : "null" }
}
