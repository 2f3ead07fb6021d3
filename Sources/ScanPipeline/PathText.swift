/// Turns file-name bytes into text for output rows.
///
/// File names on Linux are bytes. Valid UTF-8 is kept as is; each byte that is not part of a
/// valid UTF-8 sequence is written as `\xNN` (two upper-case hex digits), so the output stays
/// valid UTF-8 and the original bytes can be recovered. A name that literally contains
/// `\x` followed by two hex digits reads the same as an escaped byte; such names are rare and
/// we accept the ambiguity rather than escape every backslash of ordinary names.
enum PathText {
    /// The display form of `bytes`.
    static func display(_ bytes: [UInt8]) -> String {
        if let valid = String(validating: bytes, as: UTF8.self) { return valid }
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count + 8)
        var i = 0
        while i < bytes.count {
            let length = validSequenceLength(bytes, at: i)
            if length > 0 {
                out.append(contentsOf: bytes[i..<(i + length)])
                i += length
            } else {
                out.append(contentsOf: Array("\\x".utf8))
                out.append(hexDigit(bytes[i] >> 4))
                out.append(hexDigit(bytes[i] & 0xF))
                i += 1
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// Parses the display form back to bytes (the inverse of `display` for names that
    /// were escaped); used by tests and by anyone feeding output paths back in.
    static func bytes(fromDisplay text: String) -> [UInt8] {
        let utf8 = Array(text.utf8)
        var out: [UInt8] = []
        var i = 0
        while i < utf8.count {
            if utf8[i] == 0x5C, i + 3 < utf8.count, utf8[i + 1] == 0x78,
               let hi = hexValue(utf8[i + 2]), let lo = hexValue(utf8[i + 3]) {
                out.append(hi << 4 | lo)
                i += 4
            } else {
                out.append(utf8[i])
                i += 1
            }
        }
        return out
    }

    /// Length of the well-formed UTF-8 sequence starting at `i` (RFC 3629), or 0 if none.
    static func validSequenceLength(_ b: [UInt8], at i: Int) -> Int {
        let lead = b[i]
        func cont(_ k: Int, _ range: ClosedRange<UInt8> = 0x80...0xBF) -> Bool {
            i + k < b.count && range.contains(b[i + k])
        }
        switch lead {
        case 0x00...0x7F: return 1
        case 0xC2...0xDF: return cont(1) ? 2 : 0
        case 0xE0: return cont(1, 0xA0...0xBF) && cont(2) ? 3 : 0
        case 0xE1...0xEC, 0xEE...0xEF: return cont(1) && cont(2) ? 3 : 0
        case 0xED: return cont(1, 0x80...0x9F) && cont(2) ? 3 : 0  // no surrogates
        case 0xF0: return cont(1, 0x90...0xBF) && cont(2) && cont(3) ? 4 : 0
        case 0xF1...0xF3: return cont(1) && cont(2) && cont(3) ? 4 : 0
        case 0xF4: return cont(1, 0x80...0x8F) && cont(2) && cont(3) ? 4 : 0
        default: return 0
        }
    }

    private static func hexDigit(_ v: UInt8) -> UInt8 { v < 10 ? 0x30 + v : 0x41 + v - 10 }

    private static func hexValue(_ c: UInt8) -> UInt8? {
        switch c {
        case 0x30...0x39: return c - 0x30
        case 0x41...0x46: return c - 0x41 + 10
        case 0x61...0x66: return c - 0x61 + 10
        default: return nil
        }
    }
}
