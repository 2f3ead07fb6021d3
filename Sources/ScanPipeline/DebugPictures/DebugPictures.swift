/// Draws the two `--debug-dir` pictures of one file: the page with each digit's box and
/// reading, and the network's 28×28 inputs side by side.
///
/// Both label a digit the same way: the predicted digit and its confidence truncated to two
/// decimals (".98"; "1.0" only for a certain answer), so a label never reads above the
/// threshold when the value is below it. Digits below `classifier.minConfidence` are drawn
/// in orange, the others in green.
struct DebugPictures {
    /// `classifier.minConfidence`.
    var minConfidence: Float

    static let okColour = Canvas.Colour(0, 160, 60)
    static let lowColour = Canvas.Colour(240, 100, 0)
    static let lineColour = Canvas.Colour(30, 90, 220)
    static let white = Canvas.Colour(gray: 255)

    /// Strip layout: each input zoomed ×3, a label band under it, at most 20 cells a row.
    static let zoom = 3
    static let cellsPerRow = 20
    static let gap = 2
    static let labelScale = 2

    func isLow(_ digit: FileResult.Digit) -> Bool { !(digit.confidence >= minConfidence) }

    /// ".98", "1.0", or "?" for a confidence that is not a number.
    static func confidenceText(_ confidence: Float) -> String {
        guard confidence.isFinite else { return "?" }
        let hundredths = Int((Double(confidence) * 100).rounded(.down))
        if hundredths >= 100 { return "1.0" }
        let clamped = max(0, hundredths)
        return "." + (clamped < 10 ? "0" : "") + String(clamped)
    }

    /// The page with each digit's box, its digit above the box, its confidence below it, and
    /// each text line's number (as in the per-digit `line` column) left of its first digit.
    func overlay(page: PagePreview, digits: [FileResult.Digit]) -> Canvas {
        var canvas = Canvas(page: page)
        let boxes = digits.map { page.map($0.box) }
        // Labels as wide as a typical digit box, between 1 and 4 font pixels per pixel.
        let widths = boxes.map(\.width).sorted()
        let typicalWidth = widths.isEmpty ? 20 : widths[widths.count / 2]
        let scale = max(1, min(4, typicalWidth / 16))
        let thickness = max(1, min(3, max(page.width, page.height) / 500))
        let textHeight = BitmapFont.height(scale: scale)

        // Every box before any label, so no box line crosses a label.
        for (digit, box) in zip(digits, boxes) {
            canvas.stroke(x: box.x - thickness, y: box.y - thickness, width: box.width + 2 * thickness,
                          height: box.height + 2 * thickness, thickness: thickness,
                          isLow(digit) ? Self.lowColour : Self.okColour)
        }
        var seenLines = Set<Int>()
        for (digit, box) in zip(digits, boxes) {
            let colour = isLow(digit) ? Self.lowColour : Self.okColour
            label(String(digit.value), centredOn: box.x + box.width / 2, top: box.y - thickness - textHeight - 2 * scale - 1,
                  scale: scale, colour: colour, on: &canvas)
            label(Self.confidenceText(digit.confidence), centredOn: box.x + box.width / 2,
                  top: box.maxY + thickness + 1, scale: scale, colour: colour, on: &canvas)
            if seenLines.insert(digit.line).inserted {
                let text = "L" + String(digit.line)
                let x = max(0, box.x - thickness - BitmapFont.width(of: text, scale: scale) - 3 * scale)
                label(text, left: x, top: box.y + box.height / 2 - textHeight / 2 - scale,
                      scale: scale, colour: Self.lineColour, on: &canvas)
            }
        }
        return canvas
    }

    /// White text on a `colour` plate, centred horizontally on `centre`.
    private func label(_ text: String, centredOn centre: Int, top: Int, scale: Int, colour: Canvas.Colour,
                       on canvas: inout Canvas) {
        let width = BitmapFont.width(of: text, scale: scale)
        label(text, left: centre - width / 2 - scale, top: top, scale: scale, colour: colour, on: &canvas)
    }

    private func label(_ text: String, left: Int, top: Int, scale: Int, colour: Canvas.Colour, on canvas: inout Canvas) {
        let width = BitmapFont.width(of: text, scale: scale) + 2 * scale
        let height = BitmapFont.height(scale: scale) + 2 * scale
        // Keep the plate on the canvas where it fits, so labels at the edges stay readable.
        let x = max(0, min(left, canvas.width - width)), y = max(0, min(top, canvas.height - height))
        canvas.fill(x: x, y: y, width: width, height: height, colour)
        canvas.draw(text, x: x + scale, y: y + scale, scale: scale, Self.white)
    }

    /// The network inputs in reading order, gray: each 28×28 input zoomed ×3 with its digit
    /// and confidence beneath (dark band when confident, light band when not); nil without
    /// digits. `inputs[i]` is the input of `digits[i]`.
    func strip(inputs: [[UInt8]], digits: [FileResult.Digit], side: Int) -> Canvas? {
        guard !inputs.isEmpty, inputs.count == digits.count else { return nil }
        let cell = side * Self.zoom
        let band = BitmapFont.height(scale: Self.labelScale) + 3 * Self.labelScale
        let columns = min(inputs.count, Self.cellsPerRow)
        let rows = (inputs.count + Self.cellsPerRow - 1) / Self.cellsPerRow
        var canvas = Canvas(width: columns * cell + (columns - 1) * Self.gap,
                            height: rows * (cell + band) + (rows - 1) * Self.gap,
                            channels: 1, background: Canvas.Colour(gray: 128))
        for (i, (input, digit)) in zip(inputs, digits).enumerated() {
            let x = (i % Self.cellsPerRow) * (cell + Self.gap)
            let y = (i / Self.cellsPerRow) * (cell + band + Self.gap)
            canvas.blit(gray: input, side: side, x: x, y: y, zoom: Self.zoom)
            let low = isLow(digit)
            canvas.fill(x: x, y: y + cell, width: cell, height: band, Canvas.Colour(gray: low ? 235 : 40))
            let text = String(digit.value) + " " + Self.confidenceText(digit.confidence)
            let textX = x + (cell - BitmapFont.width(of: text, scale: Self.labelScale)) / 2
            let textY = y + cell + (band - BitmapFont.height(scale: Self.labelScale)) / 2
            canvas.draw(text, x: textX, y: textY, scale: Self.labelScale,
                        Canvas.Colour(gray: low ? 0 : 255))
        }
        return canvas
    }
}
