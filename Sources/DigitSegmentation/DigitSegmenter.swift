import ImageDecoding

/// A rectangle in source-image pixels.
public struct PixelBox: Sendable, Equatable {
    public var x: Int, y: Int, width: Int, height: Int
    public init(x: Int, y: Int, width: Int, height: Int) {
        self.x = x; self.y = y; self.width = width; self.height = height
    }
}

/// One digit found on a page, ready for the network.
public struct SegmentedDigit: Sendable, Equatable {
    /// Where the digit's ink lies in the source image.
    public var box: PixelBox
    /// Text line index, 0 at the top.
    public var line: Int
    /// 28×28 MNIST-style input, row-major, ink bright (0 background ... 255 ink).
    public var pixels: [UInt8]
    public init(box: PixelBox, line: Int, pixels: [UInt8]) {
        self.box = box; self.line = line; self.pixels = pixels
    }
}

/// The error of this target.
public struct SegmentationError: Error, CustomStringConvertible, Sendable, Equatable {
    public var message: String
    public init(_ message: String) { self.message = message }
    public var description: String { message }
}

/// Finds digits on a page in reading order. (Placeholder until the segmentation work lands.)
public struct DigitSegmenter: Sendable {
    public var config: SegmentationConfig
    public init(config: SegmentationConfig = SegmentationConfig()) { self.config = config }

    /// Digits in reading order: lines top to bottom, left to right within a line.
    public func segment(_ image: GrayImage) throws(SegmentationError) -> [SegmentedDigit] {
        throw SegmentationError("segmentation not implemented yet")
    }
}
