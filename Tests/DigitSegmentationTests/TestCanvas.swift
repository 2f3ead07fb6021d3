import ImageDecoding

/// A drawing surface for synthetic test pages: paper of one gray, ink of another.
struct TestCanvas {
    var width: Int
    var height: Int
    var pixels: [UInt8]
    var ink: UInt8

    init(width: Int, height: Int, paper: UInt8 = 230, ink: UInt8 = 30) {
        self.width = width; self.height = height; self.ink = ink
        pixels = [UInt8](repeating: paper, count: width * height)
    }

    /// Fills `x ..< x + w`, `y ..< y + h` with ink (clipped to the canvas).
    mutating func rect(_ x: Int, _ y: Int, _ w: Int, _ h: Int) {
        for yy in max(y, 0)..<min(y + h, height) {
            for xx in max(x, 0)..<min(x + w, width) { pixels[yy * width + xx] = ink }
        }
    }

    /// Fills a disc of radius `r` around (`cx`, `cy`).
    mutating func disc(_ cx: Int, _ cy: Int, _ r: Int) {
        for yy in max(cy - r, 0)...min(cy + r, height - 1) {
            for xx in max(cx - r, 0)...min(cx + r, width - 1)
            where (xx - cx) * (xx - cx) + (yy - cy) * (yy - cy) <= r * r {
                pixels[yy * width + xx] = ink
            }
        }
    }

    /// Adds uniform noise in `-amplitude...amplitude` from a fixed-seed generator.
    mutating func addNoise(amplitude: Int, seed: UInt64) {
        var rng = SplitMix64(seed: seed)
        for i in pixels.indices {
            let n = Int(rng.next() % UInt64(2 * amplitude + 1)) - amplitude
            pixels[i] = UInt8(clamping: Int(pixels[i]) + n)
        }
    }

    /// Multiplies every pixel by the light falling on it, `light(x, y)` in 0 ... 1 (shading).
    mutating func light(_ light: (Int, Int) -> Double) {
        for y in 0..<height {
            for x in 0..<width {
                pixels[y * width + x] = UInt8(min(max(Double(pixels[y * width + x]) * light(x, y), 0), 255).rounded())
            }
        }
    }

    /// The page in colour: paper pixels get `paper`, ink pixels `ink`, blends in between.
    func coloured(paper: (UInt8, UInt8, UInt8), ink: (UInt8, UInt8, UInt8)) -> RGBImage {
        let p = [paper.0, paper.1, paper.2].map(Double.init), k = [ink.0, ink.1, ink.2].map(Double.init)
        let lo = Double(self.ink), hi = Double(pixels.max() ?? 255)
        var rgb = [UInt8](repeating: 0, count: width * height * 3)
        for i in pixels.indices {
            let t = hi > lo ? min(max((Double(pixels[i]) - lo) / (hi - lo), 0), 1) : 1
            for c in 0..<3 { rgb[3 * i + c] = UInt8((k[c] + (p[c] - k[c]) * t).rounded()) }
        }
        return RGBImage(width: width, height: height, pixels: rgb)
    }

    /// The page with every gray level inverted (white ink on black paper).
    func inverted() -> GrayImage { GrayImage(width: width, height: height, pixels: pixels.map { 255 - $0 }) }

    var image: GrayImage { GrayImage(width: width, height: height, pixels: pixels) }
}

/// SplitMix64 (Steele, Lea, Flood 2014): a tiny seeded generator for repeatable test noise.
struct SplitMix64: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

/// Ink bounding box, total and centre of mass of a 28×28 output.
struct DigitStats {
    var minX = Int.max, minY = Int.max, maxX = -1, maxY = -1
    var total = 0.0, comX = 0.0, comY = 0.0

    init(_ pixels: [UInt8], side: Int = 28) {
        var mx = 0.0, my = 0.0
        for y in 0..<side {
            for x in 0..<side where pixels[y * side + x] > 0 {
                let v = Double(pixels[y * side + x])
                total += v; mx += v * Double(x); my += v * Double(y)
                minX = min(minX, x); maxX = max(maxX, x); minY = min(minY, y); maxY = max(maxY, y)
            }
        }
        comX = total > 0 ? mx / total : 0
        comY = total > 0 ? my / total : 0
    }

    var longerSide: Int { max(maxX - minX + 1, maxY - minY + 1) }
}
