import Foundation
import XCTest

final class CLITests: XCTestCase {
    private var cli: CLIRunner!

    override func setUpWithError() throws {
        cli = try CLIRunner(testCase: CLITests.self)
        try cli.write("model.safetensors", TinyModel.safetensors(scale: 6))
        let sample = CLIRunner.repository.appendingPathComponent("samples/single-digit.png")
        try cli.write("scans/one.png", Array(try Data(contentsOf: sample)))
        try cli.write("scans/sub/two,\"x\".PNG", Array(try Data(contentsOf: sample)))
        try cli.write("scans/notes.txt", Array("ignored".utf8))
    }

    override func tearDown() { cli.remove() }

    func testConfigHelpIsExact() throws {
        let result = try cli.run(["config", "--help"])
        XCTAssertEqual(result.exitCode, 0)
        XCTAssertEqual(result.stdout, """
            OVERVIEW: Print the effective configuration as JSON (file, then flags, over the
            defaults).

            USAGE: digitscan config [--documented] [--defaults] [--config <config>] [--model <model>] [--threads <threads>]

            OPTIONS:
              --documented            Precede every key with its documentation, as in the
                                      committed pipeline.json.
              --defaults              Print the built-in defaults, ignoring
                                      ./pipeline.json, --config and other flags.
              --config <config>       Configuration file to use instead of ./pipeline.json.
              --model <model>         Model file, overriding classifier.model and
                                      $DIGITSCAN_MODEL.
              --threads <threads>     Worker threads, 0 for every core (run.threads).
              -h, --help              Show help information.

            """ + "\n")
    }

    func testRootHelpListsEveryCommandAndTheExitCodes() throws {
        let result = try cli.run(["--help"])
        XCTAssertEqual(result.exitCode, 0)
        for word in ["classify (default)", "config", "evaluate", "train", "calibrate", "benchmark",
                     "1 some inputs failed", "2 usage or configuration error"] {
            XCTAssertTrue(result.stdout.contains(word), "missing \(word) in:\n\(result.stdout)")
        }
    }

