/// A rectangle in source-image pixels: `x ..< x + width`, `y ..< y + height`.
public struct PixelBox: Sendable, Equatable {
    public var x: Int, y: Int, width: Int, height: Int
    public init(x: Int, y: Int, width: Int, height: Int) {
        self.x = x; self.y = y; self.width = width; self.height = height
    }

    /// One past the right-most column.
    public var maxX: Int { x + width }
    /// One past the bottom row.
    public var maxY: Int { y + height }

    /// The smallest box holding both boxes.
    public func union(_ other: PixelBox) -> PixelBox {
        let x0 = Swift.min(x, other.x), y0 = Swift.min(y, other.y)
        let x1 = Swift.max(maxX, other.maxX), y1 = Swift.max(maxY, other.maxY)
        return PixelBox(x: x0, y: y0, width: x1 - x0, height: y1 - y0)
    }

    /// Columns shared with `other` (0 when apart).
    func horizontalOverlap(_ other: PixelBox) -> Int {
        Swift.max(0, Swift.min(maxX, other.maxX) - Swift.max(x, other.x))
    }

    /// Rows shared with `other` (0 when apart).
    func verticalOverlap(_ other: PixelBox) -> Int {
        Swift.max(0, Swift.min(maxY, other.maxY) - Swift.max(y, other.y))
    }

    /// Empty columns between the boxes (0 when they overlap or touch).
    func horizontalGap(_ other: PixelBox) -> Int {
        Swift.max(0, Swift.max(x, other.x) - Swift.min(maxX, other.maxX))
    }

    /// Empty rows between the boxes (0 when they overlap or touch).
    func verticalGap(_ other: PixelBox) -> Int {
        Swift.max(0, Swift.max(y, other.y) - Swift.min(maxY, other.maxY))
    }
}
