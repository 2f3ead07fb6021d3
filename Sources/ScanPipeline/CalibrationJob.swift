import NeuralNet

/// Temperature scaling: fits the one number that makes a model's confidences match its
/// accuracy on labelled data it was not trained on, and records it in the model file.
public enum CalibrationJob {
    /// What a fit found.
    public struct Fit: Sendable {
        public var temperature: Float
        /// Expected calibration error (15 bins) on the fitting data before and after.
        public var eceBefore: Double
        public var eceAfter: Double
        public var count: Int
        public var calibrated: Model

        public var text: String {
            String(format: "temperature %.4f fitted on %d images: ECE %.2f %% before, %.2f %% after",
                   temperature, count, eceBefore * 100, eceAfter * 100)
        }
    }

    /// Fits the temperature of `model` on `data`; images labelled "not a digit" are left out
    /// (they have no right answer).
    public static func fit(model: Model, on data: MNISTDataset, threads: Int = 0,
                           batch: Int = 500) throws(PipelineError) -> Fit {
        let size = model.input.pixelCount
        var logits: [Float] = [], kept: [Int] = []
        var start = 0
        while start < data.count {
            let n = min(batch, data.count - start)
            let out = model.logits(pixels: data.images[(start * size)..<((start + n) * size)].map(Float.init), count: n, threads: threads)
            for i in 0..<n where Int(data.labels[start + i]) < model.classes {
                logits += out[(i * model.classes)..<((i + 1) * model.classes)]
                kept.append(Int(data.labels[start + i]))
            }
            start += n
        }
        guard !kept.isEmpty else { throw .dataset("no labelled digits to fit a temperature on") }
        let t = Calibration.fitTemperature(logits: logits, labels: kept, classes: model.classes)
        func ece(_ temperature: Float) -> Double {
            Calibration.reliability(probabilities: Calibration.probabilities(logits: logits, classes: model.classes, temperature: temperature),
                                    labels: kept, classes: model.classes).expectedCalibrationError
        }
        let calibrated: Model
        do { calibrated = try model.withTemperature(t) } catch { throw .dataset("temperature \(t): \(error.message)") }
        return Fit(temperature: t, eceBefore: ece(1), eceAfter: ece(t), count: kept.count, calibrated: calibrated)
    }
}
