/// A decoded picture as its file stores it: gray, or colour.
public enum DecodedImage: Sendable, Equatable {
    case gray(GrayImage)
    case rgb(RGBImage)

    public var width: Int {
        switch self {
        case .gray(let image): image.width
        case .rgb(let image): image.width
        }
    }

    public var height: Int {
        switch self {
        case .gray(let image): image.height
        case .rgb(let image): image.height
        }
    }

    /// The picture in RGB (a gray one with R = G = B).
    public var rgb: RGBImage {
        switch self {
        case .rgb(let image): return image
        case .gray(let image):
            var pixels = [UInt8](repeating: 0, count: image.pixels.count * 3)
            for (i, v) in image.pixels.enumerated() { (pixels[3 * i], pixels[3 * i + 1], pixels[3 * i + 2]) = (v, v, v) }
            return RGBImage(width: image.width, height: image.height, pixels: pixels)
        }
    }
}
