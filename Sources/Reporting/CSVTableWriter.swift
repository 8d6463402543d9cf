import Foundation

/// Builds a CSV document the way Excel users need it: UTF-8 with BOM, CRLF line ends, RFC 4180
/// quoting, and text cells that a spreadsheet would run as a formula (`= + - @`, tab, CR) neutralised
/// with a leading `'` unless the cell is a plain number.
public struct CSVTableWriter {
    /// The document so far, UTF-8 with its byte-order mark.
    public private(set) var bytes: [UInt8] = [0xEF, 0xBB, 0xBF]
    let separator: Character
    /// `separator` as a byte, nil outside ASCII.
    private let separatorByte: UInt8?

    public init(header: [String], separator: Character = ",") {
        self.separator = separator
        separatorByte = separator.asciiValue
        append(header)
    }

    public mutating func append(_ cells: [String]) {
        for cell in cells { self.cell(cell) }
        endRow()
    }

    /// Whether the next cell starts a row (no separator before it).
    private var atRowStart = true

    /// One cell of the current row, neutralised and quoted: `append` cell by cell, without an array
    /// of the row's cells (the long files write a few hundred thousand cells per batch).
    mutating func cell(_ text: String) {
        guard let separatorByte else {
            if !atRowStart { bytes += String(separator).utf8 }
            atRowStart = false
            bytes += Self.quoted(Self.neutralised(text), separator: separator).utf8
            return
        }
        var text = text
        text.withUTF8 { cell(utf8: $0, separator: separatorByte) }
    }

    /// A cell given as UTF-8 bytes (a number formatted on the stack), written as `cell` would.
    mutating func cell(utf8: UnsafeBufferPointer<UInt8>) {
        guard let separatorByte else { return cell(String(decoding: utf8, as: UTF8.self)) }
        cell(utf8: utf8, separator: separatorByte)
    }

    /// Ends the current row: CRLF.
    mutating func endRow() {
        bytes.append(UInt8(ascii: "\r"))
        bytes.append(UInt8(ascii: "\n"))
        atRowStart = true
    }

    public var text: String { String(decoding: bytes, as: UTF8.self) }

    /// One cell, neutralised and quoted as `quoted(neutralised(cell))` would, straight into `bytes`
    /// (every cell of every report comes through here). The separator is ASCII, and an ASCII byte
    /// never occurs inside a multi-byte UTF-8 character.
    private mutating func cell(utf8: UnsafeBufferPointer<UInt8>, separator: UInt8) {
        if !atRowStart { bytes.append(separator) }
        atRowStart = false
        var needsQuotes = false, hasQuote = false
        for byte in utf8 {
            if byte == UInt8(ascii: "\"") { hasQuote = true; needsQuotes = true; break }
            if byte == separator || byte == UInt8(ascii: "\n") || byte == UInt8(ascii: "\r") { needsQuotes = true }
        }
        let neutralise: Bool
        switch utf8.first {
        case UInt8(ascii: "="), UInt8(ascii: "+"), UInt8(ascii: "-"), UInt8(ascii: "@"), UInt8(ascii: "\t"), UInt8(ascii: "\r"):
            neutralise = !Self.isPlainNumber(utf8)
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
            bytes.append(contentsOf: utf8)
        }
        if needsQuotes { bytes.append(UInt8(ascii: "\"")) }
    }

    static func neutralised(_ cell: String) -> String {
        guard let first = cell.unicodeScalars.first, "=+-@\t\r".unicodeScalars.contains(first) else { return cell }
        if isPlainNumber(cell) { return cell }
        return "'" + cell
    }

    /// `isPlainNumber` on the bytes: a byte outside ASCII is part of a character that is neither a
    /// digit nor a mark, so the answer is the same.
    static func isPlainNumber(_ utf8: UnsafeBufferPointer<UInt8>) -> Bool {
        var body = utf8[...]
        if body.first == UInt8(ascii: "-") || body.first == UInt8(ascii: "+") { body = body.dropFirst() }
        var sawDigit = false, sawMark = false
        for byte in body {
            if byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") { sawDigit = true }
            else if byte == UInt8(ascii: ".") || byte == UInt8(ascii: ","), !sawMark { sawMark = true }
            else { return false }
        }
        return sawDigit
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
