import Foundation
import XCTest
@testable import ScanPipeline

final class JSONTests: XCTestCase {
    private func parse(_ text: String) throws -> JSONValue { try JSONParser.parse(Array(text.utf8)) }

    func testParsesEveryKindOfValueKeepingKeyOrder() throws {
        let value = try parse(#"{"b": [1, -2.5, 3e2], "a": {"t": true, "f": false, "n": null}, "s": "\u00e9\n\ud83d\ude00"}"#)
        XCTAssertEqual(value, .object([
            ("b", .array([.int(1), .double(-2.5), .double(300)])),
            ("a", .object([("t", .bool(true)), ("f", .bool(false)), ("n", .null)])),
            ("s", .string("é\n😀")),
        ]))
    }

    func testStrictnessErrorsCarryPositions() {
        let cases: [(String, String)] = [
            ("{\"a\": 1,}", "expected a key"),
            ("{\"a\": 1, \"a\": 2}", "duplicate key 'a'"),
            ("[01]", "leading zeros"),
            ("{\"a\": 1} x", "unexpected text"),
            ("// comment\n{}", "unexpected character"),
            ("{\"a\": \"\u{01}\"}", "control character"),
            ("{\"a\":\n  tru}", "invalid literal"),
        ]
        for (text, expected) in cases {
            XCTAssertThrowsError(try parse(text), text) { error in
                XCTAssertTrue("\(error)".contains(expected) || ((error as? JSONParser.Failure)?.message.contains(expected) ?? false),
                              "\(text): \(error)")
            }
        }
        XCTAssertThrowsError(try parse("{\"a\":\n  tru}")) { error in
            XCTAssertEqual((error as? JSONParser.Failure)?.line, 2)
        }
    }

    func testDeepNestingIsRefused() {
        XCTAssertThrowsError(try parse(String(repeating: "[", count: 1000)))
    }

    func testWriterOutputIsReadByFoundationAndRoundTrips() throws {
        let value = JSONValue.object([
            ("path", .string("a,\"b\"\n\\c\u{01}\u{2028}.png")),
            ("n", .int(-3)), ("x", .double(0.8)), ("list", .array([.int(1), .string("two")])),
            ("nested", .object([("empty", .array([])), ("none", .null)])),
        ])
        for text in [value.compactText, value.prettyText] {
            XCTAssertNoThrow(try JSONSerialization.jsonObject(with: Data(text.utf8)), text)
            XCTAssertEqual(try parse(text), value)
        }
        XCTAssertFalse(value.compactText.contains("\n"))
    }
}
