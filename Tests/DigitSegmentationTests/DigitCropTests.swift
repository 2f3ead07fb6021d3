import XCTest
@testable import DigitSegmentation

/// `DigitCrop.trimmed` walks rows from both ends; it must give the box a pixel-by-pixel scan gives.
final class DigitCropTrimTests: XCTestCase {
    func testTrimmedEqualsThePixelByPixelBox() {
        var rng = SplitMix64(seed: 8)
        for (w, h) in [(1, 1), (1, 6), (7, 1), (9, 9), (23, 17)] {
            for density in [0, 2, 20] {
                let pixels = (0..<(w * h)).map { _ in rng.next() % 100 < UInt64(density) ? Float(rng.next() % 4 + 1) / 4 : 0 }
                let crop = DigitCrop(pixels: pixels, width: w, height: h, x: 5, y: 3)
                var x0 = w, x1 = -1, y0 = h, y1 = -1
                for y in 0..<h { for x in 0..<w where pixels[y * w + x] > 0 { x0 = min(x0, x); x1 = max(x1, x); y0 = min(y0, y); y1 = max(y1, y) } }
                guard x1 >= x0 else { XCTAssertNil(crop.trimmed()); continue }
                let cw = x1 - x0 + 1, ch = y1 - y0 + 1
                let expected = (0..<(cw * ch)).map { pixels[($0 / cw + y0) * w + $0 % cw + x0] }
                XCTAssertEqual(crop.trimmed(), DigitCrop(pixels: expected, width: cw, height: ch, x: 5 + x0, y: 3 + y0), "\(w)×\(h), \(density) %")
            }
        }
    }
}
