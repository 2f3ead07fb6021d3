import Foundation
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
        XCTAssertEqual(try ModelLocator.resolve(flag: flag, configured: configured, environment: environment), flag)
        XCTAssertEqual(try ModelLocator.resolve(flag: nil, configured: configured, environment: environment), configured)
        XCTAssertEqual(try ModelLocator.resolve(flag: nil, configured: "", environment: environment), env)
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

    func testMissingModelMessageListsEveryPath() {
        let error = PipelineError.modelNotFound(tried: ["a", "b"])
        XCTAssertEqual(error.exitCode, 2)
        XCTAssertTrue(error.description.contains("  a\n  b\n"), error.description)
    }
}
