import Foundation
import ImageDecoding
import NeuralNet
import XCTest
@testable import ScanPipeline

/// The `--plots` pictures decode back with the expected size and the expected colours where
/// bars, cells and axes must be.
final class PlotsTests: XCTestCase {
    private var dir: TemporaryDirectory!

    override func setUpWithError() throws { dir = try TemporaryDirectory() }
    override func tearDown() { dir.remove() }

    /// Before: bin 14 all right, bin 7 half right. After: bin 14 all right, bin 10 all right.
    private func report() -> EvaluationReport {
        var confusion = [[Int]](repeating: [Int](repeating: 0, count: 10), count: 10)
        for c in 0..<10 { confusion[c][c] = 100 }
        confusion[3][5] = 10
        let before = ReliabilityTable(confidences: [0.99, 0.98, 0.5, 0.51], correct: [true, true, true, false])
        let after = ReliabilityTable(confidences: [0.99, 0.98, 0.7, 0.69], correct: [true, true, true, true])
        return EvaluationReport(accuracy: 0.75, confusion: confusion, count: 4, seconds: 0, temperature: 1.5,
                                reliabilityBefore: before, reliabilityAfter: after,
                                riskCoverage: RiskCoverage(confidences: [], correct: []))
    }

    private func decode(_ name: String) throws -> RGBImage {
        try ImageDecoder.decodeRGB(Array(Data(contentsOf: URL(fileURLWithPath: dir.path + "/plots/deeper/" + name))))
    }

    private func colour(_ image: RGBImage, _ x: Int, _ y: Int) -> Canvas.Colour {
        let (r, g, b) = image[x, y]
        return Canvas.Colour(r, g, b)
    }

    func testReliabilityDiagram() throws {
        let written = try EvaluationPlots.write(report(), to: dir.path + "/plots/deeper")
        XCTAssertEqual(written.map { ($0 as NSString).lastPathComponent }, ["reliability.png", "confusion.png"])
        let image = try decode("reliability.png")
        XCTAssertEqual([image.width, image.height], [2 * ReliabilityDiagram.panelWidth, ReliabilityDiagram.height])
        let side = ReliabilityDiagram.side
        let binWidth = side / 15
        for (panel, bar) in [(0, ReliabilityDiagram.beforeBar), (1, ReliabilityDiagram.afterBar)] {
            let (x0, y0) = ReliabilityDiagram.origin(panel: panel)
            // Bin 14 is right every time: its bar fills the column to near the top.
            XCTAssertEqual(colour(image, x0 + 14 * binWidth + 3, y0 + side - 3), bar, "panel \(panel)")
            XCTAssertEqual(colour(image, x0 + 14 * binWidth + 3, y0 + 20), bar, "panel \(panel)")
            // Bin 3 is empty: background, above the diagonal.
            XCTAssertEqual(colour(image, x0 + 3 * binWidth + 3, y0 + side / 2), ReliabilityDiagram.background)
            // The axes.
            XCTAssertEqual(colour(image, x0 - 1, y0 + side / 3), ReliabilityDiagram.ink)
            XCTAssertEqual(colour(image, x0 + side / 3, y0 + side), ReliabilityDiagram.ink)
        }
        // Bin 7 before: accuracy 0.5, so its bar stops halfway; bin 7 is empty after.
        let (x0, y0) = ReliabilityDiagram.origin(panel: 0)
        XCTAssertEqual(colour(image, x0 + 7 * binWidth + 3, y0 + side * 3 / 4), ReliabilityDiagram.beforeBar)
        XCTAssertEqual(colour(image, x0 + 7 * binWidth + 3, y0 + side / 4), ReliabilityDiagram.background)
        let (x1, y1) = ReliabilityDiagram.origin(panel: 1)
        XCTAssertEqual(colour(image, x1 + 7 * binWidth + 3, y1 + side * 3 / 4), ReliabilityDiagram.background)
        XCTAssertEqual(colour(image, x1 + 10 * binWidth + 3, y1 + side * 3 / 4), ReliabilityDiagram.afterBar)
        // Bin 14's mean confidence 0.985 is marked across its bar.
        let markY = y0 + side - Int((0.985 * Double(side)).rounded())
        XCTAssertEqual(colour(image, x0 + 14 * binWidth + 3, markY - 1), ReliabilityDiagram.confidenceMark)
        // The titles are written above the plot areas.
        let titleInk = (0..<y0).flatMap { y in (0..<image.width).map { (y, $0) } }.filter { colour(image, $0.1, $0.0) == ReliabilityDiagram.ink }
        XCTAssertGreaterThan(titleInk.count, 100)
    }

    func testConfusionHeatMap() throws {
        try EvaluationPlots.write(report(), to: dir.path + "/plots/deeper")
        let image = try decode("confusion.png")
        let side = ConfusionHeatMap.side(classes: 10)
        XCTAssertEqual([image.width, image.height], [side, side])
        // Corners of cells (clear of the centred counts and the grid lines).
        func cell(_ truth: Int, _ predicted: Int) -> Canvas.Colour {
            let (x, y) = ConfusionHeatMap.origin(truth: truth, predicted: predicted)
            return colour(image, x + 3, y + 3)
        }
        XCTAssertEqual(cell(0, 0), ConfusionHeatMap.full, "a row all on the diagonal")
        XCTAssertEqual(cell(3, 3), ConfusionHeatMap.shade(100.0 / 110))
        XCTAssertEqual(cell(3, 5), ConfusionHeatMap.shade(10.0 / 110))
        XCTAssertEqual(cell(5, 3), ConfusionHeatMap.background)
        XCTAssertNotEqual(ConfusionHeatMap.shade(10.0 / 110), ConfusionHeatMap.background)
        // "100" in white on each full diagonal cell.
        let (x, y) = ConfusionHeatMap.origin(truth: 7, predicted: 7)
        let cellPixels = (y..<(y + ConfusionHeatMap.cell)).flatMap { yy in (x..<(x + ConfusionHeatMap.cell)).map { colour(image, $0, yy) } }
        XCTAssertGreaterThan(cellPixels.filter { $0 == ConfusionHeatMap.background }.count, 10)
    }

    func testUnwritableDirectoryIsAnOutputError() throws {
        let file = try dir.write("plain-file", [1])
        XCTAssertThrowsError(try EvaluationPlots.write(report(), to: file + "/plots")) { error in
            guard case .output = error as? PipelineError else { return XCTFail("\(error)") }
        }
    }
}
