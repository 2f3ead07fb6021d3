extension ImageDecoder {
    /// Decodes a PNG held in `data` (which outlives the reader) to `layout`, compositing any
    /// transparency over white; nil: gray for a gray PNG, RGB otherwise.
    static func decodePNG(_ data: UnsafeBufferPointer<UInt8>, options: DecodeOptions,
                          layout: PixelLayout?) throws(DecodingError) -> PixelBuffer
    {
        let png = try PNGReader()
        let header = try png.readHeader(data)
        try checkSize(width: header.width, height: header.height, options: options)
        let layout = layout ?? (header.hasColor ? .rgb : .gray)
        let pixels = try png.readPixels(color: header.hasColor, width: header.width, height: header.height)
        let decoded = PixelBuffer(width: header.width, height: header.height,
                                  channels: header.hasColor ? 4 : 2, pixels: pixels)
        return header.hasColor ? decoded.rgbaOverWhite(to: layout) : decoded.grayAlphaOverWhite(to: layout)
    }
}

extension PixelBuffer {
    /// Gray + alpha (2 bytes per pixel) composited over white, as gray or RGB.
    func grayAlphaOverWhite(to layout: PixelLayout) -> PixelBuffer {
        converted(to: layout) { ga, out in
            let gray = Luminance.overWhite(ga[0], alpha: ga[1])
            for k in out.indices { out[k] = gray }
        }
    }

    /// RGBA composited over white, as gray (BT.601 luma of the composited colour) or RGB.
    func rgbaOverWhite(to layout: PixelLayout) -> PixelBuffer {
        converted(to: layout) { rgba, out in
            let red = Luminance.overWhite(rgba[0], alpha: rgba[3])
            let green = Luminance.overWhite(rgba[1], alpha: rgba[3])
            let blue = Luminance.overWhite(rgba[2], alpha: rgba[3])
            if out.count == 1 {
                out[0] = Luminance.luma(red, green, blue)
            } else {
                (out[0], out[1], out[2]) = (red, green, blue)
            }
        }
    }
}
