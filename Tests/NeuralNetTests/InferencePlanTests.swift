import Foundation
import XCTest
@testable import NeuralNet

/// The compiled inference path (`InferencePlan`) against the layer-by-layer path the trainer
/// uses: same answers to float rounding on the shipped model and on random models of many
/// shapes; architectures it does not cover fall back.
final class InferencePlanTests: XCTestCase {
    /// Sums run in another order and batchnorm is folded into the weights, so results differ
    /// in the last bits: ≤ 1e-5 relative on each probability, with an absolute floor of 1e-7
    /// for probabilities so small that their own rounding dominates.
    private func assertClose(_ got: [Float], _ want: [Float], _ what: String,
                             file: StaticString = #filePath, line: UInt = #line) {
        XCTAssertEqual(got.count, want.count, what, file: file, line: line)
        var worst: Float = 0
        for (g, w) in zip(got, want) {
            worst = max(worst, abs(g - w) / max(abs(w), 1e-2))
            XCTAssertLessThanOrEqual(abs(g - w), 1e-5 * abs(w) + 1e-7, "\(what): \(g) vs \(w)", file: file, line: line)
        }
    }

    /// Pixels 0...255 with bright strokes, like a normalised digit, plus noise.
    private func images(_ count: Int, side: Int = 28, channels: Int = 1, seed: UInt64) -> [Float] {
        var rng = SplitMix64(seed: seed)
        var x = [Float](repeating: 0, count: count * channels * side * side)
        for i in 0..<(count * channels) {
            let (a, b) = (Int(rng.next() % UInt64(side)), Int(rng.next() % UInt64(side)))
            for y in 0..<side {
                for xx in 0..<side {
                    let stroke = abs(y - a) < 3 || abs(xx - b) < 2
                    x[(i * side + y) * side + xx] = stroke ? 200 + Float(rng.next() % 56) : Float(rng.next() % 30)
                }
            }
        }
        return x
    }

    private func randomModel(_ specs: [LayerSpec], input: InputSpec, seed: UInt64) throws -> Model {
        var rng = SplitMix64(seed: seed)
        let layout = try ParameterLayout(layers: specs)
        var params = (0..<layout.totalCount).map { _ in rng.nextSigned() }
        for e in layout.entries {
            // Weights scaled by fan-in as an initialiser would, so activations stay O(1);
            // variances positive.
            let fanIn = e.shape.count > 1 ? e.count / e.shape[0] : 1
            for j in 0..<e.count {
                let v = params[e.offset + j] / Float(fanIn).squareRoot()
                params[e.offset + j] = e.name.hasSuffix("running_var") ? 0.3 + abs(v) : v
            }
        }
        return try Model(specs: specs, parameters: params, input: input)
    }

    /// The narrow (AVX2) plan, and the wide (AVX-512) one where this CPU can run it.
    private func plans(_ model: Model) throws -> [(String, InferencePlan)] {
        var out: [(String, InferencePlan)] = []
        for wide in CPUFeatures.avx512 ? [false, true] : [false] {
            let plan = try XCTUnwrap(InferencePlan(specs: model.specs, layout: model.layout, parameters: model.parameters,
                                                   input: model.input, wide: wide))
            out.append((wide ? "wide" : "narrow", plan))
        }
        return out
    }

    /// Probabilities as `Model.probabilities` makes them from a plan.
    private func probabilities(_ plan: InferencePlan, _ model: Model, _ x: [Float], _ count: Int, threads: Int = 1) -> [Float] {
        Softmax.applied(plan.outputs(pixels: x, count: count, threads: threads), specs: model.specs, classes: model.classes)
    }

    private func shippedModel() throws -> Model {
        let path = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("Models/digitscan-cnn.safetensors").path
        return try Model.load(path: path)
    }

    func testShippedModelMatchesLayerByLayer() throws {
        // The layer-by-layer reference is the plain softmax (T = 1); the stored temperature
        // is checked against the reference in CalibrationTests.
        let model = try shippedModel().withTemperature(1)
        XCTAssertNotNil(model.plan, "the shipped architecture must take the compiled path")
        let count = 37  // not a multiple of the group size: the last group is partial
        let x = images(count, seed: 3)
        let want = model.layerByLayerOutputs(pixels: x, count: count, threads: 1)
        assertClose(model.probabilities(pixels: x, count: count, threads: 1), want, "shipped")
        for (name, plan) in try plans(model) {
            assertClose(probabilities(plan, model, x, count), want, "shipped, \(name)")
        }
        // Work is split by image groups whose sums never depend on the thread count.
        XCTAssertEqual(model.probabilities(pixels: x, count: count, threads: 2),
                       model.probabilities(pixels: x, count: count, threads: 1))
    }

