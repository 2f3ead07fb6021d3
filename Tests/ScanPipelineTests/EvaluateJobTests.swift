import Foundation
import NeuralNet
import XCTest
@testable import ScanPipeline

/// `EvaluateJob` on a folder of labelled pictures: what is read, what is skipped, what is written.
final class EvaluateJobTests: XCTestCase {
    private var dir: TemporaryDirectory!

    override func setUpWithError() throws { dir = try TemporaryDirectory() }
    override func tearDown() { dir.remove() }

    private var shippedModel: String {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("Models/digitscan-cnn.safetensors").path
    }

    func testPictureFolderReportsSkippedFilesAndWritesPlots() throws {
        try dir.write("set/1/a.png", PNGWriter.page(width: 80, height: 80, boxes: [(36, 15, 8, 50)]))
        try dir.write("set/1/b.png", PNGWriter.page(width: 90, height: 70, boxes: [(40, 10, 9, 48)]))
        try dir.write("set/7/c.png", PNGWriter.page(width: 80, height: 80, boxes: [(30, 12, 10, 52)]))
        try dir.write("set/7/broken.png", Array("not a picture".utf8))
        try dir.write("set/notes/ignored.png", PNGWriter.page(width: 80, height: 80, boxes: [(36, 15, 8, 50)]))
        let outcome = try EvaluateJob.run(source: .pictures(directory: dir.path + "/set"), model: shippedModel,
                                          configuration: ConfigurationRequest(), batchSize: 2,
                                          plotsDirectory: dir.path + "/plots")
        XCTAssertEqual(outcome.report.count, 3)
        XCTAssertEqual(outcome.report.confusion.map { $0.reduce(0, +) }, [0, 2, 0, 0, 0, 0, 0, 1, 0, 0])
        XCTAssertEqual(outcome.skipped.count, 1)
        XCTAssertTrue(outcome.skipped[0].contains("broken.png"), outcome.skipped[0])
        XCTAssertEqual(outcome.plots, [dir.path + "/plots/reliability.png", dir.path + "/plots/confusion.png"])
        for path in outcome.plots { XCTAssertTrue(FileManager.default.fileExists(atPath: path), path) }
        let lines = outcome.text.split(separator: "\n").map(String.init)
        XCTAssertTrue(lines[0].hasPrefix("accuracy "))
        XCTAssertTrue(lines.contains("skipped 1 of 4 pictures (not one readable digit each):"), outcome.text)
    }

    func testSkippedListIsCut() {
        let empty = ReliabilityTable(confidences: [], correct: [])
        let report = EvaluationReport(accuracy: 0, confusion: [], count: 0, seconds: 0, temperature: 1,
                                      reliabilityBefore: empty, reliabilityAfter: empty,
                                      riskCoverage: RiskCoverage(confidences: [], correct: []))
        var outcome = EvaluateJob.Outcome(report: report, skipped: (0..<13).map { "f\($0): bad" }, fromPictures: true, plots: [])
        var lines = outcome.text.split(separator: "\n").map(String.init)
        XCTAssertEqual(lines.suffix(12), ["skipped 13 of 13 pictures (not one readable digit each):"]
                       + (0..<10).map { "  f\($0): bad" } + ["  and 3 more"])
        outcome.fromPictures = false
        lines = outcome.text.split(separator: "\n").map(String.init)
        XCTAssertFalse(lines.contains { $0.hasPrefix("skipped") }, "MNIST has nothing to skip")
    }
}