    func testEveryOptionHelpIsOneSentenceEndingInAPeriod() throws {
        for command in ["classify", "config", "evaluate", "train", "calibrate", "benchmark"] {
            let help = try cli.run([command, "--help"]).stdout
            XCTAssertFalse(help.isEmpty)
            // An option's help starts at column 26 on the option's line or the next.
            let entries = help.components(separatedBy: "\n  -").dropFirst()
            for entry in entries where !entry.hasPrefix("h, --help") {
                let text = entry.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }.joined(separator: " ")
                let beforeDefault = text.components(separatedBy: " (default:").first ?? text
                let sentence = beforeDefault.components(separatedBy: " (values:").first ?? beforeDefault
                XCTAssertTrue(sentence.hasSuffix("."), "\(command): \(text)")
            }
        }
    }

    func testBadFlagsExitWithTwoAndNameTheFlag() throws {
        let format = try cli.run(["scans", "--format", "xml"])
        XCTAssertEqual(format.exitCode, 2)
        XCTAssertTrue(format.stderr.contains("'--format <format>'") && format.stderr.contains("'csv' and 'jsonl'"), format.stderr)
        let unknown = try cli.run(["scans", "--bogus"])
        XCTAssertEqual(unknown.exitCode, 2)
        XCTAssertTrue(unknown.stderr.contains("Unknown option '--bogus'"), unknown.stderr)
        let none = try cli.run([])
        XCTAssertEqual(none.exitCode, 2)
        let threads = try cli.run(["scans", "--threads=-2", "--model", "model.safetensors"])
        XCTAssertEqual(threads.exitCode, 2)
        XCTAssertTrue(threads.stderr.contains("--threads: run.threads must be an integer from 0 to 1024 (got -2)"), threads.stderr)
    }

    func testBadConfigurationKeyExitsWithTwoAndNamesIt() throws {
        try cli.write("bad.json", Array(#"{"run": {"treads": 2}}"#.utf8))
        let result = try cli.run(["scans", "--config", "bad.json", "--model", "model.safetensors"])
        XCTAssertEqual(result.exitCode, 2)
        XCTAssertTrue(result.stderr.contains("bad.json: unknown key 'run.treads'; allowed keys in run: threads, filesPerChunk"), result.stderr)
        XCTAssertEqual(result.stdout, "")
        // ./pipeline.json is picked up without --config.
        try cli.write("pipeline.json", Array(#"{"output": {"format": "yaml"}}"#.utf8))
        let implicit = try cli.run(["config"])
        XCTAssertEqual(implicit.exitCode, 2)
        XCTAssertTrue(implicit.stderr.contains("pipeline.json: output.format must be one of csv, jsonl (got \"yaml\")"), implicit.stderr)
    }

    func testMissingModelExitsWithTwoAndListsThePathsTried() throws {
        let result = try cli.run(["scans", "--model", "nowhere.safetensors"])
        XCTAssertEqual(result.exitCode, 2)
        XCTAssertTrue(result.stderr.contains("no model file found") && result.stderr.contains("nowhere.safetensors"), result.stderr)
    }

    func testCorruptFileGivesAnErrorRowAndExitCodeOne() throws {
        try cli.write("scans/broken.png", Array("definitely not a PNG".utf8))
        let result = try cli.run(["scans/", "--model", "model.safetensors", "-o", "out.csv"])
        XCTAssertEqual(result.exitCode, 1, result.stderr)
        XCTAssertTrue(result.stderr.contains("1 of 3 files failed"), result.stderr)
        let lines = try cli.read("out.csv").split(separator: "\n", omittingEmptySubsequences: false)
        XCTAssertEqual(lines.first, "path,digits,count,confidence,status,confidences,boxes,error")
        XCTAssertTrue(lines[1].hasPrefix("scans/broken.png,,0,,error,,,"), String(lines[1]))
        XCTAssertTrue(lines[2].hasPrefix("scans/one.png,9,1,0.9"), String(lines[2]))
        XCTAssertTrue(lines[3].hasPrefix("\"scans/sub/two,\"\"x\"\".PNG\",9,1,"), String(lines[3]))
        XCTAssertEqual(lines.count, 5)  // header, three rows, and the final newline
    }

    func testCleanRunExitsWithZeroAndStdinListsWork() throws {
        let list = Array("scans/one.png\0scans/sub/two,\"x\".PNG\0".utf8)
        let result = try cli.run(["-0", "-", "--model", "model.safetensors", "--format", "jsonl",
                                  "--min-confidence", "0.5", "--threads", "1"], stdin: list)
        XCTAssertEqual(result.exitCode, 0, result.stderr)
        let lines = result.stdout.split(separator: "\n")
        XCTAssertEqual(lines.count, 2)
        let first = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(lines[0].utf8)) as? [String: Any])
        XCTAssertEqual(first["digits"] as? String, "9")
        XCTAssertEqual(first["status"] as? String, "ok")
    }

    func testLowConfidenceDependsOnTheThreshold() throws {
        try cli.write("weak.safetensors", TinyModel.safetensors(scale: 1))
        let result = try cli.run(["scans/one.png", "--model", "weak.safetensors", "--per-digit"])
        XCTAssertEqual(result.exitCode, 0, result.stderr)
        let lines = result.stdout.split(separator: "\n")
        XCTAssertTrue(lines[0].hasSuffix("p8,p9,status,error"), String(lines[0]))
        XCTAssertTrue(lines[1].hasPrefix("scans/one.png,0,0,9,0.3"), String(lines[1]))
        XCTAssertTrue(lines[1].hasSuffix(",low_confidence,"), String(lines[1]))
    }

    func testDebugDirGetsPicturesOfEachFile() throws {
        let result = try cli.run(["scans/one.png", "--model", "model.safetensors", "--debug-dir", "pictures/run1"])
        XCTAssertEqual(result.exitCode, 0, result.stderr)
        for name in ["0001-one.overlay.png", "0001-one.inputs.png"] {
            let bytes = Array(try Data(contentsOf: cli.directory.appendingPathComponent("pictures/run1/" + name)))
            XCTAssertEqual(Array(bytes.prefix(8)), [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A], name)
        }
    }

    func testConfigPrintsTheEffectiveConfiguration() throws {
        let defaults = try cli.run(["config", "--documented", "--defaults"])
        XCTAssertEqual(defaults.exitCode, 0)
        let committed = try String(contentsOf: CLIRunner.repository.appendingPathComponent("pipeline.json"), encoding: .utf8)
        XCTAssertEqual(defaults.stdout, committed)
        let effective = try cli.run(["config", "--threads", "3"])
        let object = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(effective.stdout.utf8)) as? [String: Any])
        XCTAssertEqual((object["run"] as? [String: Any])?["threads"] as? Int, 3)
    }
}
