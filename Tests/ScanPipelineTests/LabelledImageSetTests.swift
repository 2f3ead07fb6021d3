import Foundation
import XCTest
@testable import ScanPipeline

/// Labelled picture folders (`DIR/<digit>/*.png`) through segmentation and normalisation.
final class LabelledImageSetTests: XCTestCase {
    private let fixture = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fixtures/labelled").path

    func testLoadsOneDigitPerPictureAndListsWhatItSkips() throws {
        let set = try LabelledImageSet.load(directory: fixture, configuration: Configuration(), threads: 2)
        // 2 pictures per digit; the truncated PNG and the two-digit picture are skipped.
        XCTAssertEqual(set.dataset.count, 20)
        XCTAssertEqual(set.dataset.labels, (0..<10).flatMap { [UInt8($0), UInt8($0)] })
        XCTAssertEqual(set.paths.count, 20)
        XCTAssertTrue(set.paths.allSatisfy { $0.hasPrefix(fixture + "/") && $0.hasSuffix(".png") })
        XCTAssertEqual(set.skipped.count, 2, "\(set.skipped)")
        XCTAssertTrue(set.skipped.contains { $0.contains("3/truncated.png") }, "\(set.skipped)")
        XCTAssertTrue(set.skipped.contains { $0.contains("7/two-digits.png") && $0.contains("found 2 digits") }, "\(set.skipped)")
        // Normalised MNIST-style: ink bright, centre of mass near the middle, a 20-px digit.
        for k in 0..<set.dataset.count {
            let img = set.dataset.images[(k * 784)..<((k + 1) * 784)].map(Float.init)
            let mass = img.reduce(0, +)
            XCTAssertGreaterThan(mass, 255 * 30, "picture \(k) has too little ink")
            var cx: Float = 0, cy: Float = 0
            for (i, v) in img.enumerated() { cx += Float(i % 28) * v; cy += Float(i / 28) * v }
            XCTAssertEqual(cx / mass, 14, accuracy: 1.5)
            XCTAssertEqual(cy / mass, 14, accuracy: 1.5)
            XCTAssertEqual(img[0], 0, "corners are paper")
        }
    }

    func testSameInputsGiveTheSameSetWhateverTheThreads() throws {
        let one = try LabelledImageSet.load(directory: fixture, configuration: Configuration(), threads: 1)
        let two = try LabelledImageSet.load(directory: fixture, configuration: Configuration(), threads: 2)
        XCTAssertEqual(one.dataset.images, two.dataset.images)
        XCTAssertEqual(one.paths, two.paths)
    }

    func testMarksAreLabelledNotADigit() throws {
        let marks = try LabelledImageSet.loadMarks(directory: fixture + "/marks", configuration: Configuration())
        XCTAssertGreaterThanOrEqual(marks.dataset.count, 3)
        XCTAssertTrue(marks.dataset.labels.allSatisfy { $0 == LabelledImageSet.notADigit })
        XCTAssertEqual(marks.dataset.images.count, marks.dataset.count * 784)
    }

    func testAFolderWithoutDigitFoldersIsAClearError() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        try dir.write("cats/a.png", [1, 2, 3])
        XCTAssertThrowsError(try LabelledImageSet.load(directory: dir.path, configuration: Configuration())) { error in
            XCTAssertTrue("\(error)".contains("DIR/<digit>/*.png"), "\(error)")
        }
        try dir.write("4/a.png", [1, 2, 3])
        XCTAssertThrowsError(try LabelledImageSet.load(directory: dir.path, configuration: Configuration())) { error in
            XCTAssertTrue("\(error)".contains("none of 1 pictures"), "\(error)")
        }
    }
}
