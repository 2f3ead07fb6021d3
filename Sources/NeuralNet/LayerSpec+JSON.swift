import Foundation

/// The `architecture` metadata: a JSON list of layers, field names as `model_io.py` writes them.
extension LayerSpec {
    /// Parses one layer object; `index` is only for error messages.
    init(json: [String: Any], index: Int) throws(ModelError) {
        func int(_ key: String, default d: Int? = nil) throws(ModelError) -> Int {
            if let n = json[key] as? NSNumber { return n.intValue }
            if let list = json[key] as? [NSNumber], let first = list.first,
               list.allSatisfy({ $0.intValue == first.intValue }) { return first.intValue }
            if let d { return d }
            throw ModelError("architecture layer \(index) (\(json["type"] ?? "?")): missing integer \"\(key)\"")
        }
        func name(_ key: String) throws(ModelError) -> String {
            guard let s = json[key] as? String else {
                throw ModelError("architecture layer \(index): missing tensor name \"\(key)\"")
            }
            return s
        }
        guard let type = json["type"] as? String else { throw ModelError("architecture layer \(index): no \"type\"") }
        switch type {
        case "conv2d":
            let channels = try? int("channels")
            self = .conv2d(inChannels: try int("in_channels", default: channels),
                           outChannels: try int("out_channels", default: channels),
                           kernel: try int("kernel"), stride: try int("stride", default: 1),
                           padding: try int("padding", default: 0),
                           weight: try name("weight"), bias: try name("bias"))
        case "batchnorm2d":
            self = .batchnorm2d(channels: try int("channels"),
                                eps: (json["eps"] as? NSNumber)?.floatValue ?? 1e-5,
                                weight: try name("weight"), bias: try name("bias"),
                                runningMean: try name("running_mean"), runningVar: try name("running_var"))
        case "relu": self = .relu
        case "maxpool2d":
            let k = try int("kernel")
            self = .maxpool2d(kernel: k, stride: try int("stride", default: k))
        case "dropout": self = .dropout(p: (json["p"] as? NSNumber)?.floatValue ?? 0)
        case "flatten": self = .flatten
        case "dense":
            self = .dense(inFeatures: try int("in_features"), outFeatures: try int("out_features"),
                          weight: try name("weight"), bias: try name("bias"))
        case "softmax": self = .softmax
        default:
            throw ModelError("architecture layer \(index): unknown type \"\(type)\" (allowed: conv2d, batchnorm2d, relu, maxpool2d, dropout, flatten, dense, softmax)")
        }
    }

    /// The layer as a JSON object.
    var json: [String: Any] {
        switch self {
        case let .conv2d(i, o, k, s, p, w, b):
            return ["type": "conv2d", "in_channels": i, "out_channels": o, "kernel": k, "stride": s,
                    "padding": p, "weight": w, "bias": b]
        case let .batchnorm2d(c, eps, w, b, m, v):
            return ["type": "batchnorm2d", "channels": c, "eps": Double(eps), "weight": w, "bias": b,
                    "running_mean": m, "running_var": v]
        case .relu: return ["type": "relu"]
        case let .maxpool2d(k, s): return ["type": "maxpool2d", "kernel": k, "stride": s]
        case let .dropout(p): return ["type": "dropout", "p": Double(p)]
        case .flatten: return ["type": "flatten"]
        case let .dense(i, o, w, b):
            return ["type": "dense", "in_features": i, "out_features": o, "weight": w, "bias": b]
        case .softmax: return ["type": "softmax"]
        }
    }
}

extension InputSpec {
    init(json: [String: Any]) throws(ModelError) {
        func num(_ k: String, _ d: Double) throws(ModelError) -> Double {
            guard let v = json[k] else { return d }
            guard let n = v as? NSNumber else { throw ModelError("input.\(k) is not a number") }
            return n.doubleValue
        }
        self.init(channels: Int(try num("channels", 1)), height: Int(try num("height", 28)),
                  width: Int(try num("width", 28)), scale: Float(try num("scale", 1.0 / 255)),
                  mean: Float(try num("mean", 0)), std: Float(try num("std", 1)))
        guard channels > 0, height > 0, width > 0, std != 0 else {
            throw ModelError("input spec \(json) has a zero dimension or std")
        }
    }

    var json: [String: Any] {
        ["channels": channels, "height": height, "width": width,
         "scale": Double(scale), "mean": Double(mean), "std": Double(std)]
    }
}
