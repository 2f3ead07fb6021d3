import XCTest
import ImageDecoding
@testable import DigitSegmentation

/// A digit broken down its middle is read whole when the network is surer of the whole than of
/// its halves, and only then.
final class BrokenDigitJoinerTests: XCTestCase {
    /// A whole ring (40 × 60) at x 20, and one broken across its bars a third of the way in:
    /// a "[" 14 wide, `gap` px of paper (10: a sixth of H, wider than whole digits may stand
    /// apart and still merge), and the rest 26 wide.
    private func page(gap: Int = 10) -> GrayImage {
        var c = TestCanvas(width: 180, height: 100)
        c.rect(20, 20, 40, 8); c.rect(20, 72, 40, 8); c.rect(20, 20, 8, 60); c.rect(52, 20, 8, 60)
        c.rect(90, 20, 14, 8); c.rect(90, 72, 14, 8); c.rect(90, 20, 8, 60)
        c.rect(104 + gap, 20, 26, 8); c.rect(104 + gap, 72, 26, 8); c.rect(122 + gap, 20, 8, 60)
        return c.image
    }

    func testHalvesTheNetworkDoubtsJoinWhenTheWholeReadsSure() throws {
        let digits = try DigitSegmenter().segment(page(), scorer: RingScorer())
        XCTAssertEqual(digits.map(\.box), [PixelBox(x: 20, y: 20, width: 40, height: 60), PixelBox(x: 90, y: 20, width: 50, height: 60)])
        XCTAssertEqual(digits.map(\.line), [0, 0])
    }

    func testHalvesStayApartWithoutTheNetworkOrWhenItIsSureOfThem() throws {
        // No scorer: boxes alone cannot tell the halves from two narrow digits.
        XCTAssertEqual(try DigitSegmenter().segment(page()).count, 3)
        // Halves read sure (as a 1 and a 4 side by side do) stay apart, however sure the whole.
        struct Sure: DigitScorer { func confidences(for images: [[UInt8]]) -> [Float] { images.map { _ in 0.999 } } }
        XCTAssertEqual(try DigitSegmenter().segment(page(), scorer: Sure()).count, 3)
        // Halves read above 0.9: apart, though the whole reads surer still ...
        XCTAssertEqual(try DigitSegmenter().segment(page(), scorer: RingScorer(other: 0.95)).count, 3)
        // ... unless they stand within a tenth of H (6 px), where only the whole can tell.
        XCTAssertEqual(try DigitSegmenter().segment(page(gap: 6), scorer: RingScorer(other: 0.95)).count, 2)
        XCTAssertEqual(try DigitSegmenter().segment(page(gap: 6), scorer: Sure()).count, 3)
        // Turned off.
        var config = SegmentationConfig()
        config.joinBrokenGap = 0
        XCTAssertEqual(try DigitSegmenter(config: config).segment(page(), scorer: RingScorer()).count, 3)
    }

    /// A ring (40 × 60) broken across its walls into a top (20 rows) and a bottom half 5 px
    /// apart, each alone on a line of its own, and a whole ring (40 × 40) below them as a third
    /// line: the halves are most of the page's pieces, so their height passes for a digit's.
    private var stackedPage: GrayImage {
        var c = TestCanvas(width: 100, height: 170)
        c.rect(20, 20, 40, 8); c.rect(20, 20, 8, 20); c.rect(52, 20, 8, 20)
        c.rect(20, 72, 40, 8); c.rect(20, 45, 8, 35); c.rect(52, 45, 8, 35)
        c.rect(20, 110, 40, 8); c.rect(20, 142, 40, 8); c.rect(20, 110, 8, 40); c.rect(52, 110, 8, 40)
        return c.image
    }

    func testLoneHalvesOfTwoLinesJoinWhenTheWholeReadsSurerThanTheLessSureHalf() throws {
        let digits = try DigitSegmenter().segment(stackedPage, scorer: RingScorer())
        XCTAssertEqual(digits.map(\.box), [PixelBox(x: 20, y: 20, width: 40, height: 60), PixelBox(x: 20, y: 110, width: 40, height: 40)])
        // The line below the joined pair moves up: lines stay numbered without gaps.
        XCTAssertEqual(digits.map(\.line), [0, 1])
        // Halves the network reads sure join too, when the whole reads surer still.
        XCTAssertEqual(try DigitSegmenter().segment(stackedPage, scorer: RingScorer(other: 0.99)).count, 2)
    }

    func testLoneHalvesOfTwoLinesStayApartUnlessTheWholeReadsSure() throws {
        // Without the network, two lines (the wide top half cut blind as touching digits).
        let plain = try DigitSegmenter().segment(stackedPage)
        XCTAssertEqual(plain.last?.line, 2)
        XCTAssertFalse(plain.contains { $0.box.height == 60 })
        // A whole read as surely as its halves: two digits written close.
        XCTAssertEqual(try DigitSegmenter().segment(stackedPage, scorer: RingScorer(other: 0.999)).count, 3)
        // A whole read sure enough for halves side by side, but not for halves one above the other.
        XCTAssertEqual(try DigitSegmenter().segment(stackedPage, scorer: RingScorer(ring: 0.93)).count, 3)
        XCTAssertEqual(try DigitSegmenter().segment(stackedPage, scorer: RingScorer(ring: 0.96)).count, 2)
    }
}
