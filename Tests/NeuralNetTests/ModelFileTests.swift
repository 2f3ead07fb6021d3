import Foundation
import XCTest
@testable import NeuralNet

/// The model format: a file written by an independent numpy script loads and gives the
/// probabilities numpy computed; our files round-trip; malformed files are refused clearly.
final class ModelFileTests: XCTestCase {
    private func fixture(_ name: String) throws -> URL {
        try XCTUnwrap(Bundle.module.url(forResource: "Fixtures/\(name)", withExtension: nil))
    }

    func testReferenceModelMatchesNumpy() throws {
        let model = try Model.load(path: try fixture("reference.safetensors").path)
        let ref = try JSONSerialization.jsonObject(with: Data(contentsOf: try fixture("reference.json"))) as? [String: Any]
        let pixels = try XCTUnwrap(ref?["pixels"] as? [NSNumber]).map(\.floatValue)
        let expected = try XCTUnwrap(ref?["probabilities"] as? [NSNumber]).map(\.floatValue)
        let count = try XCTUnwrap(ref?["count"] as? Int)
        XCTAssertEqual(model.input, InputSpec(scale: 1 / 255, mean: 0.1307, std: 0.3081))
        XCTAssertEqual(model.metadata["name"], "reference-fixture")
        for threads in [1, 2] {
            let probs = model.probabilities(pixels: pixels, count: count, threads: threads)
            XCTAssertEqual(probs.count, expected.count)
            for (p, e) in zip(probs, expected) { XCTAssertEqual(p, e, accuracy: 2e-5) }
        }
    }

    func testSaveLoadRoundTrip() throws {
        var rng = SplitMix64(seed: 2)
        let specs = Architecture.tiny()
        let layout = try ParameterLayout(layers: specs)
        var params = (0..<layout.totalCount).map { _ in rng.nextSigned() }
        let variance = try XCTUnwrap(layout.entry(named: "bn.running_var"))
        for j in 0..<variance.count { params[variance.offset + j] = 0.5 + abs(params[variance.offset + j]) }
        let model = try Model(specs: specs, parameters: params,
                              input: InputSpec(), metadata: ["name": "round-trip"])
        let path = NSTemporaryDirectory() + "/roundtrip-\(getpid()).safetensors"
        defer { try? FileManager.default.removeItem(atPath: path) }
        try model.save(path: path)
        let back = try Model.load(path: path)
        XCTAssertEqual(back.specs, model.specs)
        XCTAssertEqual(back.parameters, model.parameters)
        XCTAssertEqual(back.metadata, model.metadata)
        let x = (0..<(3 * 784)).map { Float($0 % 256) }
        XCTAssertEqual(back.probabilities(pixels: x, count: 3), model.probabilities(pixels: x, count: 3))
    }

    func testMalformedFilesAreRefused() throws {
        let good = try [UInt8](Data(contentsOf: try fixture("reference.safetensors")))
        let cases: [(String, [UInt8])] = [
            ("empty", []),
            ("header length past the end", [0xFF, 0xFF, 0, 0, 0, 0, 0, 0, 0x7B, 0x7D]),
            ("truncated data", Array(good.dropLast(100))),
            ("not JSON", [4, 0, 0, 0, 0, 0, 0, 0] + Array("nope".utf8)),
        ]
        for (what, bytes) in cases {
            XCTAssertThrowsError(try Model(safetensors: bytes), what) { error in
                XCTAssertFalse("\(error)".isEmpty, what)
            }
        }
        XCTAssertThrowsError(try Model.load(path: "/nonexistent/model.safetensors")) { error in
            XCTAssertTrue("\(error)".contains("/nonexistent/model.safetensors"))
        }
    }

    func testArchitectureThatDoesNotChainIsRefused() {
        let specs: [LayerSpec] = [.flatten, .dense(inFeatures: 100, outFeatures: 10, weight: "w", bias: "b")]
        XCTAssertThrowsError(try Model(specs: specs, parameters: [Float](repeating: 0, count: 1010), input: InputSpec())) {
            XCTAssertTrue("\($0)".contains("does not accept"), "\($0)")
        }
    }
}
