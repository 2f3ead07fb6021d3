/// The error of this target: what is wrong with a model file or a request, in words.
public struct ModelError: Error, CustomStringConvertible, Sendable, Equatable {
    public var message: String
    public init(_ message: String) { self.message = message }
    public var description: String { message }
}
