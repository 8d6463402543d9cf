import Testing
import CCHCCore
import Ingest

@Suite("CSVReader")
struct CSVReaderTests {
    // MARK: - Line ends

    @Test("records and start lines with LF, CRLF and CR-only line ends", arguments: ["\n", "\r\n", "\r"])
    func lineEnds(newline: String) throws {
        let text = ["unit_code,value", "03721,95.5", "03724,80"].joined(separator: newline) + newline
        let records = try parseCSV(text)
        #expect(records.map(\.fields) == [["unit_code", "value"], ["03721", "95.5"], ["03724", "80"]])
        #expect(records.map(\.line) == [1, 2, 3])
    }

    @Test("no final newline: the last record comes from finish", arguments: ["\n", "\r\n", "\r"])
    func noFinalNewline(newline: String) throws {
        let reader = try CSVReader()
        let bytes = Array("a,b\(newline)c,d".utf8)
        let fed = try bytes.withUnsafeBytes { try reader.feed($0) }
        #expect(fed.map(\.fields) == [["a", "b"]])
        let last = try reader.finish()
        #expect(last.map(\.fields) == [["c", "d"]])
        #expect(last.map(\.line) == [2])
        #expect(try reader.finish().isEmpty)
    }

    @Test("blank lines between records are skipped but counted", arguments: ["\n", "\r\n", "\r"])
    func blankLinesBetween(newline: String) throws {
        let text = "h1,h2" + newline + newline + newline + "a,b" + newline + newline + "c,d" + newline
        let records = try parseCSV(text)
        #expect(records.map(\.fields) == [["h1", "h2"], ["a", "b"], ["c", "d"]])
        #expect(records.map(\.line) == [1, 4, 6])
    }

    @Test("blank trailing lines give no records", arguments: ["\n", "\r\n", "\r"])
    func blankTrailingLines(newline: String) throws {
        let text = "a,b" + newline + "c,d" + String(repeating: newline, count: 4)
        let reader = try CSVReader()
        var records = try Array(text.utf8).withUnsafeBytes { try reader.feed($0) }
        records += try reader.finish()
        #expect(records.map(\.fields) == [["a", "b"], ["c", "d"]])
        #expect(records.map(\.line) == [1, 2])
        #expect(reader.currentLine == 6)
    }

    @Test("mixed line ends in one file")
    func mixedLineEnds() throws {
        let records = try parseCSV("a\r\nb\nc\rd\r\n\ne")
        #expect(records.map(\.fields) == [["a"], ["b"], ["c"], ["d"], ["e"]])
        #expect(records.map(\.line) == [1, 2, 3, 4, 6])
    }

    // MARK: - Quoting

    @Test("quoted fields may hold delimiters")
    func quotedDelimiters() throws {
        let records = try parseCSV("\"a,b\",c,\"d;e\tf\"\n")
        #expect(records.map(\.fields) == [["a,b", "c", "d;e\tf"]])
    }

    @Test("doubled quotes stand for one quote")
    func doubledQuotes() throws {
        let records = try parseCSV("\"say \"\"xin chào\"\"\",\"\"\"\",\"\"\nnext,x\n")
        #expect(records.map(\.fields) == [["say \"xin chào\"", "\"", ""], ["next", "x"]])
        #expect(records.map(\.line) == [1, 2])
    }

    @Test("LF, CRLF and CR inside quotes are kept and counted", arguments: ["\n", "\r\n", "\r"])
    func quotedNewlines(newline: String) throws {
        let n = newline
        let text = "h1,h2\(n)\"line one\(n)line two\",x\(n)next,\"a\(n)\(n)b\"\(n)last,y\(n)"
        let records = try parseCSV(text)
        #expect(records.map(\.fields) == [["h1", "h2"], ["line one\(n)line two", "x"], ["next", "a\(n)\(n)b"], ["last", "y"]])
        #expect(records.map(\.line) == [1, 2, 4, 7])
    }

    @Test("a quoted newline in a later field still locates the next record")
    func quotedNewlineInLaterField() throws {
        let records = try parseCSV("a,b,\"c\nd\",e\nf,g\n")
        #expect(records.map(\.fields) == [["a", "b", "c\nd", "e"], ["f", "g"]])
        #expect(records.map(\.line) == [1, 3])
    }

    @Test("empty fields are kept")
    func emptyFields() throws {
        let records = try parseCSV(",,\na,,b\n")
        #expect(records.map(\.fields) == [["", "", ""], ["a", "", "b"]])
    }

    @Test("Vietnamese UTF-8 text passes through unchanged")
    func vietnamese() throws {
        let reader = try CSVReader()
        var records = try Array("Mã đơn vị,Ghi chú\n03721,\"Đã hoàn thành, đúng hạn\"\n".utf8).withUnsafeBytes { try reader.feed($0) }
        records += try reader.finish()
        #expect(records.map(\.fields) == [["Mã đơn vị", "Ghi chú"], ["03721", "Đã hoàn thành, đúng hạn"]])
        #expect(!reader.sawInvalidUTF8)
    }

    @Test("bytes that are not UTF-8 are flagged")
    func invalidUTF8() throws {
        let reader = try CSVReader()
        let bytes: [UInt8] = Array("a,b\n".utf8) + [0x4D, 0xE3, 0x20, 0x78] + Array(",c\n".utf8)
        _ = try bytes.withUnsafeBytes { try reader.feed($0) }
        _ = try reader.finish()
        #expect(reader.sawInvalidUTF8)
    }

