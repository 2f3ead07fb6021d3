/// Fixed-point number text for output columns, without Foundation's `String(format:)`.
enum NumberText {
    /// `value` with exactly `decimals` digits after the point ("0.9876"); "NaN" or
    /// "inf"/"-inf" when not finite (callers writing JSON map those to null).
    static func fixed(_ value: Float, decimals: Int = 4) -> String {
        guard value.isFinite else { return value.isNaN ? "NaN" : (value < 0 ? "-inf" : "inf") }
        var scale = 1.0
        for _ in 0..<decimals { scale *= 10 }
        let magnitude = (abs(Double(value)) * scale).rounded()
        // Float's range times 10^4 fits a Double exactly enough; UInt64 would overflow at 1.8e19.
        guard magnitude < 9e18 else { return String(value) }
        let scaled = UInt64(magnitude)
        let unit = UInt64(scale)
        var text = (value < 0 && scaled > 0) ? "-" : ""
        text += String(scaled / unit)
        if decimals > 0 {
            let fraction = String(scaled % unit)
            text += "." + String(repeating: "0", count: decimals - fraction.count) + fraction
        }
        return text
    }

    /// `n` with thousands separators ("412,331"), for counts in messages people read.
    static func grouped(_ n: Int) -> String {
        let digits = Array(String(n.magnitude))
        var text = n < 0 ? "-" : ""
        for (i, digit) in digits.enumerated() {
            if i > 0 && (digits.count - i) % 3 == 0 { text.append(",") }
            text.append(digit)
        }
        return text
    }
}
