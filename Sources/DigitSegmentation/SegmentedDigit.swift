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
