import Foundation
import NeuralNet

/// Finds and loads the model file.
///
/// An explicitly named model wins and must exist: `--model`, then `classifier.model` in the
/// configuration, then `$DIGITSCAN_MODEL`. With none of those, the shipped model is searched:
/// `Models/digitscan-cnn.safetensors` relative to the current directory, then next to the
/// executable and in its `../share/digitscan/`, then in the source tree this binary was built
/// from (found through `#filePath`), so a binary built from a clone works from any directory.
public enum ModelLocator {
    /// The shipped model's path inside the repository.
    public static let shippedModel = "Models/digitscan-cnn.safetensors"

    /// The model path to use.
    ///
    /// - Throws: `PipelineError.modelNotFound` listing every path tried.
    public static func resolve(flag: String?, configured: String,
                               environment: [String: String] = ProcessInfo.processInfo.environment)
        throws(PipelineError) -> String {
        let explicit = [flag, configured.isEmpty ? nil : configured, environment["DIGITSCAN_MODEL"]]
        if let chosen = explicit.compactMap({ $0 }).first(where: { !$0.isEmpty }) {
            guard isFile(chosen) else { throw .modelNotFound(tried: [chosen]) }
            return chosen
        }
        let candidates = searchPath()
        guard let found = candidates.first(where: isFile) else { throw .modelNotFound(tried: candidates) }
        return found
    }

    /// Resolves and loads the model, checking it fits the segmenter's output.
    ///
    /// - Throws: `PipelineError.modelNotFound`, or `.model` when the file is unusable.
    public static func load(flag: String?, config: Configuration) throws(PipelineError) -> Model {
        let path = try resolve(flag: flag, configured: config.classifier.model)
        let model: Model
        do {
            model = try Model.load(path: path)
        } catch {
            throw .model(path: path, message: error.description)
        }
        guard model.inputSide == config.segmentation.canvas, model.classes == 10 else {
            throw .model(path: path, message: "it takes \(model.input.channels)×\(model.input.height)×\(model.input.width) images with \(model.classes) classes; digitscan feeds 1×\(config.segmentation.canvas)×\(config.segmentation.canvas) digits (segmentation.canvas) into 10 classes")
        }
        return model
    }

    /// The default locations, in search order.
    static func searchPath() -> [String] {
        var paths = [shippedModel]
        let fileName = (shippedModel as NSString).lastPathComponent
        if let executable = Bundle.main.executableURL?.resolvingSymlinksInPath() {
            let dir = executable.deletingLastPathComponent()
            paths.append(dir.appendingPathComponent(fileName).path)
            paths.append(dir.appendingPathComponent("../share/digitscan/\(fileName)").standardizedFileURL.path)
        }
        // This file sits at Sources/ScanPipeline/ModelLocator.swift inside the repository.
        let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent()
        paths.append(repository.appendingPathComponent(shippedModel).path)
        return paths
    }

    private static func isFile(_ path: String) -> Bool {
        if case .success(let status) = Syscalls.status(Array(path.utf8), followLinks: true) {
            return status.kind == .regular
        }
        return false
    }
}
