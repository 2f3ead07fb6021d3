/// An 8-bit RGB image: row-major, three bytes (red, green, blue) per pixel.
public struct RGBImage: Sendable, Equatable {
    public let width: Int
    public let height: Int
    /// `width * height * 3` bytes, row by row, interleaved R, G, B.
    public private(set) var pixels: [UInt8]

    /// Creates an image; traps if `pixels.count != width * height * 3` (a programmer error).
    public init(width: Int, height: Int, pixels: [UInt8]) {
        precondition(width >= 0 && height >= 0 && pixels.count == width * height * 3,
                     "RGBImage: \(pixels.count) bytes for \(width)×\(height)×3")
        self.width = width
        self.height = height
        self.pixels = pixels
    }

    /// The (red, green, blue) sample at column `x`, row `y`.
    public subscript(x: Int, y: Int) -> (red: UInt8, green: UInt8, blue: UInt8) {
        let i = (y * width + x) * 3
        return (pixels[i], pixels[i + 1], pixels[i + 2])
    }

    /// The BT.601 luma of every pixel, the same conversion `ImageDecoder.decode` uses.
    public func luma() -> GrayImage {
        var gray = [UInt8](repeating: 0, count: width * height)
        for i in gray.indices {
            gray[i] = Luminance.luma(pixels[3 * i], pixels[3 * i + 1], pixels[3 * i + 2])
        }
        return GrayImage(width: width, height: height, pixels: gray)
    }
}
