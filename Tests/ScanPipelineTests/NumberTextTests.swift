import XCTest
@testable import ScanPipeline

final class NumberTextTests: XCTestCase {
    func testFourDecimals() {
        XCTAssertEqual(NumberText.fixed(0.98766), "0.9877")
        XCTAssertEqual(NumberText.fixed(0.98764), "0.9876")
        XCTAssertEqual(NumberText.fixed(1), "1.0000")
        XCTAssertEqual(NumberText.fixed(0), "0.0000")
        XCTAssertEqual(NumberText.fixed(0.00004), "0.0000")
        XCTAssertEqual(NumberText.fixed(0.05), "0.0500")
        XCTAssertEqual(NumberText.fixed(-0.25), "-0.2500")
        XCTAssertEqual(NumberText.fixed(12.5, decimals: 1), "12.5")
    }

    func testNonFiniteValuesAreNamed() {
        XCTAssertEqual(NumberText.fixed(.nan), "NaN")
        XCTAssertEqual(NumberText.fixed(.infinity), "inf")
    }
}
