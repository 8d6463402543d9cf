import CCHCCore

/// Something noticed in an input file that does not stop it loading (an unknown column, ignored):
/// a stable code, where, and what was done, for the operator (English) and the clerk (Vietnamese).
public struct IngestWarning: Sendable, Equatable, CustomStringConvertible {
    public enum Code: String, Sendable, CaseIterable {
        case unknownColumn = "unknown_column"
    }

    public var code: Code
    public var location: InputLocation
    public var message: String
    public var messageVi: String

    public init(code: Code, location: InputLocation, message: String, messageVi: String) {
        self.code = code
        self.location = location
        self.message = message
        self.messageVi = messageVi
    }

    public var description: String { "\(location): \(message)" }
}
