import Foundation

/// A classifier: layer specs plus one immutable parameter buffer. Thread-safe.
///
/// Loads from and saves to safetensors with `architecture` and `input` metadata, the format
/// `../shared/peers/model_io.py` reads and writes (see README, "Model format").
public final class Model: Sendable {
    public let input: InputSpec
    /// Number of outputs (classes) per image.
    public let classes: Int
    /// Metadata beyond `architecture` and `input` (e.g. name, training command, temperature).
    public let metadata: [String: String]
    /// The calibration temperature T from metadata key "temperature" (1 when absent):
    /// `probabilities` returns softmax(logits / T). See `Calibration`.
    public let temperature: Float
    let specs: [LayerSpec]
    let layout: ParameterLayout
    let parameters: [Float]
    /// The fast inference path, when the architecture fits it (see `InferencePlan`).
    let plan: InferencePlan?

    /// Checks that the layers chain from `input` to a flat class vector and that
    /// `parameters` fits the layout; throws `ModelError` otherwise.
    init(specs: [LayerSpec], parameters: [Float], input: InputSpec, metadata: [String: String] = [:]) throws(ModelError) {
        let layout = try ParameterLayout(layers: specs)
        guard parameters.count == layout.totalCount else {
            throw ModelError("parameter buffer has \(parameters.count) values, layout needs \(layout.totalCount)")
        }
        var shape = [input.channels, input.height, input.width]
        for (i, spec) in specs.enumerated() {
            guard let next = spec.outputShape(for: shape) else {
                throw ModelError("architecture layer \(i) (\(spec.typeName)) does not accept input of shape \(shape)")
            }
            shape = next
        }
        guard shape.count == 1, shape[0] > 0 else {
            throw ModelError("architecture ends with shape \(shape); expected a flat class vector (add flatten/dense)")
        }
        self.temperature = try Self.temperature(metadata: metadata)
        self.specs = specs
        self.layout = layout
        self.parameters = parameters
        self.plan = InferencePlan(specs: specs, layout: layout, parameters: parameters, input: input)
        self.input = input
        self.classes = shape[0]
        self.metadata = metadata
    }

    /// The "temperature" metadata value, 1 when absent; throws unless it is a finite number > 0.
    private static func temperature(metadata: [String: String]) throws(ModelError) -> Float {
        guard let text = metadata["temperature"] else { return 1 }
        guard let t = Float(text.trimmingCharacters(in: .whitespaces)), t.isFinite, t > 0 else {
            throw ModelError("\"temperature\" metadata is \"\(text)\"; expected a finite number greater than 0")
        }
        return t
    }

    /// This model with calibration temperature `t` (stored in metadata "temperature", written
    /// with the shortest digits that read back as the same `Float`).
    ///
    /// - Throws: `ModelError` when `t` is not finite or not greater than 0.
    public func withTemperature(_ t: Float) throws(ModelError) -> Model {
        var meta = metadata
        meta["temperature"] = "\(t)"
        return try Model(specs: specs, parameters: parameters, input: input, metadata: meta)
    }

    /// Loads a model file; throws `ModelError` naming the path and what is wrong.
    public static func load(path: String) throws(ModelError) -> Model {
        let data: Data
        do {
            data = try Data(contentsOf: URL(fileURLWithPath: path))
        } catch {
            throw ModelError("cannot read model \(path): \(error.localizedDescription)")
        }
        do {
            return try Model(safetensors: [UInt8](data))
        } catch {
            throw ModelError("model \(path): \(error.message)")
        }
    }

    /// Parses safetensors bytes.
    public convenience init(safetensors bytes: [UInt8]) throws(ModelError) {
        let file = try Safetensors(bytes: bytes)
        guard let archText = file.metadata["architecture"] else {
            throw ModelError("no \"architecture\" in __metadata__")
        }
        guard let archJSON = try? JSONSerialization.jsonObject(with: Data(archText.utf8)) as? [[String: Any]] else {
            throw ModelError("\"architecture\" metadata is not a JSON list of layer objects")
        }
        var specs: [LayerSpec] = []
        for (i, layer) in archJSON.enumerated() { specs.append(try LayerSpec(json: layer, index: i)) }
        var input = InputSpec()
        if let inputText = file.metadata["input"] {
            guard let obj = try? JSONSerialization.jsonObject(with: Data(inputText.utf8)) as? [String: Any] else {
                throw ModelError("\"input\" metadata is not a JSON object")
            }
            input = try InputSpec(json: obj)
        }
        let layout = try ParameterLayout(layers: specs)
        var params = [Float](repeating: 0, count: layout.totalCount)
        for entry in layout.entries {
            guard let t = file.tensors[entry.name] else { throw ModelError("tensor \(entry.name) is missing") }
            guard t.shape == entry.shape else {
                throw ModelError("tensor \(entry.name) has shape \(t.shape), architecture needs \(entry.shape)")
            }
            params.replaceSubrange(entry.offset..<(entry.offset + entry.count), with: t.values)
        }
        var extra = file.metadata
        extra["architecture"] = nil
        extra["input"] = nil
        try self.init(specs: specs, parameters: params, input: input, metadata: extra)
    }

