/// RFC 4180 field quoting.
public enum CSV {
    /// `field` as a CSV cell: quoted when it contains a comma, a double quote, CR or LF, with
    /// inner double quotes doubled; unchanged otherwise.
    public static func escape(_ field: String) -> String {
        let needsQuotes = field.utf8.contains { $0 == 0x2C || $0 == 0x22 || $0 == 0x0D || $0 == 0x0A }
        guard needsQuotes else { return field }
        var out = "\""
        for ch in field.unicodeScalars {
            if ch == "\"" { out += "\"\"" } else { out.unicodeScalars.append(ch) }
        }
        return out + "\""
    }

    /// One record: escaped fields joined by commas, ended by LF.
    ///
    /// RFC 4180 ends records with CRLF; we write LF so `grep`, `cut` and `awk` in cron jobs
    /// see no stray `\r` (Python's csv module, pandas and spreadsheets read both).
    public static func record(_ fields: [String]) -> String {
        fields.map(escape).joined(separator: ",") + "\n"
    }

    /// Splits CSV text into records of fields (RFC 4180), for tests and tools that read our
    /// output back. Returns nil when quoting is malformed.
    public static func parse(_ text: String) -> [[String]]? {
        var records: [[String]] = []
        var record: [String] = []
        var field = ""
        var inQuotes = false
        var fieldStarted = false
        var scalars = Array(text.unicodeScalars)[...]
        while let c = scalars.popFirst() {
            if inQuotes {
                if c == "\"" {
                    if scalars.first == "\"" { scalars.removeFirst(); field.unicodeScalars.append("\"") }
                    else { inQuotes = false }
                } else {
                    field.unicodeScalars.append(c)
                }
                continue
            }
            switch c {
            case "\"":
                guard field.isEmpty else { return nil }
                inQuotes = true
                fieldStarted = true
            case ",":
                record.append(field); field = ""; fieldStarted = true
            case "\r":
                guard scalars.first == "\n" else { return nil }
            case "\n":
                record.append(field); records.append(record)
                record = []; field = ""; fieldStarted = false
            default:
                field.unicodeScalars.append(c); fieldStarted = true
            }
        }
        if inQuotes { return nil }
        if fieldStarted || !record.isEmpty { record.append(field); records.append(record) }
        return records
    }
}
