@testable import ImageDecoding
import XCTest

/// The APP1/TIFF parser behind EXIF orientation, on hand-built segments.
final class ExifOrientationTests: XCTestCase {
    /// "Exif\0\0" + a TIFF header + IFD0 holding `entries` (tag, type, count, 4 value bytes).
    private func segment(bigEndian: Bool, entries: [(UInt16, UInt16, UInt32, [UInt8])],
                         ifdOffset: UInt32 = 8) -> [UInt8] {
        func u16(_ v: UInt16) -> [UInt8] {
            bigEndian ? [UInt8(v >> 8), UInt8(v & 0xFF)] : [UInt8(v & 0xFF), UInt8(v >> 8)]
        }
        func u32(_ v: UInt32) -> [UInt8] {
            bigEndian ? u16(UInt16(v >> 16)) + u16(UInt16(v & 0xFFFF)) : u16(UInt16(v & 0xFFFF)) + u16(UInt16(v >> 16))
        }
        var bytes = Array("Exif".utf8) + [0, 0] + Array((bigEndian ? "MM" : "II").utf8) + u16(42) + u32(ifdOffset)
        bytes += u16(UInt16(entries.count))
        for (tag, type, count, value) in entries {
            bytes += u16(tag) + u16(type) + u32(count) + value
        }
        return bytes + u32(0)
    }

    private func short(_ v: UInt16, bigEndian: Bool) -> [UInt8] {
        bigEndian ? [UInt8(v >> 8), UInt8(v & 0xFF), 0, 0] : [UInt8(v & 0xFF), UInt8(v >> 8), 0, 0]
    }

    func testReadsEveryValueInBothByteOrders() {
        for bigEndian in [false, true] {
            for value in UInt16(1)...8 {
                let entries = [
                    (UInt16(0x010F), UInt16(2), UInt32(4), Array("Sony".utf8)), // Make, before
                    (UInt16(0x0112), UInt16(3), UInt32(1), short(value, bigEndian: bigEndian)),
                ]
                let orientation = ExifOrientation(app1: segment(bigEndian: bigEndian, entries: entries))
                XCTAssertEqual(orientation?.rawValue, value, "bigEndian \(bigEndian)")
            }
        }
    }

    func testAcceptsLongType() {
        let entry = (UInt16(0x0112), UInt16(4), UInt32(1), [UInt8]([6, 0, 0, 0]))
        XCTAssertEqual(ExifOrientation(app1: segment(bigEndian: false, entries: [entry])), .rotate90Clockwise)
    }

    func testNonExifSegmentIsNotAnOrientation() {
        XCTAssertNil(ExifOrientation(app1: Array("http://ns.adobe.com/xap/1.0/\0<x/>".utf8)))
        XCTAssertNil(ExifOrientation(app1: []))
        XCTAssertNil(ExifOrientation(app1: Array("Exif".utf8)))
    }

    func testMalformedExifMeansIdentity() {
        let good = segment(bigEndian: false, entries: [(0x0112, 3, 1, short(6, bigEndian: false))])
        XCTAssertEqual(ExifOrientation(app1: good), .rotate90Clockwise)
        // Every truncation: identity, or the right answer once the entry is complete.
        for length in 6..<good.count {
            let orientation = ExifOrientation(app1: Array(good.prefix(length)))
            XCTAssertTrue(orientation == .identity || (orientation == .rotate90Clockwise && length >= 26),
                          "cut at \(length): \(String(describing: orientation))")
        }
        let cases: [(String, [UInt8])] = [
            ("IFD past the end", segment(bigEndian: false, entries: [(0x0112, 3, 1, short(6, bigEndian: false))],
                                         ifdOffset: 0xFFFF_FFF0)),
            ("value 0", segment(bigEndian: true, entries: [(0x0112, 3, 1, short(0, bigEndian: true))])),
            ("value 9", segment(bigEndian: true, entries: [(0x0112, 3, 1, short(9, bigEndian: true))])),
            ("count 0", segment(bigEndian: true, entries: [(0x0112, 3, 0, short(6, bigEndian: true))])),
            ("ASCII type", segment(bigEndian: false, entries: [(0x0112, 2, 2, [0x36, 0, 0, 0])])),
            ("no orientation tag", segment(bigEndian: false, entries: [(0x010F, 2, 4, Array("Sony".utf8))])),
            ("byte order", Array("Exif\0\0IM".utf8) + [42, 0, 8, 0, 0, 0]),
            ("magic", Array("Exif\0\0II".utf8) + [43, 0, 8, 0, 0, 0]),
        ]
        for (label, bytes) in cases {
            XCTAssertEqual(ExifOrientation(app1: bytes), .identity, label)
        }
    }

    /// An IFD that claims far more entries than the segment holds is read up to its end.
    func testEntryCountBeyondSegment() {
        var bytes = segment(bigEndian: false, entries: [(0x010F, 2, 4, Array("Sony".utf8))])
        bytes[14] = 0xFF // entry count low byte: 255 entries claimed, 1 present
        XCTAssertEqual(ExifOrientation(app1: bytes), .identity)
    }
}