    /// The model as safetensors bytes.
    public func serialized() -> [UInt8] {
        var tensors: [String: Safetensors.TensorInfo] = [:]
        for e in layout.entries {
            tensors[e.name] = .init(shape: e.shape, values: Array(parameters[e.offset..<(e.offset + e.count)]))
        }
        var meta = metadata
        let arch = specs.map(\.json)
        meta["architecture"] = String(decoding: (try? JSONSerialization.data(withJSONObject: arch, options: [.sortedKeys])) ?? Data(), as: UTF8.self)
        meta["input"] = String(decoding: (try? JSONSerialization.data(withJSONObject: input.json, options: [.sortedKeys])) ?? Data(), as: UTF8.self)
        return Safetensors(tensors: tensors, metadata: meta).serialized()
    }

    /// Writes the model to `path` (via a temporary file, renamed when complete).
    public func save(path: String) throws(ModelError) {
        let tmp = path + ".tmp-\(getpid())"
        do {
            try Data(serialized()).write(to: URL(fileURLWithPath: tmp))
            if FileManager.default.fileExists(atPath: path) { try FileManager.default.removeItem(atPath: path) }
            try FileManager.default.moveItem(atPath: tmp, toPath: path)
        } catch {
            try? FileManager.default.removeItem(atPath: tmp)
            throw ModelError("cannot write model \(path): \(error.localizedDescription)")
        }
    }

    /// Raw network output for `count` images of raw pixels: (N, classes), softmax included when
    /// the architecture ends with one; the temperature is not applied.
    public func outputs(pixels: [Float], count: Int, threads: Int = 0) -> [Float] {
        precondition(pixels.count == count * input.pixelCount, "outputs: \(pixels.count) values for \(count) images")
        if count == 0 { return [] }
        if let plan { return plan.outputs(pixels: pixels, count: count, threads: threads) }
        return layerByLayerOutputs(pixels: pixels, count: count, threads: threads)
    }

    /// `outputs` through the training code's layers, one at a time: the reference the
    /// compiled plan is tested against, and the path for architectures it does not cover.
    func layerByLayerOutputs(pixels: [Float], count: Int, threads: Int = 0) -> [Float] {
        layerByLayer(pixels: pixels, count: count, threads: threads, through: 0..<specs.count)
    }

    /// Pre-softmax outputs (N, classes) for `count` images of raw pixels, the temperature not
    /// applied: what calibration is fitted on. Traps when `pixels` does not hold `count` images.
    public func logits(pixels: [Float], count: Int, threads: Int = 0) -> [Float] {
        precondition(pixels.count == count * input.pixelCount, "logits: \(pixels.count) values for \(count) images")
        if count == 0 { return [] }
        if let plan { return plan.logits(pixels: pixels, count: count, threads: threads) }
        return layerByLayerLogits(pixels: pixels, count: count, threads: threads)
    }

    /// `logits` through the training code's layers, the final softmax (if any) left out.
    func layerByLayerLogits(pixels: [Float], count: Int, threads: Int = 0) -> [Float] {
        layerByLayer(pixels: pixels, count: count, threads: threads,
                     through: 0..<(specs.last == .softmax ? specs.count - 1 : specs.count))
    }

    private func layerByLayer(pixels: [Float], count: Int, threads: Int, through layers: Range<Int>) -> [Float] {
        let network = Network(specs: specs, layout: layout, threads: threads)
        let x = Tensor(shape: [count, input.channels, input.height, input.width], data: input.normalised(pixels))
        return parameters.withUnsafeBufferPointer { p in
            network.forward(x, params: p.baseAddress!, training: false, through: layers).data
        }
    }

    /// Class probabilities softmax(logits / `temperature`) for `count` images of raw pixels
    /// (0...255, ink bright), shaped (N, C, H, W) per `input`. Returns (N, classes), row-major.
    /// At temperature 1 this is the plain softmax of the network's logits.
    public func probabilities(pixels: [Float], count: Int, threads: Int = 0) -> [Float] {
        Calibration.probabilities(logits: logits(pixels: pixels, count: count, threads: threads),
                                  classes: classes, temperature: temperature)
    }
}
