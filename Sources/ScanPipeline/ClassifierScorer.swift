import DigitSegmentation

/// Lets segmentation ask the network how much a candidate looks like a digit (to choose how
/// to split touching digits): the classifier's largest softmax probability per input.
struct ClassifierScorer: DigitScorer {
    let classifier: any DigitClassifier

    func confidences(for images: [[UInt8]]) -> [Float] {
        let side = classifier.inputSide
        guard !images.isEmpty, images.allSatisfy({ $0.count == side * side }) else {
            return [Float](repeating: 0, count: images.count)
        }
        var pixels: [Float] = []
        pixels.reserveCapacity(images.count * side * side)
        for image in images { pixels.append(contentsOf: image.lazy.map(Float.init)) }
        // One thread: segmentation already runs on every core, one file per thread.
        let probabilities = classifier.probabilities(pixels: pixels, count: images.count, threads: 1)
        let classes = classifier.classes
        guard probabilities.count == images.count * classes else { return [Float](repeating: 0, count: images.count) }
        return (0..<images.count).map { n in probabilities[(n * classes)..<((n + 1) * classes)].max() ?? 0 }
    }
}
