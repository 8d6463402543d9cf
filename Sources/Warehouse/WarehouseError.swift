/// A warehouse operation that cannot go on, with a message for the operator.
public struct WarehouseError: Error, CustomStringConvertible, Sendable {
    public let description: String

    public init(_ description: String) {
        self.description = description
    }
}
