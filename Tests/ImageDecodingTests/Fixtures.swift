import Foundation
import XCTest

/// Access to the committed fixtures in `Fixtures/` and their expected pixels (`expected.json`),
/// all written by scripts/make_decoding_fixtures.py.
enum Fixtures {
    /// Expected decode of one fixture.
    struct Expected: Decodable {
        var width: Int
        var height: Int
        /// Row-major gray bytes, base64 in the file.
        var gray: Data
        /// Row-major RGB bytes, base64 in the file.
        var rgb: Data
        /// Largest allowed per-sample difference (0 for lossless formats).
        var tolerance: Int
    }

    static func url(_ name: String) throws -> URL {
        let directory = try XCTUnwrap(Bundle.module.url(forResource: "Fixtures", withExtension: nil),
                                      "Fixtures folder missing from the test bundle")
        return directory.appendingPathComponent(name)
    }

    static func bytes(_ name: String) throws -> [UInt8] {
        [UInt8](try Data(contentsOf: url(name)))
    }

    static func expected() throws -> [String: Expected] {
        try JSONDecoder().decode([String: Expected].self, from: Data(contentsOf: url("expected.json")))
    }

    /// Every decodable fixture name, sorted, from `expected.json`.
    static func decodableNames() throws -> [String] {
        try expected().keys.sorted()
    }
}

/// The largest absolute difference between two equally long byte sequences.
func maxAbsDifference(_ a: [UInt8], _ b: [UInt8]) -> Int {
    zip(a, b).map { abs(Int($0) - Int($1)) }.max() ?? 0
}
