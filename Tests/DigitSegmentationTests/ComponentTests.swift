import XCTest
@testable import DigitSegmentation

final class ComponentTests: XCTestCase {
    private func label(_ c: TestCanvas, max: Int = 1000) throws -> ConnectedComponents {
        try ConnectedComponents(pixels: c.pixels, width: c.width, height: c.height,
                                maxComponents: max) { $0 < 128 }
    }

    func testDiagonalPixelsJoin() throws {
        var c = TestCanvas(width: 10, height: 10)
        c.rect(2, 2, 1, 1); c.rect(3, 3, 1, 1); c.rect(4, 2, 1, 1); c.rect(5, 1, 1, 1)
        let cc = try label(c)
        XCTAssertEqual(cc.components.count, 1)
        XCTAssertEqual(cc.components[0].area, 4)
        XCTAssertEqual(cc.components[0].box, PixelBox(x: 2, y: 1, width: 4, height: 3))
    }

    func testOnePixelGapSeparates() throws {
        var c = TestCanvas(width: 10, height: 10)
        c.rect(2, 2, 2, 3); c.rect(5, 2, 2, 3)
        XCTAssertEqual(try label(c).components.count, 2)
    }

    func testUShapeJoinsThroughTheBottom() throws {
        var c = TestCanvas(width: 20, height: 20)
        c.rect(2, 2, 3, 15); c.rect(12, 2, 3, 15); c.rect(2, 15, 13, 2)
        let cc = try label(c)
        XCTAssertEqual(cc.components.count, 1)
        XCTAssertEqual(cc.components[0].area, 3 * 15 * 2 + 7 * 2)
        XCTAssertTrue(cc.runs.allSatisfy { $0.component == 0 })
    }

    func testInkGapCountsPaperBetweenPixelsNotBoxes() throws {
        var c = TestCanvas(width: 60, height: 40)
        c.rect(5, 5, 4, 30)                      // 0: a stem
        c.rect(12, 5, 20, 4); c.rect(28, 5, 4, 30) // 1: a hook
        c.rect(10, 30, 3, 3)                       // 2: a dot 1 px right of the stem
        let cc = try label(c)
        XCTAssertEqual(cc.components.count, 3)
        XCTAssertEqual(cc.inkGap(0, 1, limit: 10), 3)   // columns 9, 10, 11
        XCTAssertEqual(cc.inkGap(0, 2, limit: 10), 1)   // column 9
        XCTAssertEqual(cc.inkGap(1, 2, limit: 30), 15)  // columns 13 ..< 28 to the hook's stem
        XCTAssertNil(cc.inkGap(1, 2, limit: 5))
    }

    func testTooManyComponentsThrows() {
        var c = TestCanvas(width: 40, height: 40)
        for y in stride(from: 0, to: 40, by: 2) { for x in stride(from: 0, to: 40, by: 2) { c.rect(x, y, 1, 1) } }
        XCTAssertThrowsError(try label(c, max: 10)) { error in
            XCTAssertTrue("\(error)".contains("maxComponents"), "\(error)")
        }
        XCTAssertEqual(try label(c, max: 400).components.count, 400)
    }
}
