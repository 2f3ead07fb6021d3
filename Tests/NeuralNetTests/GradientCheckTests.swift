import Foundation
import XCTest
@testable import NeuralNet

/// Every layer's backward pass against central finite differences of a scalar loss.
final class GradientCheckTests: XCTestCase {
    /// Loss = Σ r ⊙ f(x) for a fixed random r, so dL/dy = r.
    private func check(_ makeLayer: (ParameterLayout) -> Layer, specs: [LayerSpec], inputShape: [Int],
                       seed: UInt64 = 7, tolerance: Float = 2e-2, file: StaticString = #filePath, line: UInt = #line) throws {
        let layout = try ParameterLayout(layers: specs)
        var rng = SplitMix64(seed: seed)
        var params = (0..<layout.totalCount).map { _ in rng.nextSigned() }
        for e in layout.entries where e.name.hasSuffix("running_var") {
            for j in 0..<e.count { params[e.offset + j] = 1 + abs(params[e.offset + j]) }
        }
        // Inputs kept away from 0 so finite differences never straddle ReLU's kink.
        let x = Tensor(shape: inputShape, data: (0..<inputShape.reduce(1, *)).map { _ in
            let u = rng.nextSigned()
            return u < 0 ? u - 0.1 : u + 0.1
        })
        let layer = makeLayer(layout)
        let probe = params.withUnsafeBufferPointer { layer.forward(x, params: $0.baseAddress!, training: true) }
        let r = (0..<probe.data.count).map { _ in rng.nextSigned() }
        func loss(_ x: Tensor, _ p: [Float]) -> Double {
            let y = p.withUnsafeBufferPointer { layer.forward(x, params: $0.baseAddress!, training: true) }
            return zip(y.data, r).reduce(0.0) { $0 + Double($1.0 * $1.1) }
        }
        _ = loss(x, params)
        var grads = [Float](repeating: 0, count: layout.totalCount)
        let dx = params.withUnsafeBufferPointer { p in
            grads.withUnsafeMutableBufferPointer { g in
                layer.backward(Tensor(shape: probe.shape, data: r), params: p.baseAddress!, grads: g.baseAddress!,
                               needInputGradient: true)
            }
        }
        let h: Float = 1e-2
        func compare(_ analytic: Float, _ numeric: Double, _ what: String) {
            let err = abs(Double(analytic) - numeric) / max(1, abs(numeric))
            XCTAssertLessThan(err, Double(tolerance), "\(what): analytic \(analytic) numeric \(numeric)", file: file, line: line)
        }
        // Input gradient, on a sample of positions.
        let dxData = try XCTUnwrap(dx).data
        for i in stride(from: 0, to: x.data.count, by: max(1, x.data.count / 40)) {
            var xp = x, xm = x
            xp.data[i] += h; xm.data[i] -= h
            compare(dxData[i], (loss(xp, params) - loss(xm, params)) / Double(2 * h), "dx[\(i)]")
        }
        // Parameter gradients (trainable ones only).
        for e in layout.entries where e.trainable {
            for j in stride(from: 0, to: e.count, by: max(1, e.count / 20)) {
                var pp = params, pm = params
                pp[e.offset + j] += h; pm[e.offset + j] -= h
                compare(grads[e.offset + j], (loss(x, pp) - loss(x, pm)) / Double(2 * h), "\(e.name)[\(j)]")
            }
        }
    }

    func testConv2D() throws {
        let spec = LayerSpec.conv2d(inChannels: 2, outChannels: 3, kernel: 3, stride: 1, padding: 1, weight: "w", bias: "b")
        try check({ Conv2D(inChannels: 2, outChannels: 3, kernel: 3, stride: 1, padding: 1,
                           weightOffset: $0.offset(of: "w"), biasOffset: $0.offset(of: "b"), threads: 0) },
                  specs: [spec], inputShape: [3, 2, 6, 5])
    }

    func testConv2DStrideNoPadding() throws {
        let spec = LayerSpec.conv2d(inChannels: 1, outChannels: 2, kernel: 3, stride: 2, padding: 0, weight: "w", bias: "b")
        try check({ Conv2D(inChannels: 1, outChannels: 2, kernel: 3, stride: 2, padding: 0,
                           weightOffset: $0.offset(of: "w"), biasOffset: $0.offset(of: "b"), threads: 1) },
                  specs: [spec], inputShape: [2, 1, 7, 7])
    }

    func testBatchNorm() throws {
        let spec = LayerSpec.batchnorm2d(channels: 3, eps: 1e-5, weight: "g", bias: "b", runningMean: "m", runningVar: "v")
        try check({ BatchNorm2D(channels: 3, eps: 1e-5, weightOffset: $0.offset(of: "g"), biasOffset: $0.offset(of: "b"),
                                meanOffset: $0.offset(of: "m"), varOffset: $0.offset(of: "v")) },
                  specs: [spec], inputShape: [4, 3, 3, 3])
    }

