import Foundation
import XCTest
@testable import NeuralNet

/// Temperature scaling and the reliability table: the fit finds the temperature that made
/// synthetic labels, ECE matches a hand computation, both inference paths apply the model's
/// temperature, and the model file keeps it.
final class CalibrationTests: XCTestCase {
    /// `count` rows of Gaussian logits (spread `scale`) and labels drawn from softmax(z / t).
    private func synthetic(count: Int, classes: Int, scale: Float, temperature t: Double,
                           seed: UInt64) -> (logits: [Float], labels: [Int]) {
        var rng = SplitMix64(seed: seed)
        var logits: [Float] = [], labels: [Int] = []
        for _ in 0..<count {
            let row = (0..<classes).map { _ in rng.nextGaussian() * scale }
            let weights = row.map { exp(Double($0) / t) }
            var u = Double(rng.nextUnitFloat()) * weights.reduce(0, +)
            var label = classes - 1
            for (j, w) in weights.enumerated() {
                if u < w { label = j; break }
                u -= w
            }
            logits += row
            labels.append(label)
        }
        return (logits, labels)
    }

    func testFitRecoversTheTemperatureThatMadeTheLabels() {
        for truth in [0.5, 2.5] {
            let data = synthetic(count: 4000, classes: 10, scale: 3, temperature: truth, seed: 7)
            let t = Calibration.fitTemperature(logits: data.logits, labels: data.labels, classes: 10)
            XCTAssertEqual(Double(t), truth, accuracy: truth * 0.08, "labels drawn at T = \(truth)")
            // The fit is the minimum: a step either way costs likelihood.
            let nll = { (x: Double) in
                Calibration.negativeLogLikelihood(logits: data.logits, labels: data.labels, classes: 10, temperature: x)
            }
            XCTAssertLessThan(nll(Double(t)), nll(Double(t) * 1.02))
            XCTAssertLessThan(nll(Double(t)), nll(Double(t) / 1.02))
            XCTAssertEqual(Calibration.fitTemperature(logits: data.logits, labels: data.labels, classes: 10), t,
                           "deterministic")
        }
    }

    func testFitStaysInsideTheAllowedRange() {
        // Labels always the top logit, by a wide margin: sharper is always better, down to the bound.
        let logits: [Float] = [9, 0, 0, 0, 9, 0, 0, 0, 9]
        let t = Calibration.fitTemperature(logits: logits, labels: [0, 1, 2], classes: 3)
        XCTAssertEqual(t, Calibration.temperatureRange.lowerBound, accuracy: 1e-4)
        // Labels never the top logit: flatter is always better, up to the bound.
        let wrong = Calibration.fitTemperature(logits: logits, labels: [1, 2, 0], classes: 3)
        XCTAssertEqual(wrong, Calibration.temperatureRange.upperBound, accuracy: 1e-3)
        XCTAssertEqual(Calibration.fitTemperature(logits: [], labels: [], classes: 10), 1)
    }

    func testNegativeLogLikelihoodByHand() {
        // Two classes, logits (ln 3, 0): p = (3/4, 1/4); at T = 2, (√3, 1)/(√3 + 1).
        let logits: [Float] = [Float(log(3.0)), 0, Float(log(3.0)), 0]
        let nll1 = Calibration.negativeLogLikelihood(logits: logits, labels: [0, 1], classes: 2, temperature: 1)
        XCTAssertEqual(nll1, (-log(0.75) - log(0.25)) / 2, accuracy: 1e-6)
        let s = 3.0.squareRoot()
        let nll2 = Calibration.negativeLogLikelihood(logits: logits, labels: [0, 1], classes: 2, temperature: 2)
        XCTAssertEqual(nll2, (-log(s / (s + 1)) - log(1 / (s + 1))) / 2, accuracy: 1e-6)
    }

    func testExpectedCalibrationErrorByHand() {
        // Top probabilities 0.9 (right), 0.9 (wrong), 0.62 (right), 0.55 (right), 0.1-wide bins of 1/15:
        // bin 13 holds the two 0.9s (confidence 0.9, accuracy 0.5), bin 9 the 0.62, bin 8 the 0.55.
        let probabilities: [Float] = [0.9, 0.1, 0.1, 0.9, 0.62, 0.38, 0.45, 0.55]
        let table = Calibration.reliability(probabilities: probabilities, labels: [0, 0, 0, 1], classes: 2)
        XCTAssertEqual(table.bins.count, 15)
        XCTAssertEqual(table.count, 4)
        XCTAssertEqual(table.bins.map(\.count), [0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 0, 0, 0, 2, 0])
        XCTAssertEqual(table.bins[13].meanConfidence, 0.9, accuracy: 1e-6)
        XCTAssertEqual(table.bins[13].accuracy, 0.5)
        XCTAssertEqual(table.bins[9].accuracy, 1)
        XCTAssertEqual(table.bins[8].lower, 8.0 / 15, accuracy: 1e-12)
        // (2 · |0.5 − 0.9| + |1 − 0.62| + |1 − 0.55|) / 4
        XCTAssertEqual(table.expectedCalibrationError, (0.8 + 0.38 + 0.45) / 4, accuracy: 1e-6)
        // Confidence 1 lands in the last bin, NaN in the first; an empty table has no error.
        let edges = ReliabilityTable(confidences: [1, .nan], correct: [true, false])
        XCTAssertEqual(edges.bins[14].count, 1)
        XCTAssertEqual(edges.bins[0].count, 1)
        XCTAssertEqual(ReliabilityTable(confidences: [], correct: []).expectedCalibrationError, 0)
    }

