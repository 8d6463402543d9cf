/// A JSON value that remembers where it starts (line and column), so that a job file's errors point
/// at the place to fix. Foundation's decoder reports neither for semantic errors, so job files are
/// read with this small RFC 8259 reader instead; it keeps object keys in file order.
public struct JSONNode: Sendable {
    public enum Value: Sendable {
        case object([Member])
        case array([JSONNode])
        case string(String)
        case number(Double)
        case bool(Bool)
        case null
    }

    public struct Member: Sendable {
        public var key: String
        /// Where the key's opening quote is.
        public var keyLine: Int
        public var keyColumn: Int
        public var value: JSONNode
    }

    public var value: Value
    public var line: Int
    public var column: Int

    /// What a value is, in the words of an error message ("a text", "a number"...).
    public var kindName: String {
        switch value {
        case .object: "an object"
        case .array: "a list"
        case .string: "a text"
        case .number: "a number"
        case .bool: "true or false"
        case .null: "null"
        }
    }

    /// Parses `bytes` (UTF-8, an optional BOM) as one JSON value.
    /// Throws `JSONSyntaxError` with the line and column of the first problem.
    public static func parse(_ bytes: [UInt8]) throws(JSONSyntaxError) -> JSONNode {
        var reader = JSONReader(bytes: bytes)
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { reader.offset = 3 }
        let node = try reader.value(depth: 0)
        reader.skipWhitespace()
        guard reader.offset == bytes.count else { throw reader.error("unexpected text after the end of the job") }
        return node
    }
}

/// A JSON syntax error at a 1-based line and column (columns count characters, not bytes).
public struct JSONSyntaxError: Error, Sendable {
    public var line: Int
    public var column: Int
    public var reason: String
}

/// The reader's cursor. Lines and columns are computed from the byte offset when needed.
struct JSONReader {
    let bytes: [UInt8]
    var offset = 0

    init(bytes: [UInt8]) { self.bytes = bytes }

    /// The 1-based line and column of byte `at`: newlines before it, and characters since the last
    /// one (UTF-8 continuation bytes do not start a character).
    func position(_ at: Int) -> (line: Int, column: Int) {
        var line = 1, column = 1
        for byte in bytes[..<min(at, bytes.count)] {
            if byte == UInt8(ascii: "\n") {
                line += 1
                column = 1
            } else if byte & 0xC0 != 0x80 {
                column += 1
            }
        }
        return (line, column)
    }

    func error(_ reason: String, at: Int? = nil) -> JSONSyntaxError {
        let (line, column) = position(at ?? offset)
        return JSONSyntaxError(line: line, column: column, reason: reason)
    }

    mutating func skipWhitespace() {
        while offset < bytes.count, [0x20, 0x09, 0x0A, 0x0D].contains(bytes[offset]) { offset += 1 }
    }

    /// A short view of what was found at the cursor, for error messages.
    func found() -> String {
        guard offset < bytes.count else { return "the end of the file" }
        let end = min(bytes.count, offset + 12)
        let text = String(decoding: bytes[offset..<end], as: UTF8.self).split(separator: "\n").first.map(String.init) ?? ""
        return "'\(text)'"
    }

