extension PixelBuffer {
    /// The buffer turned by `orientation`, so it reads as the viewer shows it.
    func oriented(_ orientation: ExifOrientation) -> PixelBuffer {
        guard orientation != .identity else { return self }
        let (w, h) = (width, height)
        // Every orientation maps output (x, y) to source pixel origin + x * stepX + y * stepY,
        // with the source coordinates linear in x and y; see the table below.
        let (origin, stepX, stepY): (Int, Int, Int)
        switch orientation {
        case .identity: (origin, stepX, stepY) = (0, 1, w)                          // (x, y)
        case .flipHorizontal: (origin, stepX, stepY) = (w - 1, -1, w)               // (w-1-x, y)
        case .rotate180: (origin, stepX, stepY) = ((h - 1) * w + w - 1, -1, -w)     // (w-1-x, h-1-y)
        case .flipVertical: (origin, stepX, stepY) = ((h - 1) * w, 1, -w)           // (x, h-1-y)
        case .transpose: (origin, stepX, stepY) = (0, w, 1)                         // (y, x)
        case .rotate90Clockwise: (origin, stepX, stepY) = ((h - 1) * w, -w, 1)      // (y, h-1-x)
        case .transverse: (origin, stepX, stepY) = ((h - 1) * w + w - 1, -w, -1)    // (w-1-y, h-1-x)
        case .rotate90CounterClockwise: (origin, stepX, stepY) = (w - 1, w, -1)     // (w-1-y, x)
        }
        let (outWidth, outHeight) = orientation.swapsAxes ? (h, w) : (w, h)
        var out = [UInt8](repeating: 0, count: pixels.count)
        let c = channels
        pixels.withUnsafeBufferPointer { source in
            out.withUnsafeMutableBufferPointer { target in
                var t = 0
                for y in 0..<outHeight {
                    var s = origin + y * stepY
                    for _ in 0..<outWidth {
                        for k in 0..<c { target[t + k] = source[s * c + k] }
                        t += c
                        s += stepX
                    }
                }
            }
        }
        return PixelBuffer(width: outWidth, height: outHeight, channels: c, pixels: out)
    }
}
