import XCTest
@testable import DigitSegmentation

/// An underline merged with the digit above it comes off when the network reads the digit
/// better without it, and only a flat piece below the rest is tried.
final class UnderlineSeparatorTests: XCTestCase {
    private let separator = UnderlineSeparator(config: SegmentationConfig())
    private let ring = PixelBox(x: 20, y: 20, width: 40, height: 60)

    /// The network's answer by the crop's height (written into the picture by `finish`).
    private struct ByHeight: DigitScorer {
        var read: [Int: Float]
        func confidences(for images: [[UInt8]]) -> [Float] { images.map { read[Int($0[0])] ?? 0 } }
    }

    private func separate(bar: PixelBox, with: Float, without: Float) -> [BrokenDigitJoiner.Unit] {
        let boxes = [ring, bar]
        let whole = DigitCandidate(box: ring.union(bar), components: [0, 1])
        func crop(_ c: DigitCandidate) -> DigitCrop? {
            DigitCrop(pixels: [Float](repeating: 1, count: c.box.width * c.box.height),
                      width: c.box.width, height: c.box.height, x: c.box.x, y: c.box.y)
        }
        let units = [BrokenDigitJoiner.Unit(candidate: whole, line: 0, crop: crop(whole))]
        let scorer = ByHeight(read: [ring.union(bar).height: with, ring.height: without])
        return separator.separate(units, boxes: boxes, height: 60, scorer: scorer, crop: crop) { crop in
            [UInt8](repeating: UInt8(crop.height), count: 784)
        }
    }

    func testUnderlineComesOffWhenTheDigitReadsSurerWithoutIt() {
        // 44 × 6, 6 px under the digit: a 2 read as a 3 at 0.96 with it, as a 2 at 0.99 without.
        let underline = PixelBox(x: 18, y: 86, width: 44, height: 6)
        let out = separate(bar: underline, with: 0.96, without: 0.99)
        XCTAssertEqual(out.map(\.candidate.components), [[0]])
        XCTAssertEqual(out.first?.candidate.box, ring)
        XCTAssertEqual(out.first?.crop?.box, ring)
        // A 2's detached base: the 2 reads surer with it (without, a doubtful 7).
        XCTAssertEqual(separate(bar: underline, with: 0.99, without: 0.9).map(\.candidate.components), [[0, 1]])
    }

    func testOnlyAFlatPieceBelowTheRestAndAsWideIsTried() {
        let h = 60.0
        let candidate = { (bar: PixelBox) in DigitCandidate(box: self.ring.union(bar), components: [0, 1]) }
        let below = PixelBox(x: 18, y: 86, width: 44, height: 6)
        XCTAssertEqual(separator.withoutUnderline(candidate(below), boxes: [ring, below], height: h)?.components, [0])
        // Its middle level with the digit's last rows (a 2's base broken off beside its curl).
        let level = PixelBox(x: 18, y: 76, width: 44, height: 6)
        XCTAssertNil(separator.withoutUnderline(candidate(level), boxes: [ring, level], height: h))
        // Narrower than four fifths of the digit (a 7's foot, a stray dash).
        let short = PixelBox(x: 30, y: 86, width: 30, height: 6)
        XCTAssertNil(separator.withoutUnderline(candidate(short), boxes: [ring, short], height: h))
        // Not flat, or taller than a mark.
        let thick = PixelBox(x: 18, y: 86, width: 44, height: 16)
        XCTAssertNil(separator.withoutUnderline(candidate(thick), boxes: [ring, thick], height: h))
        // One piece alone has nothing to take off.
        XCTAssertNil(separator.withoutUnderline(DigitCandidate(box: ring, components: [0]), boxes: [ring], height: h))
    }
}
