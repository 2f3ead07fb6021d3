/// The confusion matrix as a picture: one square cell per (true digit, predicted digit), rows
/// the true digit (labelled on the left), columns the prediction (labelled on top).
///
/// A cell's shade is its share of the row, square-rooted so that a few mistakes among a
/// thousand answers still show; the count is written in it. Empty cells stay white.
enum ConfusionHeatMap {
    /// Side of one cell, in pixels: room for a five-digit count in the 5×7 font.
    static let cell = 36
    /// Space for the row labels (left) and column labels (top), and the margin opposite them.
    static let margin = 28, far = 8

    static let background = Canvas.Colour(gray: 255)
    static let ink = Canvas.Colour(gray: 0)
    /// The shade of a cell holding its whole row.
    static let full = Canvas.Colour(16, 48, 140)

    /// Side of the square picture for `classes` classes.
    static func side(classes: Int) -> Int { margin + classes * cell + far }

    /// Top-left corner of the cell (row `truth`, column `predicted`).
    static func origin(truth: Int, predicted: Int) -> (x: Int, y: Int) {
        (margin + predicted * cell, margin + truth * cell)
    }

    /// The colour of a cell holding `share` (0…1) of its row.
    static func shade(_ share: Double) -> Canvas.Colour {
        let t = min(max(share, 0), 1).squareRoot()
        func mix(_ a: UInt8) -> UInt8 { UInt8((255 - t * (255 - Double(a))).rounded()) }
        return Canvas.Colour(mix(full.red), mix(full.green), mix(full.blue))
    }

    /// Draws `confusion[truth][predicted]` (square) as an RGB picture.
    static func draw(_ confusion: [[Int]]) -> Canvas {
        let classes = confusion.count
        let size = side(classes: classes)
        var canvas = Canvas(width: size, height: size, channels: 3, background: background)
        let labelHeight = BitmapFont.height(scale: 2)
        for (truth, row) in confusion.enumerated() {
            let total = row.reduce(0, +)
            for (predicted, count) in row.enumerated() where count > 0 {
                let (x, y) = origin(truth: truth, predicted: predicted)
                let share = Double(count) / Double(max(total, 1))
                canvas.fill(x: x, y: y, width: cell, height: cell, shade(share))
                let text = String(count), textColour = share > 0.25 ? background : ink
                canvas.draw(text, x: x + (cell - BitmapFont.width(of: text, scale: 1)) / 2,
                              y: y + (cell - BitmapFont.glyphHeight) / 2, scale: 1, textColour)
            }
        }
        for c in 0..<classes {
            let label = String(c), width = BitmapFont.width(of: label, scale: 2)
            let (x, y) = origin(truth: c, predicted: c)
            canvas.draw(label, x: x + (cell - width) / 2, y: (margin - labelHeight) / 2, scale: 2, ink)
            canvas.draw(label, x: (margin - width) / 2, y: y + (cell - labelHeight) / 2, scale: 2, ink)
        }
        // Grid lines between cells, so neighbouring pale cells stay apart.
        for i in 0...classes {
            canvas.fill(x: margin + i * cell, y: margin, width: 1, height: classes * cell, Canvas.Colour(gray: 200))
            canvas.fill(x: margin, y: margin + i * cell, width: classes * cell + 1, height: 1, Canvas.Colour(gray: 200))
        }
        return canvas
    }
}
