import Foundation

/// Builds a CSV document the way Excel users need it: UTF-8 with BOM, CRLF line ends, RFC 4180
/// quoting, and text cells that a spreadsheet would run as a formula (`= + - @`, tab, CR) neutralised
/// with a leading `'` unless the cell is a plain number.
public struct CSVTableWriter {
    public private(set) var text = "\u{FEFF}"
    let separator: Character

    public init(header: [String], separator: Character = ",") {
        self.separator = separator
        append(header)
    }

    public mutating func append(_ cells: [String]) {
        text += cells.map { Self.quoted(Self.neutralised($0), separator: separator) }.joined(separator: String(separator))
        text += "\r\n"
    }

    public var bytes: [UInt8] { Array(text.utf8) }

    static func neutralised(_ cell: String) -> String {
        guard let first = cell.unicodeScalars.first, "=+-@\t\r".unicodeScalars.contains(first) else { return cell }
        if isPlainNumber(cell) { return cell }
        return "'" + cell
    }

    static func isPlainNumber(_ cell: String) -> Bool {
        var body = Substring(cell)
        if body.first == "-" || body.first == "+" { body = body.dropFirst() }
        var sawDigit = false, sawMark = false
        for c in body {
            if c.isASCII, c.isNumber { sawDigit = true }
            else if c == "." || c == ",", !sawMark { sawMark = true }
            else { return false }
        }
        return sawDigit
    }

    static func quoted(_ cell: String, separator: Character) -> String {
        // Fast path on the bytes (every cell of every report comes through here): the separators
        // are ASCII, and an ASCII byte never occurs inside a multi-byte UTF-8 character.
        if let sep = separator.asciiValue {
            var needsQuotes = false, hasQuote = false
            for byte in cell.utf8 {
                if byte == UInt8(ascii: "\"") { hasQuote = true; needsQuotes = true; break }
                if byte == sep || byte == UInt8(ascii: "\n") || byte == UInt8(ascii: "\r") { needsQuotes = true }
            }
            if !needsQuotes { return cell }
            if !hasQuote { return "\"" + cell + "\"" }
        }
        guard cell.contains(where: { $0 == separator || $0 == "\"" || $0 == "\n" || $0 == "\r" || $0 == "\r\n" }) else { return cell }
        return "\"" + cell.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
