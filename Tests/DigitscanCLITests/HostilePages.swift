/// Pathological page contents for the hostile corpus, as 8-bit gray pixels (0 black, 255 white).
///
/// Deterministic: every random choice comes from a seeded SplitMix64, so the corpus is the
/// same on every run and a failure can be reproduced.
enum HostilePages {
    /// A page of isolated 3×3 ink specks: one in each 5×5 cell with probability 3/4, so
    /// about `0.03 * width * height` components that never touch. Paper stays the clear
    /// majority (73 % of the pixels) and the specks survive a 3×3 median filter.
    static func specks(width: Int, height: Int, seed: UInt64) -> [UInt8] {
        var rng = SplitMix64(seed: seed)
        var pixels = [UInt8](repeating: 255, count: width * height)
        for top in stride(from: 0, to: height - 3, by: 5) {
            for left in stride(from: 0, to: width - 3, by: 5) where rng.next() % 4 != 0 {
                for y in top..<(top + 3) { for x in left..<(left + 3) { pixels[y * width + x] = 0 } }
            }
        }
        return pixels
    }

    /// Every pixel an independent uniform random gray level: noise with no structure at all.
    static func uniformNoise(width: Int, height: Int, seed: UInt64) -> [UInt8] {
        var rng = SplitMix64(seed: seed)
        return (0..<(width * height)).map { _ in UInt8(truncatingIfNeeded: rng.next() >> 56) }
    }

    /// A page of small letter-like marks in tight rows, like dense print: 6–8 × 10 px
    /// elliptical rings with 2 px strokes (some open, like a c) on a 12 × 14 px grid.
    static func denseText(width: Int, height: Int, seed: UInt64) -> (pixels: [UInt8], marks: Int) {
        var rng = SplitMix64(seed: seed)
        var pixels = [UInt8](repeating: 250, count: width * height)
        var marks = 0
        for top in stride(from: 2, to: height - 12, by: 14) {
            for left in stride(from: 2, to: width - 10, by: 12) {
                let w = 6 + Int(rng.next() % 3), open = rng.next() % 2 == 0
                for y in top..<(top + 10) {
                    for x in left..<(left + w) {
                        let dx = (Double(x - left) - Double(w - 1) / 2) / (Double(w) / 2), dy = (Double(y - top) - 4.5) / 5
                        let r = dx * dx + dy * dy
                        let opening = open && dx > 0.4 && abs(dy) < 0.3
                        if r <= 1 && r >= 0.3 && !opening { pixels[y * width + x] = 20 }
                    }
                }
                marks += 1
            }
        }
        return (pixels, marks)
    }

    /// A uniform page.
    static func flat(width: Int, height: Int, value: UInt8) -> [UInt8] {
        [UInt8](repeating: value, count: width * height)
    }
}

/// SplitMix64 (Steele, Lea, Flood 2014): a tiny seeded generator for repeatable test data.
struct SplitMix64 {
    private var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
