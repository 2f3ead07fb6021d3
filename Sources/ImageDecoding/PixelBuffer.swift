/// The layouts a decode can be asked for.
enum PixelLayout {
    case gray
    case rgb

    var channels: Int {
        switch self {
        case .gray: 1
        case .rgb: 3
        }
    }
}

/// Decoded samples with their shape, before they become a public image type.
struct PixelBuffer {
    var width: Int
    var height: Int
    /// Bytes per pixel.
    var channels: Int
    /// `width * height * channels` bytes, row by row, channels interleaved.
    var pixels: [UInt8]

    init(width: Int, height: Int, channels: Int, pixels: [UInt8]) {
        precondition(pixels.count == width * height * channels,
                     "PixelBuffer: \(pixels.count) bytes for \(width)×\(height)×\(channels)")
        self.width = width
        self.height = height
        self.channels = channels
        self.pixels = pixels
    }

    /// Maps every pixel to `layout.channels` bytes; `transform` gets one source pixel's bytes
    /// and writes the output pixel's.
    func converted(
        to layout: PixelLayout,
        _ transform: (UnsafeBufferPointer<UInt8>, UnsafeMutableBufferPointer<UInt8>) -> Void
    ) -> PixelBuffer {
        let outChannels = layout.channels
        var out = [UInt8](repeating: 0, count: width * height * outChannels)
        pixels.withUnsafeBufferPointer { source in
            out.withUnsafeMutableBufferPointer { target in
                for i in 0..<(width * height) {
                    let from = UnsafeBufferPointer(rebasing: source[(i * channels)..<((i + 1) * channels)])
                    let to = UnsafeMutableBufferPointer(
                        rebasing: target[(i * outChannels)..<((i + 1) * outChannels)])
                    transform(from, to)
                }
            }
        }
        return PixelBuffer(width: width, height: height, channels: outChannels, pixels: out)
    }
}