    mutating func value(depth: Int) throws(JSONSyntaxError) -> JSONNode {
        skipWhitespace()
        guard depth < 64 else { throw error("nesting deeper than 64 levels") }
        let start = offset
        let (line, column) = position(start)
        func node(_ value: JSONNode.Value) -> JSONNode { JSONNode(value: value, line: line, column: column) }
        guard offset < bytes.count else { throw error("the file ends where a value was expected") }
        switch bytes[offset] {
        case UInt8(ascii: "{"):
            offset += 1
            var members: [JSONNode.Member] = []
            skipWhitespace()
            if offset < bytes.count, bytes[offset] == UInt8(ascii: "}") { offset += 1; return node(.object(members)) }
            while true {
                skipWhitespace()
                guard offset < bytes.count, bytes[offset] == UInt8(ascii: "\"") else {
                    throw error("found \(found()); expected a key in double quotes")
                }
                let keyAt = position(offset)
                let key = try string()
                skipWhitespace()
                guard offset < bytes.count, bytes[offset] == UInt8(ascii: ":") else { throw error("found \(found()); expected ':' after the key \"\(key)\"") }
                offset += 1
                members.append(JSONNode.Member(key: key, keyLine: keyAt.line, keyColumn: keyAt.column, value: try value(depth: depth + 1)))
                skipWhitespace()
                guard offset < bytes.count else { throw error("the file ends inside an object opened at line \(line), column \(column)") }
                if bytes[offset] == UInt8(ascii: ",") { offset += 1; continue }
                if bytes[offset] == UInt8(ascii: "}") { offset += 1; return node(.object(members)) }
                throw error("found \(found()); expected ',' or '}' (a missing comma?)")
            }
        case UInt8(ascii: "["):
            offset += 1
            var items: [JSONNode] = []
            skipWhitespace()
            if offset < bytes.count, bytes[offset] == UInt8(ascii: "]") { offset += 1; return node(.array(items)) }
            while true {
                items.append(try value(depth: depth + 1))
                skipWhitespace()
                guard offset < bytes.count else { throw error("the file ends inside a list opened at line \(line), column \(column)") }
                if bytes[offset] == UInt8(ascii: ",") { offset += 1; continue }
                if bytes[offset] == UInt8(ascii: "]") { offset += 1; return node(.array(items)) }
                throw error("found \(found()); expected ',' or ']' (a missing comma?)")
            }
        case UInt8(ascii: "\""):
            return node(.string(try string()))
        case UInt8(ascii: "t"), UInt8(ascii: "f"), UInt8(ascii: "n"):
            for (word, result) in [("true", JSONNode.Value.bool(true)), ("false", .bool(false)), ("null", .null)]
            where bytes[offset...].starts(with: Array(word.utf8)) {
                offset += word.utf8.count
                return node(result)
            }
            throw error("found \(found()); expected a value (text in double quotes, a number, true, false, null, a list or an object)")
        default:
            if bytes[offset] == UInt8(ascii: "-") || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(bytes[offset]) {
                return node(.number(try number()))
            }
            throw error("found \(found()); expected a value (text in double quotes, a number, true, false, null, a list or an object)")
        }
    }

    /// A string starting at the opening quote under the cursor.
    mutating func string() throws(JSONSyntaxError) -> String {
        let open = offset
        offset += 1
        var scalars = String.UnicodeScalarView()
        var run: [UInt8] = []
        func flush() {
            scalars.append(contentsOf: String(decoding: run, as: UTF8.self).unicodeScalars)
            run.removeAll()
        }
        while offset < bytes.count {
            let byte = bytes[offset]
            switch byte {
            case UInt8(ascii: "\""):
                offset += 1
                flush()
                return String(scalars)
            case UInt8(ascii: "\\"):
                flush()
                // A `\` as the file's last byte: `break` here left only the switch and looped for ever (issue 8 fuzzing).
                guard offset + 1 < bytes.count else { throw error("a text opened here is never closed (missing '\"')", at: open) }
                let escape = bytes[offset + 1]
                offset += 2
                switch escape {
                case UInt8(ascii: "\""): scalars.append("\"")
                case UInt8(ascii: "\\"): scalars.append("\\")
                case UInt8(ascii: "/"): scalars.append("/")
                case UInt8(ascii: "b"): scalars.append("\u{08}")
                case UInt8(ascii: "f"): scalars.append("\u{0C}")
                case UInt8(ascii: "n"): scalars.append("\n")
                case UInt8(ascii: "r"): scalars.append("\r")
                case UInt8(ascii: "t"): scalars.append("\t")
                case UInt8(ascii: "u"):
                    guard offset + 4 <= bytes.count, let code = UInt32(String(decoding: bytes[offset..<offset + 4], as: UTF8.self), radix: 16),
                          let scalar = Unicode.Scalar(code)
                    else { throw error("a \\u escape needs four hex digits of a character (surrogate pairs are not supported)", at: offset - 2) }
                    scalars.append(scalar)
                    offset += 4
                default:
                    throw error("unknown escape \\\(Character(Unicode.Scalar(escape))) in a text", at: offset - 2)
                }
            case 0x00..<0x20:
                throw error(byte == 0x0A ? "a text is not closed on its line (missing '\"')" : "a control character inside a text")
            default:
                run.append(byte)
                offset += 1
            }
        }
        throw error("a text opened here is never closed (missing '\"')", at: open)
    }

    mutating func number() throws(JSONSyntaxError) -> Double {
        let start = offset
        let allowed = Set("+-0123456789.eE".utf8)
        while offset < bytes.count, allowed.contains(bytes[offset]) { offset += 1 }
        let text = String(decoding: bytes[start..<offset], as: UTF8.self)
        guard let number = Double(text), text.first != "+", !text.hasPrefix("."), !text.hasSuffix(".") else {
            throw error("\"\(text)\" is not a number", at: start)
        }
        return number
    }
}
