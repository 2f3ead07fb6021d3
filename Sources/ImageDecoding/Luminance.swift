/// The colour arithmetic shared by the JPEG and PNG paths, in integers so results are exact.
enum Luminance {
    /// ITU-R BT.601 luma, 0.299 R + 0.587 G + 0.114 B, in libjpeg's own fixed point (16
    /// fraction bits, weights rounded, +0.5 before the shift; jdcolor.c `rgb_gray_convert`).
    /// Using libjpeg's exact arithmetic is what makes a PNG and a JPEG decoded to gray agree.
    @inline(__always)
    static func luma(_ red: UInt8, _ green: UInt8, _ blue: UInt8) -> UInt8 {
        let sum = 19_595 * Int(red) + 38_470 * Int(green) + 7_471 * Int(blue) + 32_768
        return UInt8(truncatingIfNeeded: sum >> 16) // weights sum to 65 536: at most 255
    }

    /// `value` with straight alpha `alpha` composited over white, rounded to nearest.
    ///
    /// Done on the 8-bit (sRGB-encoded) values, as paper scans and most viewers treat them,
    /// rather than in linear light as libpng's own compositing would.
    @inline(__always)
    static func overWhite(_ value: UInt8, alpha: UInt8) -> UInt8 {
        let a = Int(alpha)
        return UInt8(truncatingIfNeeded: (Int(value) * a + 255 * (255 - a) + 127) / 255)
    }

    /// The red, green or blue level left by `ink` of its complementary colorant plus `black`,
    /// both 0 (no ink) ... 255: (255 - ink)(255 - black) / 255, the usual profile-free formula.
    @inline(__always)
    static func fromInk(_ ink: UInt8, black: UInt8) -> UInt8 {
        UInt8(truncatingIfNeeded: ((255 - Int(ink)) * (255 - Int(black)) + 127) / 255)
    }
}
