import XCTest
@testable import DigitSegmentation

/// The run walk that skips paper eight bytes at a time finds exactly the runs a byte-by-byte
/// walk finds, wherever they start and end against the eight-byte steps.
final class InkMaskRunsTests: XCTestCase {
    private func naiveRuns(_ row: [UInt8]) -> [Range<Int>] {
        var runs: [Range<Int>] = [], x = 0
        while x < row.count {
            guard row[x] != 0 else { x += 1; continue }
            let start = x
            while x < row.count && row[x] != 0 { x += 1 }
            runs.append(start..<x)
        }
        return runs
    }

    func testRunsMatchAByteByByteWalk() {
        // A seeded linear congruential generator: the same masks on every run.
        var state: UInt64 = 0x2545_F491_4F6C_DD1D
        func uniform() -> Double {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Double(state >> 11) / Double(1 << 53)
        }
        for width in [1, 7, 8, 9, 16, 17, 63, 64, 65, 200] {
            for density in [0.0, 0.02, 0.2, 0.7, 1.0] {
                var mask = InkMask(width: width, height: 6)
                for i in mask.bits.indices where uniform() < density { mask.bits[i] = 1 }
                var found: [[Range<Int>]] = []
                mask.forEachRow { _, row in
                    var runs: [Range<Int>] = []
                    mask.forEachRun(in: row) { runs.append($0..<$1) }
                    found.append(runs)
                }
                let expected = (0..<6).map { y in naiveRuns(Array(mask.bits[(y * width)..<((y + 1) * width)])) }
                XCTAssertEqual(found, expected, "width \(width), density \(density)")
            }
        }
    }

    func testMedianRunLengthAndLongestRuns() {
        // Rows: a run of 3 at x 6 (across the first eight-byte step), one of 3 at x 20, one of 5 at x 30;
        // a column of 4 at x 40.
        var mask = InkMask(width: 48, height: 6)
        for x in 6..<9 { mask[x, 0] = true }
        for x in 20..<23 { mask[x, 1] = true }
        for x in 30..<35 { mask[x, 2] = true }
        for y in 1..<5 { mask[40, y] = true }
        XCTAssertEqual(mask.medianRunLength(), 1, "four one-pixel runs of the column, three longer ones")
        XCTAssertEqual(mask.medianRunLength(longest: 0), nil)
        let longest = LineRemover.longestRuns(mask)
        XCTAssertEqual(longest.horizontal, 5)
        XCTAssertEqual(longest.vertical, 4)
    }
}
