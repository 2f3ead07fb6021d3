import BuiltInModel
import Foundation
import NeuralNet
import XCTest
@testable import ScanPipeline

final class ModelLocatorTests: XCTestCase {
    func testExplicitChoicesWinInOrderAndMustExist() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let flag = try dir.write("flag.safetensors", [0])
        let configured = try dir.write("config.safetensors", [0])
        let env = try dir.write("env.safetensors", [0])
        let environment = ["DIGITSCAN_MODEL": env]
        XCTAssertEqual(try ModelLocator.resolve(flag: flag, configured: configured, environment: environment), .file(flag))
        XCTAssertEqual(try ModelLocator.resolve(flag: nil, configured: configured, environment: environment), .file(configured))
        XCTAssertEqual(try ModelLocator.resolve(flag: nil, configured: "", environment: environment), .file(env))
        XCTAssertThrowsError(try ModelLocator.resolve(flag: dir.path + "/none", configured: configured, environment: environment)) { error in
            XCTAssertEqual(error as? PipelineError, .modelNotFound(tried: [dir.path + "/none"]))
        }
    }

    func testDefaultSearchEndsInTheSourceTree() {
        let paths = ModelLocator.searchPath()
        XCTAssertEqual(paths.first, "Models/digitscan-cnn.safetensors")
        let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent()
        XCTAssertEqual(paths.last, repository.appendingPathComponent("Models/digitscan-cnn.safetensors").path)
        XCTAssertTrue(paths.contains { $0.hasSuffix("share/digitscan/digitscan-cnn.safetensors") }, "\(paths)")
    }

    /// The first file of the search path that exists is used; with none, the built-in copy.
    func testSearchFallsBackToTheBuiltInModel() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let second = try dir.write("second.safetensors", [0])
        let none = dir.path + "/none.safetensors"
        XCTAssertEqual(try ModelLocator.resolve(flag: nil, configured: "", environment: [:], searchPath: [none, second]),
                       .file(second))
        XCTAssertEqual(try ModelLocator.resolve(flag: nil, configured: "", environment: [:], searchPath: [none]), .builtIn)
        XCTAssertEqual(ModelLocator.Source.builtIn.description, "the model built into digitscan")
    }

    /// The built-in copy is the shipped file, byte for byte: after training a new model,
    /// `make embed-model` (scripts/embed_model.py) must be run, or this fails.
    func testBuiltInModelIsTheShippedFile() throws {
        let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent()
        let shipped = try [UInt8](Data(contentsOf: repository.appendingPathComponent(ModelLocator.shippedModel)))
        XCTAssertEqual(BuiltInModel.bytes.count, shipped.count)
        XCTAssertTrue(BuiltInModel.bytes == shipped, "the built-in model differs from \(ModelLocator.shippedModel): run make embed-model")
        let model = try Model(safetensors: BuiltInModel.bytes)
        XCTAssertEqual(model.classes, 10)
        XCTAssertNotEqual(model.temperature, 1, "the calibration temperature travels with it")
    }

    func testMissingModelMessageListsEveryPath() {
        let error = PipelineError.modelNotFound(tried: ["a", "b"])
        XCTAssertEqual(error.exitCode, 2)
        XCTAssertTrue(error.description.contains("  a\n  b\n"), error.description)
    }
}
