/// A batch that cannot complete, with the reason for the operator.
public struct PipelineError: Error, CustomStringConvertible, Sendable {
    public let description: String

    public init(_ description: String) {
        self.description = description
    }
}
