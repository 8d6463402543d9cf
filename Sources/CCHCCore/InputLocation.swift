/// Where in an input something was found: a file, and when known the 1-based line and column.
/// Printed as `path:line:column`, leaving out what is unknown.
public struct InputLocation: Hashable, Sendable, CustomStringConvertible {
    public var path: String
    public var line: Int?
    public var column: Int?

    public init(path: String, line: Int? = nil, column: Int? = nil) {
        self.path = path
        self.line = line
        self.column = column
    }

    public var description: String {
        var text = path
        if let line {
            text += ":\(line)"
            if let column { text += ":\(column)" }
        }
        return text
    }
}
