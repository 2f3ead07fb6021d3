import DigitSegmentation
import Foundation
import ImageDecoding
import XCTest
@testable import ScanPipeline

/// MNIST test digits at their own size (20 px tall), dark on white: a digit's bar, stem and
/// loop meet within the few pixels a form box's corners may be off, so a frame test that
/// takes short tops (a box fitted to a 1) must not find "frames" in digits this small.
final class SmallDigitFramesTests: XCTestCase {
    func testNoFramesInSmallDigits() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().path
        let data = try MNISTDataset.load(directory: root + "/Tests/Fixtures/mnist", split: .test)
        // Frames need walls 100 × the digit height here: none.
        var noFrames = SegmentationConfig()
        noFrames.frameMinSide = 100
        let segmenter = DigitSegmenter(), without = DigitSegmenter(config: noFrames)
        let side = 28, pad = 20, page = 28 + 2 * 20
        var changed: [Int] = []
        // The first 3,000 (without the guard on short walls, 111 of them segment differently).
        for index in 0..<3000 {
            var pixels = [UInt8](repeating: 255, count: page * page)
            for y in 0..<side {
                for x in 0..<side { pixels[(y + pad) * page + x + pad] = 255 - data.images[index * side * side + y * side + x] }
            }
            let image = GrayImage(width: page, height: page, pixels: pixels)
            if try segmenter.segment(image) != without.segment(image) { changed.append(index) }
        }
        XCTAssertEqual(changed, [])
    }
}
