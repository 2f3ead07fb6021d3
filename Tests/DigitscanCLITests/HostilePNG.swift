/// A minimal PNG writer for the hostile corpus: any size, bit depth and colour type, and
/// headers that lie (an IHDR claiming 60000×60000 over a few bytes of data).
///
/// The image data is deflate "stored" blocks (no compression), so the writer needs no zlib
/// and every byte of the output is predictable; CRC-32 and Adler-32 are computed here.
enum HostilePNG {
    /// PNG colour types (PNG spec, IHDR).
    enum ColorType: UInt8 { case gray = 0, rgb = 2, palette = 3, grayAlpha = 4, rgba = 6 }

    /// An 8-bit gray image from `pixels` (`width * height` bytes, row-major).
    static func gray(width: Int, height: Int, pixels: [UInt8]) -> [UInt8] {
        precondition(pixels.count == width * height, "test fixture: pixel count")
        var raw: [UInt8] = []
        raw.reserveCapacity((width + 1) * height)
        for y in 0..<height {
            raw.append(0)  // filter type None
            raw.append(contentsOf: pixels[(y * width)..<((y + 1) * width)])
        }
        return file(width: width, height: height, bitDepth: 8, colorType: .gray, scanlines: raw)
    }

    /// A 16-bit gray image: each 8-bit value `v` becomes the big-endian sample `v * 257`.
    static func gray16(width: Int, height: Int, pixels: [UInt8]) -> [UInt8] {
        var raw: [UInt8] = []
        for y in 0..<height {
            raw.append(0)
            for x in 0..<width { raw += [pixels[y * width + x], pixels[y * width + x]] }
        }
        return file(width: width, height: height, bitDepth: 16, colorType: .gray, scanlines: raw)
    }

    /// An 8-bit palette image: index 0 black, index 1 white, `pixels` < 128 map to 0.
    static func palette(width: Int, height: Int, pixels: [UInt8]) -> [UInt8] {
        var raw: [UInt8] = []
        for y in 0..<height {
            raw.append(0)
            for x in 0..<width { raw.append(pixels[y * width + x] < 128 ? 0 : 1) }
        }
        return file(width: width, height: height, bitDepth: 8, colorType: .palette, scanlines: raw,
                    extra: [chunk("PLTE", [0, 0, 0, 255, 255, 255])])
    }

    /// A whole file: signature, IHDR, extra chunks, one IDAT holding `scanlines`, IEND.
    static func file(width: Int, height: Int, bitDepth: UInt8, colorType: ColorType,
                     scanlines: [UInt8], extra: [[UInt8]] = []) -> [UInt8] {
        var out: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]
        out += chunk("IHDR", be32(width) + be32(height) + [bitDepth, colorType.rawValue, 0, 0, 0])
        for c in extra { out += c }
        out += chunk("IDAT", zlibStored(scanlines))
        out += chunk("IEND", [])
        return out
    }

    /// One chunk: length, type, data, CRC-32 of type and data.
    static func chunk(_ type: String, _ data: [UInt8]) -> [UInt8] {
        let body = Array(type.utf8) + data
        return be32(data.count) + body + be32(Int(crc32(body)))
    }

    /// A zlib stream of deflate stored blocks (at most 65,535 bytes each) and the Adler-32.
    static func zlibStored(_ data: [UInt8]) -> [UInt8] {
        var out: [UInt8] = [0x78, 0x01]
        var offset = 0
        repeat {
            let n = min(65_535, data.count - offset)
            let last: UInt8 = offset + n == data.count ? 1 : 0
            out += [last, UInt8(n & 0xFF), UInt8(n >> 8), UInt8(~n & 0xFF), UInt8((~n >> 8) & 0xFF)]
            out += data[offset..<(offset + n)]
            offset += n
        } while offset < data.count
        var a: UInt32 = 1, b: UInt32 = 0
        for byte in data { a = (a + UInt32(byte)) % 65_521; b = (b + a) % 65_521 }
        return out + be32(Int(b << 16 | a))
    }

    static func crc32(_ bytes: [UInt8]) -> UInt32 {
        var crc: UInt32 = 0xFFFF_FFFF
        for byte in bytes {
            crc ^= UInt32(byte)
            for _ in 0..<8 { crc = crc & 1 == 1 ? (crc >> 1) ^ 0xEDB8_8320 : crc >> 1 }
        }
        return ~crc
    }

    static func be32(_ v: Int) -> [UInt8] {
        [UInt8((v >> 24) & 0xFF), UInt8((v >> 16) & 0xFF), UInt8((v >> 8) & 0xFF), UInt8(v & 0xFF)]
    }
}
