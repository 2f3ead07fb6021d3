import Foundation
import ImageDecoding
import XCTest
@testable import ScanPipeline

final class DebugPicturesTests: XCTestCase {
    private var dir: TemporaryDirectory!

    override func setUpWithError() throws { dir = try TemporaryDirectory() }
    override func tearDown() { dir.remove() }

    /// Runs the engine over `dir/scans` with `output.debugDir` set to `dir/<debug>`.
    private func runEngine(debug: String = "debug/pictures", chunk: Int = 64) throws -> [FileResult] {
        var config = Configuration()
        config.output.debugDir = dir.path + "/" + debug
        config.run.filesPerChunk = chunk
        // Between the fake classifier's 0.5 and 0.9, so both colours can show.
        config.classifier.minConfidence = 0.8
        let engine = ScanEngine(config: config, classifier: FakeClassifier())
        var walker = InputWalker(roots: [.path(Array((dir.path + "/scans").utf8))], options: config.inputs)
        var results: [FileResult] = []
        _ = try engine.run(&walker) { results += $0 }
        return results
    }

    private func read(_ relative: String) throws -> [UInt8] {
        Array(try Data(contentsOf: URL(fileURLWithPath: dir.path + "/" + relative)))
    }

    func testEachFileGetsAnOverlayAndOneStripCellPerDigit() throws {
        try dir.write("scans/a.png", PNGWriter.page(width: 200, height: 90, boxes: [(20, 20, 9, 40), (60, 20, 12, 40), (100, 20, 10, 44)]))
        try dir.write("scans/b two.png", PNGWriter.page(width: 120, height: 80, boxes: [(30, 15, 10, 45)]))
        try dir.write("scans/c.png", PNGWriter.page(width: 60, height: 60, boxes: []))
        try dir.write("scans/d.png", Array("not an image".utf8))
        // Two chunks: numbering continues across them.
        let results = try runEngine(chunk: 2)
        XCTAssertEqual(results.map(\.digits.count), [3, 1, 0, 0])

        let names = try FileManager.default.contentsOfDirectory(atPath: dir.path + "/debug/pictures").sorted()
        XCTAssertEqual(names, ["0001-a.inputs.png", "0001-a.overlay.png", "0002-b_two.inputs.png",
                               "0002-b_two.overlay.png", "0003-c.overlay.png"],
                       "a page without digits has no strip; an error row has no pictures")

        let overlay = try ImageDecoder.decodeRGB(read("debug/pictures/0001-a.overlay.png"))
        XCTAssertEqual([overlay.width, overlay.height], [200, 90], "small pages keep their size")
        // The fake classifier is sure (0.9) of even classes and unsure (0.5) of odd ones.
        var colours = Set<Canvas.Colour>()
        for y in 0..<overlay.height {
            for x in 0..<overlay.width {
                let (r, g, b) = overlay[x, y]
                colours.insert(Canvas.Colour(r, g, b))
            }
        }
        let anyLow = results[0].digits.contains { $0.confidence < 0.8 }
        let anyOk = results[0].digits.contains { $0.confidence >= 0.8 }
        XCTAssertEqual(colours.contains(DebugPictures.lowColour), anyLow)
        XCTAssertEqual(colours.contains(DebugPictures.okColour), anyOk)

        for (name, count) in [("0001-a", 3), ("0002-b_two", 1)] {
            let strip = try ImageDecoder.decode(read("debug/pictures/\(name).inputs.png"))
            XCTAssertEqual(strip.width, count * 84 + (count - 1) * DebugPictures.gap, name)
            XCTAssertEqual(strip.height, 84 + BitmapFont.height(scale: DebugPictures.labelScale) + 3 * DebugPictures.labelScale)
        }
    }

