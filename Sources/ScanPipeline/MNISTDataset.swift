import CZlib

/// The MNIST digits in their IDX files (gzipped or not): images ink bright, 28×28.
public struct MNISTDataset: Sendable {
    public enum Split: String, Sendable { case train, test }
    /// count × rows × columns bytes, row-major.
    public var images: [UInt8]
    public var labels: [UInt8]
    public var rows: Int
    public var columns: Int
    public var count: Int { labels.count }

    /// The last `n` images (all of them when there are fewer): the slice training holds out.
    public func last(_ n: Int) -> MNISTDataset {
        let k = min(max(0, n), count), size = rows * columns
        return MNISTDataset(images: Array(images[((count - k) * size)...]), labels: Array(labels[(count - k)...]),
                            rows: rows, columns: columns)
    }

    /// Reads `<dir>/{train,t10k}-{images-idx3,labels-idx1}-ubyte[.gz]`.
    public static func load(directory: String, split: Split) throws(PipelineError) -> MNISTDataset {
        let prefix = split == .train ? "train" : "t10k"
        let imageBytes = try IDXFile.read(directory: directory, name: "\(prefix)-images-idx3-ubyte")
        let labelBytes = try IDXFile.read(directory: directory, name: "\(prefix)-labels-idx1-ubyte")
        let images = try IDXFile(bytes: imageBytes, what: "\(prefix) images")
        let labels = try IDXFile(bytes: labelBytes, what: "\(prefix) labels")
        guard images.dimensions.count == 3, labels.dimensions.count == 1 else {
            throw .dataset("MNIST \(split.rawValue): expected 3-D images and 1-D labels, got \(images.dimensions) and \(labels.dimensions)")
        }
        guard images.dimensions[0] == labels.dimensions[0] else {
            throw .dataset("MNIST \(split.rawValue): \(images.dimensions[0]) images but \(labels.dimensions[0]) labels")
        }
        guard labels.values.allSatisfy({ $0 < 10 }) else { throw .dataset("MNIST \(split.rawValue): a label is not 0–9") }
        return MNISTDataset(images: images.values, labels: labels.values,
                            rows: images.dimensions[1], columns: images.dimensions[2])
    }
}

/// An IDX file of unsigned bytes: magic (0, 0, type 0x08, rank), big-endian dimensions, data.
struct IDXFile {
    var dimensions: [Int]
    var values: [UInt8]

    init(bytes: [UInt8], what: String) throws(PipelineError) {
        guard bytes.count >= 4, bytes[0] == 0, bytes[1] == 0 else { throw .dataset("\(what): not an IDX file") }
        guard bytes[2] == 0x08 else { throw .dataset("\(what): IDX type 0x\(String(bytes[2], radix: 16)), only unsigned bytes (0x08) are supported") }
        let rank = Int(bytes[3])
        guard rank >= 1, bytes.count >= 4 + 4 * rank else { throw .dataset("\(what): truncated IDX header") }
        var dims: [Int] = []
        for r in 0..<rank {
            let o = 4 + 4 * r
            dims.append(Int(bytes[o]) << 24 | Int(bytes[o + 1]) << 16 | Int(bytes[o + 2]) << 8 | Int(bytes[o + 3]))
        }
        let count = dims.reduce(1, *)
        let start = 4 + 4 * rank
        guard bytes.count - start == count else {
            throw .dataset("\(what): IDX header says \(dims) (\(count) bytes) but \(bytes.count - start) follow")
        }
        dimensions = dims
        values = Array(bytes[start...])
    }

    /// Reads `name.gz` (through zlib) or `name`, whichever exists.
    static func read(directory: String, name: String) throws(PipelineError) -> [UInt8] {
        let candidates = ["\(directory)/\(name).gz", "\(directory)/\(name)"]
        for path in candidates {
            // gzopen reads plain files transparently too.
            guard let file = gzopen(path, "rb") else { continue }
            defer { gzclose(file) }
            var out: [UInt8] = []
            var chunk = [UInt8](repeating: 0, count: 1 << 16)
            while true {
                let n = chunk.withUnsafeMutableBytes { gzread(file, $0.baseAddress, UInt32($0.count)) }
                if n < 0 { throw .dataset("\(path): corrupt gzip data") }
                if n == 0 { break }
                out += chunk[0..<Int(n)]
            }
            return out
        }
        throw .dataset("MNIST file not found: \(candidates.joined(separator: " or "))")
    }
}
