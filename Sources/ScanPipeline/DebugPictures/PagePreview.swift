import DigitSegmentation
import ImageDecoding

/// A page kept for the debug overlay: the decoded image shrunk to at most `maxSide` pixels on
/// its long side, gray when the page has no colour (a third of the memory).
///
/// Held from decoding until the chunk's digits are classified and its pictures written, so
/// with `output.debugDir` set a chunk holds one preview per file: at most
/// `run.filesPerChunk` × 1600 × 1600 × 3 bytes with the default long side.
struct PagePreview: Sendable {
    /// The long side pages are shrunk to.
    static let defaultMaxSide = 1600

    let width: Int
    let height: Int
    /// 1 (no colour on the page) or 3.
    let channels: Int
    /// `width * height * channels` bytes, row-major.
    let pixels: [UInt8]
    /// Preview pixels per source pixel, horizontally and vertically (≤ 1).
    let scaleX: Double
    let scaleY: Double

    /// Shrinks `image` by averaging the source pixels under each preview pixel.
    init(_ image: RGBImage, maxSide: Int = defaultMaxSide) {
        let (w, h) = (image.width, image.height)
        let factor = min(1, Double(maxSide) / Double(max(w, h, 1)))
        let pw = max(1, Int((Double(w) * factor).rounded())), ph = max(1, Int((Double(h) * factor).rounded()))
        scaleX = Double(pw) / Double(max(w, 1))
        scaleY = Double(ph) / Double(max(h, 1))
        width = pw
        height = ph
        guard w > 0, h > 0 else {
            channels = 1
            pixels = [UInt8](repeating: 255, count: pw * ph)
            return
        }
        // Source columns [columnStart[i], columnStart[i + 1]) make preview column i.
        let columnStart = (0...pw).map { $0 * w / pw }
        var rgb = [UInt8](repeating: 0, count: pw * ph * 3)
        var sums = [UInt32](repeating: 0, count: pw * 3)
        var colourful = false
        image.pixels.withUnsafeBufferPointer { src in
            for py in 0..<ph {
                let y0 = py * h / ph, y1 = max(y0 + 1, (py + 1) * h / ph)
                for i in sums.indices { sums[i] = 0 }
                for y in y0..<y1 {
                    let row = y * w * 3
                    for px in 0..<pw {
                        var r: UInt32 = 0, g: UInt32 = 0, b: UInt32 = 0
                        for x in columnStart[px]..<max(columnStart[px] + 1, columnStart[px + 1]) {
                            r += UInt32(src[row + 3 * x]); g += UInt32(src[row + 3 * x + 1]); b += UInt32(src[row + 3 * x + 2])
                        }
                        sums[3 * px] += r; sums[3 * px + 1] += g; sums[3 * px + 2] += b
                    }
                }
                for px in 0..<pw {
                    let count = UInt32((y1 - y0) * max(1, columnStart[px + 1] - columnStart[px]))
                    for c in 0..<3 {
                        rgb[(py * pw + px) * 3 + c] = UInt8((sums[3 * px + c] + count / 2) / count)
                    }
                    let o = (py * pw + px) * 3
                    if rgb[o] != rgb[o + 1] || rgb[o] != rgb[o + 2] { colourful = true }
                }
            }
        }
        if colourful {
            channels = 3
            pixels = rgb
        } else {
            channels = 1
            pixels = (0..<(pw * ph)).map { rgb[3 * $0] }
        }
    }

    /// `box` (source pixels) in preview pixels, at least 1×1.
    func map(_ box: PixelBox) -> PixelBox {
        let x0 = Int((Double(box.x) * scaleX).rounded(.down)), y0 = Int((Double(box.y) * scaleY).rounded(.down))
        let x1 = Int((Double(box.maxX) * scaleX).rounded(.up)), y1 = Int((Double(box.maxY) * scaleY).rounded(.up))
        return PixelBox(x: x0, y: y0, width: max(1, x1 - x0), height: max(1, y1 - y0))
    }
}