    private func randomModel(seed: UInt64) throws -> Model {
        var rng = SplitMix64(seed: seed)
        let specs = Architecture.tiny()
        let layout = try ParameterLayout(layers: specs)
        var params = (0..<layout.totalCount).map { _ in rng.nextSigned() * 0.2 }
        let variance = try XCTUnwrap(layout.entry(named: "bn.running_var"))
        for j in 0..<variance.count { params[variance.offset + j] = 0.5 + abs(params[variance.offset + j]) }
        return try Model(specs: specs, parameters: params, input: InputSpec(), metadata: ["name": "calibration"])
    }

    private func pixels(_ count: Int) -> [Float] { (0..<(count * 784)).map { Float(($0 * 37) % 256) } }

    func testBothInferencePathsApplyTheTemperature() throws {
        let plain = try randomModel(seed: 3)
        let model = try plain.withTemperature(2.5)
        XCTAssertNotNil(model.plan)
        XCTAssertEqual(model.temperature, 2.5)
        let x = pixels(9)
        let logits = model.logits(pixels: x, count: 9, threads: 1)
        XCTAssertEqual(logits, plain.logits(pixels: x, count: 9, threads: 1), "logits ignore the temperature")
        let reference = model.layerByLayerLogits(pixels: x, count: 9, threads: 1)
        for (a, b) in zip(logits, reference) { XCTAssertEqual(a, b, accuracy: 1e-4 * max(1, abs(b))) }
        let want = Calibration.probabilities(logits: reference, classes: 10, temperature: 2.5)
        let got = model.probabilities(pixels: x, count: 9, threads: 1)
        for (g, w) in zip(got, want) { XCTAssertEqual(g, w, accuracy: 1e-5 * w + 1e-7) }
        // Softer than the untempered answers, the same top class.
        let sharp = plain.probabilities(pixels: x, count: 9, threads: 1)
        for i in 0..<9 {
            let (a, b) = (Calibration.argmax(got, row: i, classes: 10), Calibration.argmax(sharp, row: i, classes: 10))
            XCTAssertEqual(a.index, b.index)
            XCTAssertLessThan(a.value, b.value)
        }
    }

    func testTemperatureOneIsExactlyThePlainSoftmax() throws {
        let model = try randomModel(seed: 5)
        XCTAssertEqual(model.temperature, 1)
        XCTAssertNil(model.metadata["temperature"])
        let x = pixels(5)
        // The architecture ends with softmax, so the raw outputs are the old probabilities.
        XCTAssertEqual(model.probabilities(pixels: x, count: 5), model.outputs(pixels: x, count: 5))
        XCTAssertEqual(try model.withTemperature(1).probabilities(pixels: x, count: 5),
                       model.probabilities(pixels: x, count: 5))
    }

    func testSaveLoadKeepsTheTemperature() throws {
        for t: Float in [1.0 / 3, 0.0731, 7.123457] {
            let model = try randomModel(seed: 9).withTemperature(t)
            let back = try Model(safetensors: model.serialized())
            XCTAssertEqual(back.temperature, t, "bit for bit")
            XCTAssertEqual(back.metadata, model.metadata)
            let x = pixels(3)
            XCTAssertEqual(back.probabilities(pixels: x, count: 3), model.probabilities(pixels: x, count: 3))
        }
    }

    func testBadTemperaturesAreRefused() throws {
        let model = try randomModel(seed: 1)
        for bad: Float in [0, -1, .infinity, .nan] {
            XCTAssertThrowsError(try model.withTemperature(bad), "\(bad)")
        }
        let bytes = try model.withTemperature(2).serialized()
        for text in ["0", "-2", "nan", "inf", "warm", ""] {
            // Rewrite the metadata value in place of "2.0" (header JSON, same file otherwise).
            let edited = replacing(Array("\"temperature\":\"2.0\"".utf8), with: Array("\"temperature\":\"\(text)\"".utf8), in: bytes)
            XCTAssertThrowsError(try Model(safetensors: edited), text) { error in
                XCTAssertTrue("\(error)".contains("temperature"), "\(error)")
            }
        }
    }

    /// `bytes` with `old` (which must occur once, inside the safetensors header) replaced by
    /// `new`, the header length adjusted.
    private func replacing(_ old: [UInt8], with new: [UInt8], in bytes: [UInt8]) -> [UInt8] {
        var headerLength = 0
        for i in 0..<8 { headerLength |= Int(bytes[i]) << (8 * i) }
        var header = Array(bytes[8..<(8 + headerLength)])
        guard let at = (0...(header.count - old.count)).first(where: { Array(header[$0..<($0 + old.count)]) == old }) else {
            XCTFail("metadata text not found"); return bytes
        }
        header.replaceSubrange(at..<(at + old.count), with: new)
        var out: [UInt8] = (0..<8).map { UInt8((header.count >> (8 * $0)) & 0xFF) }
        out += header
        out += bytes[(8 + headerLength)...]
        return out
    }
}
