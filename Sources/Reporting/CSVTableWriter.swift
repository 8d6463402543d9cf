import Foundation

/// Builds a CSV document the way Excel users need it: UTF-8 with BOM, CRLF line ends, RFC 4180
/// quoting, and text cells that a spreadsheet would run as a formula (`= + - @`, tab, CR) neutralised
/// with a leading `'` unless the cell is a plain number.
public struct CSVTableWriter {
    /// The document so far, UTF-8 with its byte-order mark.
    public private(set) var bytes: [UInt8] = [0xEF, 0xBB, 0xBF]
    let separator: Character

    public init(header: [String], separator: Character = ",") {
        self.separator = separator
        append(header)
    }

    public mutating func append(_ cells: [String]) {
        guard let separatorByte = separator.asciiValue else {
            bytes += (cells.map { Self.quoted(Self.neutralised($0), separator: separator) }.joined(separator: String(separator)) + "\r\n").utf8
            return
        }
        for (index, cell) in cells.enumerated() {
            if index > 0 { bytes.append(separatorByte) }
            append(cell, separator: separatorByte)
        }
        bytes += [UInt8(ascii: "\r"), UInt8(ascii: "\n")]
    }

    public var text: String { String(decoding: bytes, as: UTF8.self) }

    /// One cell, neutralised and quoted as `quoted(neutralised(cell))` would, straight into `bytes`
    /// (every cell of every report comes through here). The separator is ASCII, and an ASCII byte
    /// never occurs inside a multi-byte UTF-8 character.
    private mutating func append(_ cell: String, separator: UInt8) {
        let utf8 = cell.utf8
        var needsQuotes = false, hasQuote = false
        for byte in utf8 {
            if byte == UInt8(ascii: "\"") { hasQuote = true; needsQuotes = true; break }
            if byte == separator || byte == UInt8(ascii: "\n") || byte == UInt8(ascii: "\r") { needsQuotes = true }
        }
        let neutralise: Bool
        switch utf8.first {
        case UInt8(ascii: "="), UInt8(ascii: "+"), UInt8(ascii: "-"), UInt8(ascii: "@"), UInt8(ascii: "\t"), UInt8(ascii: "\r"):
            neutralise = !Self.isPlainNumber(cell)
        default:
            neutralise = false
        }
        if needsQuotes { bytes.append(UInt8(ascii: "\"")) }
        if neutralise { bytes.append(UInt8(ascii: "'")) }
        if hasQuote {
            for byte in utf8 {
                if byte == UInt8(ascii: "\"") { bytes.append(byte) }
                bytes.append(byte)
            }
        } else {
            bytes += utf8
        }
        if needsQuotes { bytes.append(UInt8(ascii: "\"")) }
    }

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

    /// RFC 4180 quoting (`append` does the same on bytes when the separator is ASCII).
    static func quoted(_ cell: String, separator: Character) -> String {
        // On the bytes when the separator is ASCII: a comma followed by a combining mark is one
        // Character but still a comma to a CSV reader.
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
