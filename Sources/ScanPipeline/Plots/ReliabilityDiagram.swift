import Foundation
import NeuralNet

/// The reliability diagram `digitscan evaluate --plots` writes: two panels, before (T = 1) and
/// after the model's temperature, each with one bar per confidence bin whose height is the
/// accuracy of the answers in it.
///
/// In each panel the x axis is confidence and the y axis accuracy, both 0…1 (ticks at 0, .5
/// and 1). The gray diagonal is perfect calibration; a dark line across each bar marks the
/// bin's mean confidence, so the gap between it and the bar's top is the bin's miscalibration.
/// Bars under the diagonal mean over-confidence. The title gives T and the ECE.
enum ReliabilityDiagram {
    /// Side of each panel's square plot area, in pixels.
    static let side = 240
    /// Space left of, above, right of and below the plot area (tick labels, title).
    static let left = 40, top = 28, right = 12, bottom = 28
    static var panelWidth: Int { left + side + right }
    static var height: Int { top + side + bottom }

    static let background = Canvas.Colour(gray: 255)
    static let ink = Canvas.Colour(gray: 0)
    static let diagonal = Canvas.Colour(gray: 170)
    static let beforeBar = Canvas.Colour(230, 126, 34)
    static let afterBar = Canvas.Colour(52, 101, 164)
    static let confidenceMark = Canvas.Colour(110, 20, 20)

    /// Top-left corner of panel `panel`'s (0: before, 1: after) plot area.
    static func origin(panel: Int) -> (x: Int, y: Int) { (panel * panelWidth + left, top) }

    /// Both panels side by side, `2 · panelWidth` × `height` RGB.
    static func draw(before: ReliabilityTable, after: ReliabilityTable, temperature: Float) -> Canvas {
        var canvas = Canvas(width: 2 * panelWidth, height: height, channels: 3, background: background)
        drawPanel(before, title: String(format: "T=1  ECE %.2f%%", before.expectedCalibrationError * 100),
                  panel: 0, bar: beforeBar, on: &canvas)
        drawPanel(after, title: String(format: "T=%.3f  ECE %.2f%%", temperature, after.expectedCalibrationError * 100),
                  panel: 1, bar: afterBar, on: &canvas)
        return canvas
    }

    private static func drawPanel(_ table: ReliabilityTable, title: String, panel: Int, bar: Canvas.Colour,
                                  on canvas: inout Canvas) {
        let (x0, y0) = origin(panel: panel)
        let bins = max(1, table.bins.count)
        // y of a value v in 0…1: the bottom row is 0, the top row 1.
        func y(_ v: Double) -> Int { y0 + side - Int((v * Double(side)).rounded()) }
        for (b, bin) in table.bins.enumerated() where bin.count > 0 {
            // One pixel left free between bars so neighbours stay distinct.
            let xa = x0 + b * side / bins, xb = x0 + (b + 1) * side / bins - 1
            let top = y(bin.accuracy)
            canvas.fill(x: xa, y: top, width: xb - xa, height: y0 + side - top, bar)
            canvas.fill(x: xa, y: y(bin.meanConfidence) - 1, width: xb - xa, height: 2, confidenceMark)
        }
        for i in 0..<side { canvas.fill(x: x0 + i, y: y0 + side - 1 - i, width: 1, height: 1, diagonal) }
        // Axes with ticks at 0, .5 and 1, drawn over the bars' bottoms.
        canvas.fill(x: x0 - 1, y: y0, width: 1, height: side + 1, ink)
        canvas.fill(x: x0 - 1, y: y0 + side, width: side + 1, height: 1, ink)
        for (v, label) in [(0.0, "0"), (0.5, ".5"), (1.0, "1")] {
            let tx = x0 + Int(v * Double(side)) - (v == 1 ? 1 : 0), ty = y(v) - (v == 1 ? 0 : 1)
            canvas.fill(x: tx, y: y0 + side + 1, width: 1, height: 4, ink)
            canvas.fill(x: x0 - 5, y: ty, width: 4, height: 1, ink)
            canvas.draw(label, x: tx - BitmapFont.width(of: label, scale: 2) / 2, y: y0 + side + 8,
                          scale: 2, ink)
            canvas.draw(label, x: x0 - 8 - BitmapFont.width(of: label, scale: 2),
                          y: ty - BitmapFont.height(scale: 2) / 2, scale: 2, ink)
        }
        canvas.draw(title, x: x0, y: (top - BitmapFont.height(scale: 2)) / 2, scale: 2, ink)
    }
}
