import BuiltInModel
import Foundation
import NeuralNet

/// Finds and loads the model file.
///
/// An explicitly named model wins and must exist: `--model`, then `classifier.model` in the
/// configuration, then `$DIGITSCAN_MODEL`. With none of those, the shipped model is searched:
/// `Models/digitscan-cnn.safetensors` relative to the current directory, then next to the
/// executable and in its `../share/digitscan/`, then in the source tree this binary was built
/// from (found through `#filePath`), so a binary built from a clone works from any directory.
/// Where none of those exists, the copy compiled into the binary (`BuiltInModel`) is used, so a
/// binary copied on its own to another machine needs nothing beside it.
public enum ModelLocator {
    /// Where the model comes from.
    public enum Source: Equatable, Sendable, CustomStringConvertible {
        case file(String)
        /// The shipped model compiled into this binary.
        case builtIn

        public var description: String {
            switch self {
            case .file(let path): return path
            case .builtIn: return "the model built into digitscan"
            }
        }
    }

    /// The shipped model's path inside the repository.
    public static let shippedModel = "Models/digitscan-cnn.safetensors"

    /// The model to use: a named file, the first file of `searchPath`, or the built-in copy.
    ///
    /// - Throws: `PipelineError.modelNotFound` when an explicitly named file does not exist.
    public static func resolve(flag: String?, configured: String,
                               environment: [String: String] = ProcessInfo.processInfo.environment,
                               searchPath: [String] = searchPath()) throws(PipelineError) -> Source {
        let explicit = [flag, configured.isEmpty ? nil : configured, environment["DIGITSCAN_MODEL"]]
        if let chosen = explicit.compactMap({ $0 }).first(where: { !$0.isEmpty }) {
            guard isFile(chosen) else { throw .modelNotFound(tried: [chosen]) }
            return .file(chosen)
        }
        return searchPath.first(where: isFile).map { .file($0) } ?? .builtIn
    }

    /// Resolves and loads the model, checking it fits the segmenter's output.
    ///
    /// - Throws: `PipelineError.modelNotFound`, or `.model` when the file is unusable.
    public static func load(flag: String?, config: Configuration) throws(PipelineError) -> Model {
        let source = try resolve(flag: flag, configured: config.classifier.model)
        let path = source.description
        let model: Model
        do {
            switch source {
            case .file(let file): model = try Model.load(path: file)
            case .builtIn: model = try Model(safetensors: BuiltInModel.bytes)
            }
        } catch {
            throw .model(path: path, message: error.description)
        }
        guard model.inputSide == config.segmentation.canvas, model.classes == 10 else {
            throw .model(path: path, message: "it takes \(model.input.channels)×\(model.input.height)×\(model.input.width) images with \(model.classes) classes; digitscan feeds 1×\(config.segmentation.canvas)×\(config.segmentation.canvas) digits (segmentation.canvas) into 10 classes")
        }
        return model
    }

    /// The default locations of a model file, in search order.
    public static func searchPath() -> [String] {
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
