/// Placeholder error type of ScanPipeline (the pipeline engineer owns and extends this file).
public enum PipelineError: Error, CustomStringConvertible, Sendable {
    case usage(String)
    public var description: String {
        switch self { case .usage(let m): return m }
    }
}
