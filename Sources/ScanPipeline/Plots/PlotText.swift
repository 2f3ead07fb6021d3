/// Labels for the evaluation plots: the debug pictures' 5×7 `BitmapFont` plus the few
/// characters plot titles need ("T=1.2  ECE 0.4%").
///
/// Kept apart from `BitmapFont` so the debug pictures' font stays the small set they use.
enum PlotText {
    /// Extra glyphs in `BitmapFont`'s layout: seven rows of five bits, bit 4 the left column.
    static let extraGlyphs: [Character: [UInt8]] = [
        "T": [0b11111, 0b00100, 0b00100, 0b00100, 0b00100, 0b00100, 0b00100],
        "E": [0b11111, 0b10000, 0b10000, 0b11110, 0b10000, 0b10000, 0b11111],
        "C": [0b01110, 0b10001, 0b10000, 0b10000, 0b10000, 0b10001, 0b01110],
        "=": [0b00000, 0b00000, 0b11111, 0b00000, 0b11111, 0b00000, 0b00000],
        "%": [0b11000, 0b11001, 0b00010, 0b00100, 0b01000, 0b10011, 0b00011],
    ]

    /// The rows of `character`'s glyph ('?' for characters neither font has).
    static func glyph(_ character: Character) -> [UInt8] {
        extraGlyphs[character] ?? BitmapFont.glyph(character)
    }

    /// Width in pixels of `text` at `scale`.
    static func width(of text: String, scale: Int) -> Int { BitmapFont.width(of: text, scale: scale) }

    /// Writes `text` with its top-left corner at (x, y), each font pixel a `scale`×`scale` square.
    static func draw(_ text: String, on canvas: inout Canvas, x: Int, y: Int, scale: Int, _ colour: Canvas.Colour) {
        var left = x
        let w = BitmapFont.glyphWidth
        for character in text {
            for (row, bits) in glyph(character).enumerated() {
                for column in 0..<w where bits & (1 << (w - 1 - column)) != 0 {
                    canvas.fill(x: left + column * scale, y: y + row * scale, width: scale, height: scale, colour)
                }
            }
            left += (w + BitmapFont.spacing) * scale
        }
    }
}