    func testDense() throws {
        let spec = LayerSpec.dense(inFeatures: 7, outFeatures: 5, weight: "w", bias: "b")
        try check({ Dense(inFeatures: 7, outFeatures: 5, weightOffset: $0.offset(of: "w"), biasOffset: $0.offset(of: "b")) },
                  specs: [spec], inputShape: [3, 7])
    }

    func testReLU() throws { try check({ _ in ReLU() }, specs: [], inputShape: [2, 3, 4, 4]) }
    func testMaxPool() throws { try check({ _ in MaxPool2D(kernel: 2, stride: 2) }, specs: [], inputShape: [2, 2, 5, 4]) }
    func testSoftmax() throws { try check({ _ in Softmax() }, specs: [], inputShape: [3, 6]) }
    func testFlatten() throws { try check({ _ in Flatten() }, specs: [], inputShape: [2, 2, 3, 3]) }

    /// Dropout draws a new mask per forward, so finite differences don't apply: backward must
    /// apply exactly the forward's mask and scale.
    func testDropoutBackwardAppliesForwardMask() throws {
        let d = Dropout(p: 0.5)
        d.rng = SplitMix64(seed: 3)
        let x = Tensor(shape: [2, 50], data: (0..<100).map { Float($0 + 1) })
        let none: [Float] = [0]
        let y = none.withUnsafeBufferPointer { d.forward(x, params: $0.baseAddress!, training: true) }
        let dy = Tensor(shape: [2, 50], data: (0..<100).map { _ in 1 })
        var g: [Float] = [0]
        let dx = try XCTUnwrap(none.withUnsafeBufferPointer { p in
            g.withUnsafeMutableBufferPointer { d.backward(dy, params: p.baseAddress!, grads: $0.baseAddress!, needInputGradient: true) }
        })
        var dropped = 0
        for i in 0..<100 {
            XCTAssertEqual(dx.data[i], y.data[i] / x.data[i], accuracy: 1e-6)
            XCTAssertTrue(y.data[i] == 0 || y.data[i] == 2 * x.data[i])
            if y.data[i] == 0 { dropped += 1 }
        }
        XCTAssertTrue((30...70).contains(dropped), "dropped \(dropped) of 100 at p = 0.5")
        let eval = none.withUnsafeBufferPointer { d.forward(x, params: $0.baseAddress!, training: false) }
        XCTAssertEqual(eval, x)
    }

    func testSoftmaxCrossEntropyGradient() {
        // Plain, with label smoothing, and with a "not a digit" row (label 4 of 4 classes).
        for (labels, smoothing) in [([2, 0, 3], Float(0)), ([2, 0, 3], 0.1), ([2, 4, 3], 0.05)] {
            var rng = SplitMix64(seed: 11)
            let logits = Tensor(shape: [3, 4], data: (0..<12).map { _ in rng.nextSigned() * 3 })
            let (_, grad, correct) = SoftmaxCrossEntropy.evaluate(logits: logits, labels: labels, smoothing: smoothing)
            XCTAssertLessThanOrEqual(correct, labels.filter { $0 < 4 }.count)
            let h: Float = 1e-2
            for i in 0..<12 {
                var p = logits, m = logits
                p.data[i] += h; m.data[i] -= h
                let numeric = (SoftmaxCrossEntropy.evaluate(logits: p, labels: labels, smoothing: smoothing).loss
                    - SoftmaxCrossEntropy.evaluate(logits: m, labels: labels, smoothing: smoothing).loss) / (2 * h)
                XCTAssertEqual(grad.data[i], numeric, accuracy: 2e-3, "labels \(labels), smoothing \(smoothing), logit \(i)")
            }
        }
    }

    /// A "not a digit" row pulls towards the uniform output: at equal logits its gradient is 0
    /// and its loss is log K, the least a row can have; smoothing moves a hit's target off 1.
    func testNotADigitAndSmoothingTargets() {
        let flat = Tensor(shape: [1, 4], data: [0.5, 0.5, 0.5, 0.5])
        let outlier = SoftmaxCrossEntropy.evaluate(logits: flat, labels: [4])
        XCTAssertEqual(outlier.loss, logf(4), accuracy: 1e-6)
        XCTAssertTrue(outlier.gradient.data.allSatisfy { abs($0) < 1e-7 })
        XCTAssertEqual(outlier.correct, 0)
        XCTAssertLessThan(SoftmaxCrossEntropy.evaluate(logits: Tensor(shape: [1, 4], data: [3, 0, 0, 0]), labels: [0]).gradient.data[0], -0.1)
        let sure = Tensor(shape: [1, 4], data: [20, 0, 0, 0])
        // With ε = 0.2 the target on the label is 0.85: a near-certain output is pushed back down.
        XCTAssertGreaterThan(SoftmaxCrossEntropy.evaluate(logits: sure, labels: [0], smoothing: 0.2).gradient.data[0], 0.1)
    }
}
