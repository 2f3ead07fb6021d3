import DigitSegmentation
import Foundation
import XCTest
@testable import ScanPipeline

final class ConfigurationTests: XCTestCase {
    private let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()

    // Untyped `throws` on purpose: a typed-throws call inside XCTAssert's autoclosure
    // crashed the test process (Swift 6.3.1) when it threw.
    private func parse(_ text: String) throws -> Configuration {
        do { return try Configuration.parse(Array(text.utf8), origin: "test.json") } catch { throw error as any Error }
    }

    private func message(_ text: String) -> String {
        do {
            _ = try Configuration.parse(Array(text.utf8), origin: "test.json")
            return "no error"
        } catch {
            XCTAssertEqual(error.exitCode, 2)
            return error.description
        }
    }

    func testCommittedPipelineJSONIsTheDocumentedDefaults() throws {
        let committed = try String(contentsOf: repository.appendingPathComponent("pipeline.json"), encoding: .utf8)
        XCTAssertEqual(committed, Configuration().documentedJSON.prettyText,
                       "pipeline.json differs from the built-in defaults: regenerate it with `digitscan config --documented --defaults > pipeline.json`")
        XCTAssertEqual(try parse(committed), Configuration())
    }

    func testEverySegmentationParameterIsInTheSchema() throws {
        let stored = Mirror(reflecting: SegmentationConfig()).children.compactMap(\.label)
        let section = try XCTUnwrap(Configuration.schema.first { $0.key == "segmentation" })
        XCTAssertEqual(Set(section.fields.map(\.key)), Set(stored),
                       "SegmentationConfig and the segmentation section of the schema disagree")
    }

    func testPrintedConfigurationParsesBackToItself() throws {
        var config = Configuration()
        config.classifier.minConfidence = 0.65
        config.output.format = .jsonl
        config.inputs.extensions = ["tif", "PNG"]
        config.segmentation.polarity = .lightOnDark
        config.segmentation.speckRatio = 0.125
        XCTAssertEqual(try parse(config.json.prettyText), config)
        XCTAssertEqual(try parse(config.documentedJSON.compactText), config)
    }

    func testPartialFilesKeepDefaultsAndCommentsAreIgnored() throws {
        let config = try parse(#"{"//": "x", "run": {"// threads": "doc", "threads": 3}}"#)
        var expected = Configuration()
        expected.run.threads = 3
        XCTAssertEqual(config, expected)
        XCTAssertEqual(try parse("{}"), Configuration())
    }

    func testUnknownKeysNameThemselvesAndTheAllowedKeys() {
        let top = message(#"{"segmentaton": {}}"#)
        XCTAssertTrue(top.contains("unknown key 'segmentaton'"), top)
        XCTAssertTrue(top.contains("inputs, limits, decode, segmentation, classifier, output, run"), top)
        let nested = message(#"{"classifier": {"minConfidance": 0.5}}"#)
        XCTAssertTrue(nested.contains("unknown key 'classifier.minConfidance'"), nested)
        XCTAssertTrue(nested.contains("model, batchSize, minConfidence"), nested)
    }

    func testBadValuesNameTheKeyAndTheAllowedValues() {
        let format = message(#"{"output": {"format": "xml"}}"#)
        XCTAssertTrue(format.contains("output.format must be one of csv, jsonl (got \"xml\")"), format)
        let polarity = message(#"{"segmentation": {"polarity": "dark"}}"#)
        XCTAssertTrue(polarity.contains("segmentation.polarity must be one of auto, darkOnLight, lightOnDark"), polarity)
        let threads = message(#"{"run": {"threads": 1.5}}"#)
        XCTAssertTrue(threads.contains("run.threads must be an integer from 0 to 1024 (got 1.5)"), threads)
        let confidence = message(#"{"classifier": {"minConfidence": 2}}"#)
        XCTAssertTrue(confidence.contains("classifier.minConfidence must be a number from 0.0 to 1.0"), confidence)
        let flag = message(#"{"inputs": {"followSymlinks": "yes"}}"#)
        XCTAssertTrue(flag.contains("inputs.followSymlinks must be true or false"), flag)
        let section = message(#"{"run": 4}"#)
        XCTAssertTrue(section.contains("run must be an object"), section)
        let syntax = message("{\"run\": {\"threads\": 2,}}")
        XCTAssertTrue(syntax.contains("invalid JSON at line 1"), syntax)
        let crossField = message(#"{"segmentation": {"digitBox": 40}}"#)
        XCTAssertTrue(crossField.contains("segmentation.digitBox (40) must not exceed segmentation.canvas"), crossField)
    }

    func testFlagOverridesNameTheFlag() throws {
        var config = Configuration()
        try config.set("classifier.batchSize", to: .int(16), origin: "--batch-size")
        XCTAssertEqual(config.classifier.batchSize, 16)
        XCTAssertThrowsError(try config.set("run.threads", to: .int(-1), origin: "--threads")) { error in
            XCTAssertTrue("\(error)".hasPrefix("--threads: run.threads must be"), "\(error)")
        }
    }

    func testRequestAppliesFileThenFlags() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let file = try dir.write("c.json", Array(#"{"run": {"threads": 3}, "classifier": {"batchSize": 8}}"#.utf8))
        let request = ConfigurationRequest(file: file, overrides: [
            .init(key: "run.threads", value: .int(1), flag: "--threads"),
        ])
        let config = try request.resolve()
        XCTAssertEqual(config.run.threads, 1)
        XCTAssertEqual(config.classifier.batchSize, 8)
        XCTAssertThrowsError(try ConfigurationRequest(file: dir.path + "/missing.json").resolve()) { error in
            XCTAssertTrue("\(error)".contains("missing.json"), "\(error)")
        }
    }
}
