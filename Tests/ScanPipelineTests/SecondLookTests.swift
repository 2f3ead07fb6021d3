import XCTest
@testable import ScanPipeline

/// The second look averages an unsure answer over one-pixel shifts of the input, and leaves
/// sure answers alone.
final class SecondLookTests: XCTestCase {
    /// Reads a 4×4 input as class 0 when its single ink pixel is at (1, 1), class 1 elsewhere,
    /// with the confidence `sure` (the rest spread over the other class).
    private struct PlacementClassifier: DigitClassifier {
        var sure: Float
        var classes: Int { 2 }
        var inputSide: Int { 4 }
        func probabilities(pixels: [Float], count: Int, threads: Int) -> [Float] {
            (0..<count).flatMap { n -> [Float] in
                let centred = pixels[n * 16 + 5] > 0
                return centred ? [sure, 1 - sure] : [1 - sure, sure]
            }
        }
    }

    private func image(inkAt x: Int, _ y: Int) -> [Float] {
        var p = [Float](repeating: 0, count: 16)
        p[y * 4 + x] = 255
        return p
    }

    func testUnsureAnswerIsAveragedOverItsShifts() {
        let classifier = PlacementClassifier(sure: 0.8)
        let inputs = image(inkAt: 1, 1) + image(inkAt: 2, 1)
        let first = classifier.probabilities(pixels: inputs, count: 2, threads: 1)
        XCTAssertEqual(first[0], 0.8)
        XCTAssertEqual(first[3], 0.8)
        let revised = SecondLook(below: 0.9).revise(first, inputs: inputs, count: 2, side: 4, classifier: classifier)
        // Centred: itself (0.8) and four shifts off the spot (0.2 each) → 1.6 / 5 for class 0.
        XCTAssertEqual(revised[0], 1.6 / 5, accuracy: 1e-6)
        XCTAssertEqual(revised[1], 3.4 / 5, accuracy: 1e-6)
        // One pixel right of the spot: the left shift lands on it → (0.2 + 0.8 + 3 × 0.2) / 5.
        XCTAssertEqual(revised[2], 1.6 / 5, accuracy: 1e-6)
        XCTAssertEqual(revised[3], 3.4 / 5, accuracy: 1e-6)
    }

    func testSureAnswersAndAZeroThresholdAreLeftAlone() {
        let classifier = PlacementClassifier(sure: 0.95)
        let inputs = image(inkAt: 1, 1)
        let first = classifier.probabilities(pixels: inputs, count: 1, threads: 1)
        XCTAssertEqual(SecondLook(below: 0.9).revise(first, inputs: inputs, count: 1, side: 4, classifier: classifier), first)
        let unsure = PlacementClassifier(sure: 0.6)
        let p = unsure.probabilities(pixels: inputs, count: 1, threads: 1)
        XCTAssertEqual(SecondLook(below: 0).revise(p, inputs: inputs, count: 1, side: 4, classifier: unsure), p)
    }
}
