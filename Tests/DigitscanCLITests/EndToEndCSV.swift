import Foundation

/// A CSV table read per RFC 4180, with its first record as the header.
///
/// The end-to-end tests read the CLI's output through this small reader of their own, so a
/// quoting mistake in the writer cannot be hidden by the same mistake in a shared reader.
struct EndToEndCSV {
    /// Why a text is not well-formed CSV.
    struct FormatError: Error, CustomStringConvertible {
        var description: String
    }

    let header: [String]
    let rows: [[String: String]]

    /// Parses `text`; throws `FormatError` on an unterminated quote, a stray quote inside an
    /// unquoted field, or a record whose field count differs from the header's.
    init(_ text: String) throws {
        let records = try Self.records(text)
        guard let header = records.first else { throw FormatError(description: "empty CSV (no header)") }
        self.header = header
        var rows: [[String: String]] = []
        for (index, record) in records.dropFirst().enumerated() {
            guard record.count == header.count else {
                throw FormatError(description: "record \(index + 2) has \(record.count) fields, header has \(header.count): \(record)")
            }
            rows.append(Dictionary(uniqueKeysWithValues: zip(header, record)))
        }
        self.rows = rows
    }

    /// Splits text into records of fields: commas separate fields, CRLF or LF ends a record,
    /// a quoted field may hold commas, line breaks and doubled quotes.
    static func records(_ text: String) throws -> [[String]] {
        var records: [[String]] = []
        var record: [String] = []
        var field = ""
        var inQuotes = false
        var fieldWasQuoted = false
        var chars = Array(text.unicodeScalars)[...]
        while let c = chars.popFirst() {
            if inQuotes {
                if c == "\"" {
                    if chars.first == "\"" {
                        chars.removeFirst()
                        field.unicodeScalars.append("\"")
                    } else {
                        inQuotes = false
                    }
                } else {
                    field.unicodeScalars.append(c)
                }
                continue
            }
            switch c {
            case "\"":
                guard field.isEmpty, !fieldWasQuoted else {
                    throw FormatError(description: "quote inside an unquoted field after \"\(field)\"")
                }
                inQuotes = true
                fieldWasQuoted = true
            case ",":
                record.append(field)
                field = ""
                fieldWasQuoted = false
            case "\r" where chars.first == "\n":
                break  // the LF that follows ends the record
            case "\n":
                record.append(field)
                records.append(record)
                record = []
                field = ""
                fieldWasQuoted = false
            default:
                guard !fieldWasQuoted else {
                    throw FormatError(description: "text after a closing quote in \"\(field)\"")
                }
                field.unicodeScalars.append(c)
            }
        }
        guard !inQuotes else { throw FormatError(description: "unterminated quoted field \"\(field)\"") }
        if !field.isEmpty || fieldWasQuoted || !record.isEmpty {
            record.append(field)
            records.append(record)
        }
        return records
    }
}
