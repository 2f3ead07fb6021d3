import Foundation

/// Reads and writes the safetensors container: an 8-byte little-endian header length, a JSON
/// header mapping tensor names to dtype, shape and byte offsets (plus `__metadata__`, a string
/// map), then the raw little-endian tensor bytes.
struct Safetensors {
    struct TensorInfo { var shape: [Int]; var values: [Float] }
    var tensors: [String: TensorInfo]
    var metadata: [String: String]

    /// Parses a file's bytes; throws `ModelError` saying what is malformed.
    init(bytes: [UInt8]) throws(ModelError) {
        guard bytes.count >= 8 else { throw ModelError("not a safetensors file: \(bytes.count) bytes") }
        var headerLength: UInt64 = 0
        for i in 0..<8 { headerLength |= UInt64(bytes[i]) << (8 * UInt64(i)) }
        guard headerLength <= UInt64(bytes.count - 8), headerLength < 100_000_000 else {
            throw ModelError("not a safetensors file: header length \(headerLength) exceeds the file")
        }
        let dataStart = 8 + Int(headerLength)
        let json: Any
        do {
            json = try JSONSerialization.jsonObject(with: Data(bytes[8..<dataStart]))
        } catch {
            throw ModelError("safetensors header is not valid JSON")
        }
        guard let header = json as? [String: Any] else { throw ModelError("safetensors header is not a JSON object") }
        var tensors: [String: TensorInfo] = [:]
        var metadata: [String: String] = [:]
        let dataCount = bytes.count - dataStart
        for (name, value) in header {
            if name == "__metadata__" {
                guard let meta = value as? [String: Any] else { throw ModelError("__metadata__ is not an object") }
                for (k, v) in meta {
                    guard let s = v as? String else { throw ModelError("__metadata__ value \(k) is not a string") }
                    metadata[k] = s
                }
                continue
            }
            guard let info = value as? [String: Any], let dtype = info["dtype"] as? String,
                  let shape = (info["shape"] as? [Any])?.compactMap({ ($0 as? NSNumber)?.intValue }),
                  let offsets = (info["data_offsets"] as? [Any])?.compactMap({ ($0 as? NSNumber)?.intValue }),
                  offsets.count == 2 else {
                throw ModelError("tensor \(name): missing dtype, shape or data_offsets")
            }
            guard dtype == "F32" else { throw ModelError("tensor \(name): dtype \(dtype), only F32 is supported") }
            guard shape.allSatisfy({ $0 >= 0 }) else { throw ModelError("tensor \(name): negative dimension") }
            let count = shape.reduce(1, *)
            let (begin, end) = (offsets[0], offsets[1])
            guard begin >= 0, end >= begin, end <= dataCount, end - begin == count * 4 else {
                throw ModelError("tensor \(name): data_offsets [\(begin), \(end)] do not fit shape \(shape) in \(dataCount) data bytes")
            }
            var values = [Float](repeating: 0, count: count)
            for i in 0..<count {
                let o = dataStart + begin + 4 * i
                let bits = UInt32(bytes[o]) | UInt32(bytes[o + 1]) << 8 | UInt32(bytes[o + 2]) << 16 | UInt32(bytes[o + 3]) << 24
                values[i] = Float(bitPattern: bits)
            }
            tensors[name] = TensorInfo(shape: shape, values: values)
        }
        self.tensors = tensors
        self.metadata = metadata
    }

    init(tensors: [String: TensorInfo], metadata: [String: String]) {
        self.tensors = tensors
        self.metadata = metadata
    }

    /// Serialises with tensors in name order and the header padded to 8 bytes.
    func serialized() -> [UInt8] {
        let names = tensors.keys.sorted()
        var header: [String: Any] = ["__metadata__": metadata]
        var offset = 0
        for name in names {
            let t = tensors[name]!
            let size = t.values.count * 4
            header[name] = ["dtype": "F32", "shape": t.shape, "data_offsets": [offset, offset + size]] as [String: Any]
            offset += size
        }
        var json = (try? JSONSerialization.data(withJSONObject: header, options: [.sortedKeys])).map { [UInt8]($0) } ?? []
        while (json.count + 8) % 8 != 0 { json.append(0x20) }
        var out = [UInt8]()
        out.reserveCapacity(8 + json.count + offset)
        let n = UInt64(json.count)
        for i in 0..<8 { out.append(UInt8((n >> (8 * UInt64(i))) & 0xFF)) }
        out += json
        for name in names {
            for v in tensors[name]!.values {
                let bits = v.bitPattern
                out += [UInt8(bits & 0xFF), UInt8((bits >> 8) & 0xFF), UInt8((bits >> 16) & 0xFF), UInt8(bits >> 24)]
            }
        }
        return out
    }
}
