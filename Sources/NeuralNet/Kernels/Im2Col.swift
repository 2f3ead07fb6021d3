/// Unfolds image patches into columns so a convolution becomes one matrix multiply.
///
/// For an image (C, H, W) the column matrix is (C·k·k, Ho·Wo): row (c, ki, kj) holds, for each
/// output pixel, the input pixel under kernel tap (ki, kj) of channel c (zero outside the image).
enum Im2Col {
    /// `rowStride` is the distance between column-matrix rows (Ho·Wo for one image; more when
    /// several images sit side by side in one matrix).
    static func unfold(_ x: UnsafePointer<Float>, channels: Int, height: Int, width: Int,
                       kernel k: Int, stride s: Int, padding p: Int,
                       outHeight ho: Int, outWidth wo: Int, into col: UnsafeMutablePointer<Float>,
                       rowStride: Int? = nil) {
        let ld = rowStride ?? ho * wo
        var row = 0
        for c in 0..<channels {
            let plane = x + c * height * width
            for ki in 0..<k {
                for kj in 0..<k {
                    let dst = col + row * ld
                    for oy in 0..<ho {
                        let iy = oy * s - p + ki
                        let out = dst + oy * wo
                        if iy < 0 || iy >= height {
                            out.update(repeating: 0, count: wo)
                            continue
                        }
                        let src = plane + iy * width
                        for ox in 0..<wo {
                            let ix = ox * s - p + kj
                            out[ox] = (ix >= 0 && ix < width) ? src[ix] : 0
                        }
                    }
                    row += 1
                }
            }
        }
    }

    /// The adjoint of `unfold`: adds each column entry back onto the pixel it came from.
    static func fold(_ col: UnsafePointer<Float>, channels: Int, height: Int, width: Int,
                     kernel k: Int, stride s: Int, padding p: Int,
                     outHeight ho: Int, outWidth wo: Int, into x: UnsafeMutablePointer<Float>) {
        x.update(repeating: 0, count: channels * height * width)
        var row = 0
        for c in 0..<channels {
            let plane = x + c * height * width
            for ki in 0..<k {
                for kj in 0..<k {
                    let src = col + row * ho * wo
                    for oy in 0..<ho {
                        let iy = oy * s - p + ki
                        if iy < 0 || iy >= height { continue }
                        let dst = plane + iy * width
                        let line = src + oy * wo
                        for ox in 0..<wo {
                            let ix = ox * s - p + kj
                            if ix >= 0 && ix < width { dst[ix] += line[ox] }
                        }
                    }
                    row += 1
                }
            }
        }
    }
}
