import XCTest
@testable import DigitSegmentation

/// A digit in pieces that the network doubts is read with its gaps closed, and kept so only
/// when the network is then sure of it.
final class GapCloserTests: XCTestCase {
    /// An intact ring (40 × 60, stroke 8) at x = 20 and one cut across both walls at mid-height
    /// by a 4 px gap at x = 100: a top and a bottom half that merging puts back in one box.
    private func page() -> TestCanvas {
        var c = TestCanvas(width: 180, height: 100)
        for x in [20, 100] {
            c.rect(x, 20, 40, 8); c.rect(x, 72, 40, 8); c.rect(x, 20, 8, 60); c.rect(x + 32, 20, 8, 60)
        }
        for y in 48..<52 { for x in 100..<140 { c.pixels[y * c.width + x] = 230 } }
        return c
    }

    /// Reads `whole` when the 28 × 28 input's left wall (its inkiest column left of the middle)
    /// runs unbroken from its top to its bottom, else `cut`.
    private struct WallScorer: DigitScorer {
        var cut: Float
        var whole: Float = 0.999
        func confidences(for images: [[UInt8]]) -> [Float] {
            images.map { image in
                let column = (0..<14).max { a, b in
                    (0..<28).filter { image[$0 * 28 + a] > 128 }.count < (0..<28).filter { image[$0 * 28 + b] > 128 }.count
                } ?? 0
                let inked = (0..<28).filter { image[$0 * 28 + column] > 128 }
                guard let top = inked.first, let bottom = inked.last else { return cut }
                return inked.count == bottom - top + 1 ? whole : cut
            }
        }
    }

    func testBrokenRingTheNetworkDoubtsIsReadMended() throws {
        let scorer = WallScorer(cut: 0.5)
        let digits = try DigitSegmenter().segment(page().image, scorer: scorer)
        XCTAssertEqual(digits.count, 2)
        XCTAssertEqual(digits.map { scorer.confidences(for: [$0.pixels])[0] }, [0.999, 0.999])
        // Off, the cut ring reaches the network with its gaps.
        var config = SegmentationConfig()
        config.gapCloseRatio = 0
        let asIs = try DigitSegmenter(config: config).segment(page().image, scorer: scorer)
        XCTAssertEqual(asIs.map { scorer.confidences(for: [$0.pixels])[0] }, [0.999, 0.5])
    }

    func testDigitTheNetworkIsSureOfStaysAsItIs() throws {
        // Read at 0.995 as it is, the cut ring is no reason to change anything.
        let scorer = WallScorer(cut: 0.995)
        var config = SegmentationConfig()
        config.gapCloseRatio = 0
        let asIs = try DigitSegmenter(config: config).segment(page().image, scorer: scorer)
        XCTAssertEqual(try DigitSegmenter().segment(page().image, scorer: scorer).map(\.pixels), asIs.map(\.pixels))
    }

    func testMendedDigitMustReadSurely() throws {
        // Mended, the ring reads only 0.95: the gaps stay.
        let scorer = WallScorer(cut: 0.5, whole: 0.95)
        var config = SegmentationConfig()
        config.gapCloseRatio = 0
        let asIs = try DigitSegmenter(config: config).segment(page().image, scorer: scorer)
        XCTAssertEqual(try DigitSegmenter().segment(page().image, scorer: scorer).map(\.pixels), asIs.map(\.pixels))
    }

    func testClosingBridgesAGapAndKeepsAStroke() {
        // A bar 3 px tall, 20 long, with a 2 px gap at 9 ..< 11: closed by 1 the gap fills; the
        // bar's own pixels and the paper around it are as they were.
        let (w, h) = (20, 7)
        var pixels = [Float](repeating: 0, count: w * h)
        for y in 2..<5 { for x in 0..<w where !(9..<11).contains(x) { pixels[y * w + x] = 1 } }
        let crop = DigitCrop(pixels: pixels, width: w, height: h, x: 0, y: 0)
        let closed = GapCloser.closed(crop, radius: 1)
        for y in 0..<h {
            for x in 0..<w {
                XCTAssertEqual(closed.pixels[y * w + x], (2..<5).contains(y) ? 1 : 0, "(\(x), \(y))")
            }
        }
        XCTAssertEqual(GapCloser.closed(crop, radius: 0), crop)
    }
}
