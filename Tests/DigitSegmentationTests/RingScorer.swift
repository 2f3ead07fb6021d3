@testable import DigitSegmentation

/// A scorer that knows a ring when it sees one: paper at the centre of the 28×28 input, ink on
/// all four sides of it, read 0.999. Anything else (half a ring, two rings, a bar) reads as
/// "not one digit", with confidence `other`. `ring` changes the ring's 0.999.
struct RingScorer: DigitScorer {
    var other: Float = 0.2
    var ring: Float = 0.999
    func confidences(for images: [[UInt8]]) -> [Float] {
        images.map { image in
            let row = Array(image[(14 * 28)..<(15 * 28)]), column = (0..<28).map { image[$0 * 28 + 14] }
            let closed = image[14 * 28 + 14] == 0 && row[..<14].contains { $0 > 128 } && row[15...].contains { $0 > 128 }
                && column[..<14].contains { $0 > 128 } && column[15...].contains { $0 > 128 }
            return closed ? ring : other
        }
    }
}