    // MARK: - Delimiters

    @Test("other delimiters", arguments: [UInt8(ascii: ";"), UInt8(ascii: "\t")])
    func delimiters(delimiter: UInt8) throws {
        let d = String(UnicodeScalar(delimiter))
        let text = "a\(d)b\(d)c\n1\(d)\(d)95,5\n\"x\(d)y\"\(d)z\(d)w\n"
        let records = try parseCSV(text, delimiter: delimiter)
        #expect(records.map(\.fields) == [["a", "b", "c"], ["1", "", "95,5"], ["x\(d)y", "z", "w"]])
    }

    // MARK: - Feeding

    static let tricky = [
        "unit_code,value,note\r\n03721,95.5,\"a, b\"\r\n\r\n03724,\"80\",\"say \"\"hi\"\"\r\nnew line\"\r\nx,y,z",
        "h\n\"Mã đơn vị\nthứ hai\",Ghi chú\n\n\nlast,\"q\"\"\"\n\n",
        "a\rb\r\r\"c\rd\",e\rf",
        "",
        "\n\n\n",
        "only",
    ]

    @Test("fed one byte at a time gives the same records as all at once", arguments: tricky)
    func byteAtATime(text: String) throws {
        let whole = try parseCSV(text)
        let bytewise = try parseCSV(text, pieceSize: 1)
        #expect(bytewise == whole)
        #expect(try parseCSV(text, pieceSize: 3) == whole)
    }

    @Test("the tricky inputs parse as expected")
    func trickyExpected() throws {
        let first = try parseCSV(Self.tricky[0])
        #expect(first.map(\.fields) == [
            ["unit_code", "value", "note"], ["03721", "95.5", "a, b"], ["03724", "80", "say \"hi\"\r\nnew line"], ["x", "y", "z"],
        ])
        #expect(first.map(\.line) == [1, 2, 4, 6])
        let second = try parseCSV(Self.tricky[1])
        #expect(second.map(\.fields) == [["h"], ["Mã đơn vị\nthứ hai", "Ghi chú"], ["last", "q\""]])
        #expect(second.map(\.line) == [1, 2, 6])
        let third = try parseCSV(Self.tricky[2])
        #expect(third.map(\.fields) == [["a"], ["b"], ["c\rd", "e"], ["f"]])
        #expect(third.map(\.line) == [1, 2, 4, 6])
        #expect(try parseCSV(Self.tricky[3]).isEmpty)
        #expect(try parseCSV(Self.tricky[4]).isEmpty)
        #expect(try parseCSV(Self.tricky[5]).map(\.fields) == [["only"]])
    }

    // MARK: - Malformed input

    @Test("an unterminated quote is located where its record starts", arguments: [1, nil] as [Int?])
    func unterminatedQuote(pieceSize: Int?) {
        let text = "a,b\nc,\"open\nmore\nstill open\n"
        let error = ingestError { _ = try parseCSV(text, pieceSize: pieceSize) }
        #expect(error?.code == .malformedCSV)
        #expect(error?.location?.line == 2)
        #expect(error?.location?.column == 2)
    }

    @Test("an unterminated quote in the first field, after a multi-line record")
    func unterminatedQuoteFirstField() {
        let text = "h\r\n\"x\r\ny\"\r\n\"open\r\nz\r\n"
        let error = ingestError { _ = try parseCSV(text) }
        #expect(error?.code == .malformedCSV)
        #expect(error?.location?.line == 4)
        #expect(error?.location?.column == 1)
    }

    @Test("a quote inside an unquoted field is malformed")
    func strayQuote() {
        let error = ingestError { _ = try parseCSV("a,b\nc,d\"e\n") }
        #expect(error?.code == .malformedCSV)
        #expect(error?.location?.line == 2)
        #expect(error?.location?.column == 2)
    }

    @Test("text after a closing quote is malformed")
    func textAfterClosingQuote() {
        let error = ingestError { _ = try parseCSV("h\n\"ab\"c,d\n") }
        #expect(error?.code == .malformedCSV)
        #expect(error?.location?.line == 2)
        #expect(error?.location?.column == 1)
    }

    // MARK: - Normalisation

    /// Compared scalar by scalar: `==` on Strings already treats NFC and NFD as equal.
    @Test("fields come out in NFC: precomposed Vietnamese as written, decomposed marks and singletons composed",
          arguments: [
              ("Xã Mường Bú – “đạt”", "Xã Mường Bú – “đạt”"),
              ("Vie\u{0302}\u{0323}t", "Vi\u{1EC7}t"),  // NFD: e + circumflex + dot below
              ("\u{2126} 5", "\u{03A9} 5"),  // OHM SIGN, NFC's singleton for capital omega
              ("A\u{030A}", "\u{00C5}"),
          ])
    func normalisedFields(written: String, expected: String) throws {
        let records = try parseCSV("a,\"\(written)\"\n")
        #expect(records.first.map { $0.fields.map { Array($0.unicodeScalars) } } == [Array("a".unicodeScalars), Array(expected.unicodeScalars)])
    }
}
