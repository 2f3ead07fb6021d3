import Dispatch
import Foundation
import ImageDecoding
import XCTest

/// Decoding from several threads at once gives the same results as decoding one at a time:
/// codec state is per call, and error recovery (longjmp) stays on its own thread.
final class ConcurrencyTests: XCTestCase {
    func testConcurrentDecodesMatchSerial() throws {
        let names = try Fixtures.decodableNames() + ["broken_truncated.jpg", "broken_bad_crc.png", "broken_huge.jpg"]
        let inputs = try names.map { try Fixtures.bytes($0) }
        let serial = inputs.map { bytes in Result { () throws(DecodingError) in try ImageDecoder.decode(bytes) } }

        let rounds = 8
        let results = ResultSlots(count: inputs.count * rounds)
        DispatchQueue.concurrentPerform(iterations: inputs.count * rounds) { i in
            let bytes = inputs[i % inputs.count]
            results.set(i, Result { () throws(DecodingError) in try ImageDecoder.decode(bytes) })
        }
        for i in 0..<(inputs.count * rounds) {
            XCTAssertEqual(results.get(i), serial[i % inputs.count], names[i % inputs.count])
        }
    }
}

/// Results written by concurrent iterations, each to its own slot, under a lock.
private final class ResultSlots: @unchecked Sendable {
    // @unchecked: every access goes through `lock`.
    private var slots: [Result<GrayImage, DecodingError>?]
    private let lock = NSLock()

    init(count: Int) { slots = Array(repeating: nil, count: count) }

    func set(_ index: Int, _ result: Result<GrayImage, DecodingError>) {
        lock.lock()
        defer { lock.unlock() }
        slots[index] = result
    }

    func get(_ index: Int) -> Result<GrayImage, DecodingError>? {
        lock.lock()
        defer { lock.unlock() }
        return slots[index]
    }
}
