import Foundation

/// A minimal model file written by hand in the documented safetensors layout: flatten,
/// dense 784→10 with zero weights, softmax. Its answer is fixed by the biases, so CLI tests
/// can run the whole pipeline without the shipped (trained) model and predict every row.
enum TinyModel {
    /// Biases 0, 0.5, …, 4.5 × `scale`: class 9 always wins; scale 1 gives confidence ≈ 0.36,
    /// scale 3 ≈ 0.78, scale 6 ≈ 0.95.
    static func safetensors(scale: Float) -> [UInt8] {
        let weights = [Float](repeating: 0, count: 7840)
        let biases = (0..<10).map { Float($0) * 0.5 * scale }
        let architecture = #"[{"type":"flatten"},{"type":"dense","in_features":784,"out_features":10,"weight":"fc.weight","bias":"fc.bias"},{"type":"softmax"}]"#
        let input = #"{"channels":1,"height":28,"width":28,"scale":0.00392156862745098,"mean":0,"std":1}"#
        func quoted(_ s: String) -> String {
            "\"" + s.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\""
        }
        let weightBytes = weights.count * 4
        var header = #"{"__metadata__":{"architecture":\#(quoted(architecture)),"input":\#(quoted(input))},"#
            + #""fc.weight":{"dtype":"F32","shape":[10,784],"data_offsets":[0,\#(weightBytes)]},"#
            + #""fc.bias":{"dtype":"F32","shape":[10],"data_offsets":[\#(weightBytes),\#(weightBytes + 40)]}}"#
        while header.utf8.count % 8 != 0 { header += " " }
        var bytes = withUnsafeBytes(of: UInt64(header.utf8.count).littleEndian, Array.init)
        bytes += Array(header.utf8)
        for value in weights + biases { bytes += withUnsafeBytes(of: value.bitPattern.littleEndian, Array.init) }
        return bytes
    }
}
