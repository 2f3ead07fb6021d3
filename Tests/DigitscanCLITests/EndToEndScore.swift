/// Accuracy of recognised digit strings against the truth, summed over files.
///
/// Digit accuracy is `1 − Σ edit distance / Σ true digits`, with the Levenshtein distance taken
/// between the digit strings with their line-separating spaces removed: a digit read right but
/// placed on the wrong line is a layout fault, not a misread digit. A file is exactly right only
/// when its whole text matches, line breaks included.
struct EndToEndScore {
    private(set) var files = 0
    private(set) var exactFiles = 0
    private(set) var trueDigits = 0
    private(set) var editDistance = 0

    /// Adds one file's result.
    mutating func add(truth: String, read: String) {
        let truthDigits = Array(truth.filter { $0 != " " })
        let readDigits = Array(read.filter { $0 != " " })
        files += 1
        trueDigits += truthDigits.count
        editDistance += Self.levenshtein(truthDigits, readDigits)
        if truth == read { exactFiles += 1 }
    }

    /// Fraction of digits right; 1 when there are no true digits and nothing was read.
    var digitAccuracy: Double {
        trueDigits == 0 ? (editDistance == 0 ? 1 : 0) : 1 - Double(editDistance) / Double(trueDigits)
    }

    /// Fraction of files whose text matched exactly.
    var fileAccuracy: Double {
        files == 0 ? 0 : Double(exactFiles) / Double(files)
    }

    /// Minimum number of single-element insertions, deletions and substitutions turning a into b.
    static func levenshtein<T: Equatable>(_ a: [T], _ b: [T]) -> Int {
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var previous = Array(0...b.count)
        var current = [Int](repeating: 0, count: b.count + 1)
        for i in 1...a.count {
            current[0] = i
            for j in 1...b.count {
                let substitution = previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1)
                current[j] = min(substitution, previous[j] + 1, current[j - 1] + 1)
            }
            swap(&previous, &current)
        }
        return previous[b.count]
    }
}
