/// The EXIF Orientation tag (0x0112): how the stored pixels must be turned to be viewed upright.
///
/// Raw values are the tag's values 1...8; case names say what is done to the stored image.
enum ExifOrientation: UInt16, Sendable, CaseIterable {
    case identity = 1
    case flipHorizontal = 2
    case rotate180 = 3
    case flipVertical = 4
    /// Mirror across the top-left to bottom-right diagonal.
    case transpose = 5
    case rotate90Clockwise = 6
    /// Mirror across the top-right to bottom-left diagonal.
    case transverse = 7
    case rotate90CounterClockwise = 8

    /// Whether the viewed image swaps width and height.
    var swapsAxes: Bool { rawValue >= 5 }

    /// The orientation in a JPEG APP1 payload, or nil when the segment is not EXIF (XMP also
    /// lives in APP1). A damaged or incomplete EXIF block reads as `.identity`: a wrong
    /// orientation is recoverable by the user, a refused file is not.
    init?(app1 payload: [UInt8]) {
        let identifier: [UInt8] = Array("Exif".utf8) + [0, 0]
        guard payload.starts(with: identifier) else { return nil }
        let tiff = TIFFReader(bytes: payload[identifier.count...])
        self = tiff.flatMap { $0.orientation() }.flatMap(ExifOrientation.init(rawValue:)) ?? .identity
    }
}

/// Reads just enough of a TIFF structure (EXIF's container) to find IFD0's Orientation.
/// Every read is bounds-checked; nothing is skipped by fixed offsets.
private struct TIFFReader {
    let bytes: ArraySlice<UInt8>
    let littleEndian: Bool

    /// Reads the 8-byte TIFF header: byte order ("II" or "MM") and magic 42.
    init?(bytes: ArraySlice<UInt8>) {
        self.bytes = bytes
        switch (byte(bytes, 0), byte(bytes, 1)) {
        case (0x49, 0x49): littleEndian = true
        case (0x4D, 0x4D): littleEndian = false
        default: return nil
        }
        guard uint16(at: 2) == 42 else { return nil }
    }

    /// Tag 0x0112 of IFD0, when present, SHORT (or, leniently, LONG) and with count >= 1.
    func orientation() -> UInt16? {
        guard let ifd = uint32(at: 4).map(Int.init), let count = uint16(at: ifd) else { return nil }
        for index in 0..<Int(count) {
            let entry = ifd + 2 + 12 * index
            guard let tag = uint16(at: entry), let type = uint16(at: entry + 2),
                  let valueCount = uint32(at: entry + 4) else { return nil }
            guard tag == 0x0112 else { continue }
            guard valueCount >= 1 else { return nil }
            // Values of 4 bytes or fewer sit in the entry itself, left-justified.
            switch type {
            case 3: return uint16(at: entry + 8)
            case 4: return uint32(at: entry + 8).flatMap { UInt16(exactly: $0) }
            default: return nil
            }
        }
        return nil
    }

    private func uint16(at offset: Int) -> UInt16? {
        guard let b0 = byte(bytes, offset), let b1 = byte(bytes, offset + 1) else { return nil }
        return littleEndian ? UInt16(b1) << 8 | UInt16(b0) : UInt16(b0) << 8 | UInt16(b1)
    }

    private func uint32(at offset: Int) -> UInt32? {
        guard let high = uint16(at: littleEndian ? offset + 2 : offset),
              let low = uint16(at: littleEndian ? offset : offset + 2) else { return nil }
        return UInt32(high) << 16 | UInt32(low)
    }
}

/// The byte at `offset` from the start of `bytes`, or nil past either end.
private func byte(_ bytes: ArraySlice<UInt8>, _ offset: Int) -> UInt8? {
    guard offset >= 0, offset < bytes.count else { return nil }
    return bytes[bytes.startIndex + offset]
}