    func testStripCellsAreTheNetworkInputsZoomed() throws {
        let page = PNGWriter.page(width: 200, height: 90, boxes: [(20, 20, 9, 40), (60, 20, 14, 40)])
        try dir.write("scans/a.png", page)
        _ = try runEngine()
        let processor = ScanEngine(config: Configuration(), classifier: FakeClassifier()).processor
        guard case .digits(let digits) = processor.process(InputItem(pathBytes: Array((dir.path + "/scans/a.png").utf8))) else {
            return XCTFail("the page should segment")
        }
        let strip = try ImageDecoder.decode(read("debug/pictures/0001-a.inputs.png"))
        for (k, digit) in digits.enumerated() {
            let left = k * (84 + DebugPictures.gap)
            for y in 0..<84 {
                for x in 0..<84 where strip[left + x, y] != digit.pixels[(y / 3) * 28 + x / 3] {
                    return XCTFail("digit \(k) differs at (\(x), \(y))")
                }
            }
        }
    }

    func testLargePagesAreShrunkWithTheirBoxes() throws {
        try dir.write("scans/wide.png", PNGWriter.page(width: 3200, height: 800, boxes: [(400, 200, 60, 300)]))
        _ = try runEngine()
        let overlay = try ImageDecoder.decodeRGB(read("debug/pictures/0001-wide.overlay.png"))
        XCTAssertEqual([overlay.width, overlay.height], [1600, 400])
        // The box (200, 100, 30, 150 after halving) is outlined just outside the ink.
        let (r, g, b) = overlay[215, 99]
        XCTAssertTrue(r != g || g != b, "box edge above the ink should be coloured, got \((r, g, b))")
        XCTAssertEqual(overlay[215, 175].red, 0, "the ink itself stays black")
    }

    func testNamesStayInsideTheDirectory() {
        XCTAssertEqual(DebugPictureWriter.stem(number: 7, pathBytes: Array("scans/scan12.jpg".utf8)), "0007-scan12")
        XCTAssertEqual(DebugPictureWriter.stem(number: 12345, pathBytes: Array("../x/..".utf8)), "12345-.")
        XCTAssertEqual(DebugPictureWriter.stem(number: 1, pathBytes: Array("/".utf8)), "0001-file")
        XCTAssertEqual(DebugPictureWriter.stem(number: 2, pathBytes: Array(".hidden".utf8)), "0002-.hidden")
        XCTAssertEqual(DebugPictureWriter.stem(number: 3, pathBytes: [0x63, 0xE9, 0x2C, 0x0A, 0x2E, 0x70]), "0003-c___")
        XCTAssertEqual(DebugPictureWriter.stem(number: 4, pathBytes: Array(String(repeating: "a", count: 300).utf8)).count, 85)
    }

    func testAnUnwritableDebugDirectoryStopsTheRun() throws {
        try dir.write("scans/a.png", PNGWriter.page(width: 100, height: 80, boxes: [(20, 20, 9, 40)]))
        try dir.write("debug", Array("a file in the way".utf8))
        XCTAssertThrowsError(try runEngine(debug: "debug/pictures")) { error in
            guard case PipelineError.output(let path, _) = error else { return XCTFail("\(error)") }
            XCTAssertTrue(path.hasSuffix("debug/pictures"), path)
        }
    }

    func testNoPreviewsAreKeptWithoutADebugDirectory() throws {
        let path = try dir.write("scans/a.png", PNGWriter.page(width: 100, height: 80, boxes: [(20, 20, 9, 40)]))
        let engine = ScanEngine(config: Configuration(), classifier: FakeClassifier())
        XCTAssertNil(engine.processor.processKeepingPage(InputItem(pathBytes: Array(path.utf8))).page)
        XCTAssertTrue(engine.classifyChunk([InputItem(pathBytes: Array(path.utf8))]).pages.allSatisfy { $0 == nil })
    }

    func testConfidenceLabelsNeverRoundUpPastTheThreshold() {
        XCTAssertEqual(DebugPictures.confidenceText(0.7999), ".79")
        XCTAssertEqual(DebugPictures.confidenceText(0.05), ".05")
        XCTAssertEqual(DebugPictures.confidenceText(0.996), ".99")
        XCTAssertEqual(DebugPictures.confidenceText(1), "1.0")
        XCTAssertEqual(DebugPictures.confidenceText(.nan), "?")
    }
}
