extension ImageDecoder {
    /// Decodes a JPEG held in `data` (which outlives the decompressor) to `layout`; nil: gray
    /// for a gray stream, RGB otherwise.
    static func decodeJPEG(_ data: UnsafeBufferPointer<UInt8>, options: DecodeOptions,
                           layout: PixelLayout?) throws(DecodingError) -> PixelBuffer
    {
        let jpeg = try JPEGDecompressor()
        let header = try jpeg.readHeader(data)
        try checkSize(width: header.width, height: header.height, options: options)
        let layout = layout ?? (header.isGray ? .gray : .rgb)

        let orientation = options.applyExifOrientation
            ? jpeg.app1Payloads().lazy.compactMap(ExifOrientation.init(app1:)).first ?? .identity
            : .identity

        var buffer: PixelBuffer
        if header.isCMYK {
            let cmyk = try jpeg.readPixels(as: .cmyk, width: header.width, height: header.height)
            buffer = PixelBuffer(width: header.width, height: header.height, channels: 4, pixels: cmyk)
            buffer = buffer.cmykConverted(to: layout, inverted: header.sawAdobeMarker)
        } else {
            // Straight to the wanted layout: libjpeg's YCbCr -> gray just keeps Y, skipping chroma.
            let output: JPEGDecompressor.Output = layout == .gray ? .gray : .rgb
            let pixels = try jpeg.readPixels(as: output, width: header.width, height: header.height)
            buffer = PixelBuffer(width: header.width, height: header.height,
                                 channels: output.channels, pixels: pixels)
        }
        return buffer.oriented(orientation)
    }
}

extension PixelBuffer {
    /// CMYK (4 bytes per pixel) to gray or RGB, without a colour profile.
    ///
    /// `inverted`: Adobe applications write CMYK JPEGs with 0 meaning full ink, and tag them
    /// with an APP14 marker; that marker is the usual (and libjpeg-recommended) signal.
    func cmykConverted(to layout: PixelLayout, inverted: Bool) -> PixelBuffer {
        converted(to: layout) { cmyk, out in
            var ink = (cmyk[0], cmyk[1], cmyk[2], cmyk[3])
            if inverted { ink = (255 - ink.0, 255 - ink.1, 255 - ink.2, 255 - ink.3) }
            let red = Luminance.fromInk(ink.0, black: ink.3)
            let green = Luminance.fromInk(ink.1, black: ink.3)
            let blue = Luminance.fromInk(ink.2, black: ink.3)
            if out.count == 1 {
                out[0] = Luminance.luma(red, green, blue)
            } else {
                (out[0], out[1], out[2]) = (red, green, blue)
            }
        }
    }
}