    func testRandomModelsOfManyShapesMatchLayerByLayer() throws {
        let bn = { (c: Int, p: String) in
            LayerSpec.batchnorm2d(channels: c, eps: 1e-5, weight: p + "w", bias: p + "b",
                                  runningMean: p + "m", runningVar: p + "running_var")
        }
        let cases: [(String, [LayerSpec], InputSpec)] = [
            ("standard", Architecture.standard(), InputSpec(mean: 0.1307, std: 0.3081)),
            ("standard, wider blocks", Architecture.standard(channels: [24, 96, 192]), InputSpec(mean: 0.1307, std: 0.3081)),
            ("tiny", Architecture.tiny(), InputSpec()),
            ("stride 2, no padding, no BN, 3 channels, odd widths, pool 3/2, relu after pool", [
                .conv2d(inChannels: 3, outChannels: 20, kernel: 3, stride: 2, padding: 0, weight: "c1w", bias: "c1b"),
                .maxpool2d(kernel: 3, stride: 2), .relu,
                .conv2d(inChannels: 20, outChannels: 9, kernel: 2, stride: 1, padding: 2, weight: "c2w", bias: "c2b"),
                bn(9, "bn2"), .dropout(p: 0.5),
                .flatten,
                .dense(inFeatures: 9 * 9 * 9, outFeatures: 33, weight: "d1w", bias: "d1b"), .relu, .dropout(p: 0.1),
                .dense(inFeatures: 33, outFeatures: 17, weight: "d2w", bias: "d2b"), .relu,
                .dense(inFeatures: 17, outFeatures: 5, weight: "d3w", bias: "d3b"),
            ], InputSpec(channels: 3, height: 28, width: 28)),
            ("dense only", [
                .flatten, .dense(inFeatures: 784, outFeatures: 10, weight: "w", bias: "b"), .softmax,
            ], InputSpec()),
        ]
        for (name, specs, input) in cases {
            let model = try randomModel(specs, input: input, seed: 11)
            XCTAssertNotNil(model.plan, name)
            for (kernel, plan) in try plans(model) {
                for count in [1, 8, 13] {
                    let x = images(count, channels: input.channels, seed: UInt64(count))
                    assertClose(probabilities(plan, model, x, count, threads: 2),
                                Softmax.applied(model.layerByLayerOutputs(pixels: x, count: count), specs: specs,
                                                classes: model.classes), "\(name), \(kernel), \(count) images")
                }
            }
        }
    }

    /// Both tiles sum the same products in the same order, so they agree exactly.
    func testWideAndNarrowKernelsAgreeBitForBit() throws {
        try XCTSkipUnless(CPUFeatures.avx512, "this CPU has no AVX-512")
        let model = try shippedModel()
        let x = images(20, seed: 8)
        let outs = try plans(model).map { $0.1.outputs(pixels: x, count: 20, threads: 1) }
        XCTAssertEqual(outs[0], outs[1])
    }

    func testUncoveredArchitecturesFallBack() throws {
        // Batchnorm after ReLU cannot be folded into the conv; the model still answers.
        let specs: [LayerSpec] = [
            .conv2d(inChannels: 1, outChannels: 4, kernel: 3, stride: 1, padding: 1, weight: "cw", bias: "cb"),
            .relu,
            .batchnorm2d(channels: 4, eps: 1e-5, weight: "w", bias: "b", runningMean: "m", runningVar: "running_var"),
            .flatten, .dense(inFeatures: 4 * 784, outFeatures: 10, weight: "dw", bias: "db"),
        ]
        let model = try randomModel(specs, input: InputSpec(), seed: 4)
        XCTAssertNil(model.plan)
        let x = images(3, seed: 1)
        XCTAssertEqual(model.outputs(pixels: x, count: 3), model.layerByLayerOutputs(pixels: x, count: 3))
    }
}

private extension Softmax {
    /// The layer-by-layer outputs as `probabilities` returns them.
    static func applied(_ outputs: [Float], specs: [LayerSpec], classes: Int) -> [Float] {
        var out = outputs
        if specs.last != .softmax { apply(&out, classes: classes) }
        return out
    }
}
