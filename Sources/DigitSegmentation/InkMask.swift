/// A binary image of the page: 1 where a pixel is ink, 0 where it is paper; row-major.
///
/// Thresholding writes it, line removal edits it, and connected components read it, so each
/// stage can work on ink without knowing how the threshold was chosen.
struct InkMask: Sendable, Equatable {
    let width: Int
    let height: Int
    /// `width * height` bytes, 1 for ink.
    var bits: [UInt8]

    /// An all-paper mask.
    init(width: Int, height: Int) {
        self.width = width; self.height = height
        bits = [UInt8](repeating: 0, count: width * height)
    }

    /// The mask of `pixels` that `isInk` accepts.
    init(pixels: [UInt8], width: Int, height: Int, isInk: (UInt8) -> Bool) {
        let table: [UInt8] = (0..<256).map { isInk(UInt8($0)) ? 1 : 0 }
        self.width = width; self.height = height
        bits = pixels.map { table[Int($0)] }
    }

    @inline(__always)
    subscript(x: Int, y: Int) -> Bool {
        get { bits[y * width + x] != 0 }
        set { bits[y * width + x] = newValue ? 1 : 0 }
    }

    /// Number of ink pixels.
    var inkCount: Int { bits.reduce(0) { $0 + Int($1) } }

    /// The typical stroke width: the median length of the horizontal ink runs, or nil
    /// without ink. Lines crossing the page add only a few long runs, so they barely move it;
    /// runs longer than `longest` (a shadow taken for ink) are not counted at all.
    func medianRunLength(longest: Int = .max) -> Int? {
        var counts = [Int](repeating: 0, count: 65)   // lengths 1...63, 64 = longer
        var total = 0
        for y in 0..<height {
            let row = y * width
            var x = 0
            while x < width {
                guard bits[row + x] != 0 else { x += 1; continue }
                let start = x
                while x < width && bits[row + x] != 0 { x += 1 }
                guard x - start <= longest else { continue }
                counts[Swift.min(x - start, 64)] += 1
                total += 1
            }
        }
        guard total > 0 else { return nil }
        var seen = 0
        for length in 1...64 {
            seen += counts[length]
            if 2 * seen >= total { return length }
        }
        return 64
    }
}
