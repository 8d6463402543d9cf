import Testing
import TestSupport
import CCHCCore
import Ingest

@Suite("CSVFile")
struct CSVFileTests {
    static let bom: [UInt8] = [0xEF, 0xBB, 0xBF]

    @Test("a UTF-8 byte-order mark is stripped")
    func utf8BOM() throws {
        let records = try readCSVFile(Self.bom + Array("unit_code,value\r\n03721,1\r\n".utf8))
        #expect(records.map(\.fields) == [["unit_code", "value"], ["03721", "1"]])
        #expect(records.map(\.line) == [1, 2])
    }

    @Test("a byte-order mark before a quoted first cell")
    func utf8BOMBeforeQuote() throws {
        let records = try readCSVFile(Self.bom + Array("\"unit_code\";value\n".utf8))
        #expect(records.map(\.fields) == [["unit_code", "value"]])
    }

    @Test("the delimiter is sniffed from the header line", arguments: [
        ("a;b;c\n1;2,5;3\n", [["a", "b", "c"], ["1", "2,5", "3"]]),
        ("a\tb\tc\n1\t2,5\t3\n", [["a", "b", "c"], ["1", "2,5", "3"]]),
        ("a,b,c\n1,\"2,5\",3\n", [["a", "b", "c"], ["1", "2,5", "3"]]),
        ("a\n1;2,3\n", [["a"], ["1;2", "3"]]),
        ("\"a;b;c\",d\n1,2\n", [["a;b;c", "d"], ["1", "2"]]),
        ("a;b,c;d\n1;2,3;4\n", [["a", "b,c", "d"], ["1", "2,3", "4"]]),
    ])
    func sniffing(text: String, expected: [[String]]) throws {
        #expect(try readCSVFile(Array(text.utf8)).map(\.fields) == expected)
        #expect(try readCSVFile(Self.bom + Array(text.utf8)).map(\.fields) == expected)
    }

    @Test("UTF-16 with a byte-order mark is converted, little- and big-endian", arguments: [false, true])
    func utf16(bigEndian: Bool) throws {
        let records = try readCSVFile(Legacy.utf16("unit_code;ghi_chú\r\n03721;\"Mường Bú\"\r\n", bigEndian: bigEndian))
        #expect(records.map(\.fields) == [["unit_code", "ghi_chú"], ["03721", "Mường Bú"]])
        #expect(records.map(\.line) == [1, 2])
    }

    @Test("UTF-16 with an unpaired surrogate is an unreadable encoding, with the path and no line or column")
    func utf16UnpairedSurrogate() throws {
        try withTemporaryDirectory { dir in
            let path = dir + "/u16.csv"
            try writeFile(Legacy.utf16("unit_code,value\r\n", bigEndian: false) + [0x00, 0xD8, 0x41, 0x00], to: path)
            var records: [CSVReader.Record] = []
            let error = ingestError { try CSVFile.read(path: path) { records.append($0) } }
            #expect(error?.code == .unreadableEncoding)
            #expect(error?.location == InputLocation(path: path))
        }
    }

    @Test("bytes that are not UTF-8 are refused", arguments: [
        Array("unit_code,note\n03721,".utf8) + [0xC3, 0x28] + Array("\n".utf8),
        Array("unit_code,note\n03721,".utf8) + [0xE3, 0x20] + Array("\n03724,x\n".utf8),
        // Windows-1258 "Mã" without a final newline: the bad field arrives only when the input ends.
        Array("unit_code,note\n03721,M".utf8) + [0xE3],
        [0xFF] + Array(",x\n".utf8),
    ])
    func invalidUTF8(bytes: [UInt8]) throws {
        try withTemporaryDirectory { dir in
            let path = dir + "/latin.csv"
            try writeFile(bytes, to: path)
            var records: [CSVReader.Record] = []
            let error = ingestError { try CSVFile.read(path: path) { records.append($0) } }
            #expect(error?.code == .unreadableEncoding)
            #expect(error?.location?.path == path)
            #expect(!records.contains { $0.fields.contains { $0.contains("\u{FFFD}") } }, "a record with replaced bytes was handed on")
        }
    }

    @Test("onBytes sees the original bytes, byte-order mark included")
    func originalBytes() throws {
        try withTemporaryDirectory { dir in
            let path = dir + "/raw.csv"
            let bytes = Self.bom + Array("a;b\r\n1;2\r\n".utf8)
            try writeFile(bytes, to: path)
            var seen: [UInt8] = []
            var count = 0
            try CSVFile.read(path: path, onBytes: { seen += $0 }, onRecord: { _ in count += 1 })
            #expect(seen == bytes)
            #expect(count == 2)
        }
    }

    @Test("files larger than one read chunk keep their lines and quoted fields")
    func largeFile() throws {
        var text = "unit_code,note\n"
        for i in 0..<10_000 { text += i % 100 == 0 ? "\(i),\"multi\nline, quoted\"\n" : "\(i),note number \(i)\n" }
        let bytes = Array(text.utf8)
        #expect(bytes.count > 2 * FileChunks.chunkSize)
        let records = try readCSVFile(Self.bom + bytes)
        #expect(records.count == 10_001)
        #expect(records.first?.fields == ["unit_code", "note"])
        #expect(records[1].fields == ["0", "multi\nline, quoted"])
        #expect(records.last?.fields == ["9999", "note number 9999"])
        // 10,000 data rows plus one extra line for each of the 100 quoted newlines.
        #expect(records.last?.line == 10_001 + 100)
    }

    @Test("an empty file has no records and no error")
    func emptyFile() throws {
        #expect(try readCSVFile([]).isEmpty)
        #expect(try readCSVFile(Self.bom).isEmpty)
    }

    @Test("malformed CSV carries the file's path, line and column")
    func malformedCarriesPath() throws {
        try withTemporaryDirectory { dir in
            let path = dir + "/bad.csv"
            try writeFile("a,b\n1,2\n3,\"open\n", to: path)
            let error = ingestError { try CSVFile.read(path: path) { _ in } }
            #expect(error?.code == .malformedCSV)
            #expect(error?.location == InputLocation(path: path, line: 3, column: 2))
            #expect(error?.description.hasPrefix("\(path):3:2: ") == true)
        }
    }

    @Test("a missing file is an unreadable-file error")
    func missingFile() throws {
        try withTemporaryDirectory { dir in
            let error = ingestError { try CSVFile.read(path: dir + "/missing.csv") { _ in } }
            #expect(error?.code == .unreadableFile)
            #expect(error?.location == InputLocation(path: dir + "/missing.csv"))
        }
    }
}
