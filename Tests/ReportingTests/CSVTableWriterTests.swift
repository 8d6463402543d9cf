import Testing
import Reporting

@Suite("CSVTableWriter")
struct CSVTableWriterTests {
    static let bom: [UInt8] = [0xEF, 0xBB, 0xBF]

    /// The document for one header row and one data row, without the byte-order mark.
    static func body(header: [String] = ["a"], _ cells: [String], separator: Character = ",") -> String {
        var table = CSVTableWriter(header: header, separator: separator)
        table.append(cells)
        return String(decoding: table.bytes.dropFirst(3), as: UTF8.self)
    }

    /// How one data cell is written (the line without its CRLF).
    static func written(_ cell: String, separator: Character = ",") -> String {
        let text = body([cell], separator: separator)
        let dataLine = text.utf8.dropFirst("a\r\n".utf8.count)
        return String(decoding: dataLine.dropLast(2), as: UTF8.self)
    }

    @Test("starts with a UTF-8 byte-order mark and ends every row with CRLF")
    func bomAndCRLF() {
        var table = CSVTableWriter(header: ["rank", "unit_code", "unit_name"])
        table.append(["1", "03721", "Xã Mường Bú"])
        table.append(["", "03724", ""])
        #expect(Array(table.bytes.prefix(3)) == Self.bom)
        #expect(table.bytes == Self.bom + Array("rank,unit_code,unit_name\r\n1,03721,Xã Mường Bú\r\n,03724,\r\n".utf8))
        #expect(table.text == "\u{FEFF}rank,unit_code,unit_name\r\n1,03721,Xã Mường Bú\r\n,03724,\r\n")
    }

    @Test("a table with only its header")
    func headerOnly() {
        let table = CSVTableWriter(header: ["file", "line", "column", "unit_code", "error"])
        #expect(table.bytes == Self.bom + Array("file,line,column,unit_code,error\r\n".utf8))
    }

    @Test("RFC 4180 quoting of commas, quotes and line breaks", arguments: [
        ("a,b", "\"a,b\""),
        ("say \"hi\"", "\"say \"\"hi\"\"\""),
        ("\"", "\"\"\"\""),
        ("line one\nline two", "\"line one\nline two\""),
        ("line one\r\nline two", "\"line one\r\nline two\""),
        ("a\rb", "\"a\rb\""),
        ("Tỷ lệ hồ sơ, đúng hạn", "\"Tỷ lệ hồ sơ, đúng hạn\""),
        ("plain text", "plain text"),
        ("semi;colon", "semi;colon"),
        ("", ""),
    ])
    func quoting(cell: String, expected: String) {
        #expect(Self.written(cell) == expected)
    }

    @Test("quoting follows the separator")
    func otherSeparator() {
        #expect(Self.written("a;b", separator: ";") == "\"a;b\"")
        #expect(Self.written("a,b", separator: ";") == "a,b")
        #expect(Self.body(header: ["x", "y"], ["1,5", "z"], separator: ";") == "x;y\r\n1,5;z\r\n")
    }

    @Test("cells a spreadsheet would run as a formula get a leading quote", arguments: [
        ("=cmd|' /C calc'!A0", "'=cmd|' /C calc'!A0"),
        ("+1+2", "'+1+2"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("-x", "'-x"),
        ("=1", "'=1"),
        ("-", "'-"),
        ("+", "'+"),
        ("-1-1", "'-1-1"),
        ("-1.2.3", "'-1.2.3"),
        ("--1", "'--1"),
        ("-1e5", "'-1e5"),
        ("\tcmd", "'\tcmd"),
        ("\t=1", "'\t=1"),
        ("\rcmd", "\"'\rcmd\""),
        ("=HYPERLINK(\"http://x\",\"a\")", "\"'=HYPERLINK(\"\"http://x\"\",\"\"a\"\")\""),
        ("=1,2", "\"'=1,2\""),
        ("@\nx", "\"'@\nx\""),
    ])
    func neutralised(cell: String, expected: String) {
        #expect(Self.written(cell) == expected)
    }

    @Test("numbers and ordinary text are left alone", arguments: [
        "-2", "-3.5", "+4", "0", "12", "88.11", "-0.01", "+0.5", "a=b", "x-1", "Hà Nội", " =not first", "1+1",
    ])
    func leftAlone(cell: String) {
        #expect(Self.written(cell) == cell)
    }

    @Test("a number with a decimal comma is quoted but not neutralised")
    func decimalCommaNumber() {
        #expect(Self.written("-2,5") == "\"-2,5\"")
        #expect(Self.written("-2,5", separator: ";") == "-2,5")
    }

    @Test("several cells on a row, each treated on its own")
    func rowOfCells() {
        let text = Self.body(header: ["a", "b", "c", "d"], ["-2", "=x", "a,b", "@y"])
        #expect(text == "a,b,c,d\r\n-2,'=x,\"a,b\",'@y\r\n")
    }
}
