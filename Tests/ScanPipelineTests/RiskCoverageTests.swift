import XCTest
@testable import ScanPipeline

/// The reject option's trade-off on hand-made answers, and against a brute-force search.
final class RiskCoverageTests: XCTestCase {
    func testHandMadeAnswers() {
        // Most confident first: right, right, right, then a tie at 0.9 (one wrong, one right),
        // right at 0.8, wrong at 0.6, right at 0.5; the NaN is never accepted.
        let confidences: [Float] = [0.9, 0.99, 0.5, 0.97, 0.8, 0.9, 0.98, 0.6, .nan]
        let correct = [false, true, true, true, true, true, true, false, true]
        let rc = RiskCoverage(confidences: confidences, correct: correct, precisions: [0.999, 0.8, 0.75, 0.7],
                              thresholds: [0.9, 0.95, 1])
        XCTAssertEqual(rc.count, 9)
        let points = rc.operatingPoints
        // 99.9 %: only the three certain answers (the tie at 0.9 cannot be split).
        XCTAssertEqual(points[0].threshold, 0.97)
        XCTAssertEqual(points[0].accepted, 3)
        XCTAssertEqual(points[0].coverage, 3.0 / 9, accuracy: 1e-12)
        XCTAssertEqual(points[0].accuracy, 1)
        // 80 %: down to 0.8 (5 of 6); 0.6 would give 5 of 7.
        XCTAssertEqual(points[1].threshold, 0.8)
        XCTAssertEqual(points[1].accepted, 6)
        XCTAssertEqual(points[1].accuracy, 5.0 / 6, accuracy: 1e-12)
        // 75 %: everything but the NaN (6 of 8 is exactly 75 %).
        XCTAssertEqual(points[2].threshold, 0.5)
        XCTAssertEqual(points[2].accepted, 8)
        XCTAssertEqual(points[3].accepted, 8, "a lower precision never accepts less")
        XCTAssertEqual(rc.curve.map(\.accepted), [5, 3, 0])
        XCTAssertEqual(rc.curve[0].accuracy, 0.8, accuracy: 1e-12)
        XCTAssertEqual(rc.curve[1].coverage, 3.0 / 9, accuracy: 1e-12)
        XCTAssertEqual(rc.curve[2].accuracy, 1, "nothing accepted counts as no mistakes")
    }

    func testUnreachablePrecisionHasNoThreshold() {
        let rc = RiskCoverage(confidences: [1, 1, 0.4], correct: [true, false, true], precisions: [0.999])
        XCTAssertNil(rc.operatingPoints[0].threshold)
        XCTAssertEqual(rc.operatingPoints[0].coverage, 0)
        let empty = RiskCoverage(confidences: [], correct: [])
        XCTAssertEqual(empty.operatingPoints.map(\.accepted), [0, 0])
        XCTAssertEqual(empty.curve.map(\.coverage), [0, 0, 0, 0, 0, 0])
    }

    func testPrecisionIsReachedExactlyDespiteRounding() {
        // 55 right of 100 is 55 %, although 0.55 · 100 is 55.00000000000001 in binary.
        XCTAssertGreaterThan(0.55 * 100.0, 55.0)
        let confidences = (0..<100).map { Float(100 - $0) / 100 }
        let correct = (0..<100).map { $0 < 55 }
        let rc = RiskCoverage(confidences: confidences, correct: correct, precisions: [0.55])
        XCTAssertEqual(rc.operatingPoints[0].accepted, 100)
        XCTAssertEqual(rc.operatingPoints[0].threshold, 0.01)
    }

    func testMatchesBruteForceOnRandomAnswers() {
        var state: UInt64 = 12345
        func next() -> UInt64 { state = state &* 6364136223846793005 &+ 1442695040888963407; return state >> 33 }
        // Confidences on a coarse grid so that ties are common; right more often when confident.
        let confidences = (0..<500).map { _ in Float(next() % 40 + 60) / 100 }
        let correct = confidences.map { c in Float(next() % 1000) / 1000 < c * 1.02 }
        for precision in [0.95, 0.9, 0.85] {
            var best = (accepted: 0, threshold: Float?.none)
            for t in Set(confidences) {
                let accepted = zip(confidences, correct).filter { $0.0 >= t }
                let right = accepted.filter(\.1).count
                if Double(right) >= precision * Double(accepted.count), accepted.count > best.accepted {
                    best = (accepted.count, t)
                }
            }
            let point = RiskCoverage(confidences: confidences, correct: correct, precisions: [precision]).operatingPoints[0]
            XCTAssertEqual(point.accepted, best.accepted, "\(precision)")
            XCTAssertEqual(point.threshold, best.threshold, "\(precision)")
        }
    }
}
