import Testing
import TestSupport
@testable import Ingest

/// The byte-level pieces the submission validator reads cells with must agree with the `String`
/// operations they replace (issue 7).
@Suite("Cells as bytes")
struct RawRecordTests {
    /// Short strings of the characters that make trimming and NFC interesting.
    static func randomCell(using generator: inout SplitMix) -> String {
        let pieces = [" ", "\t", "\r", "\n", "\r\n", "a", "7", ".", ",", "đ", "ế", "e\u{301}", "\u{301}", "\u{600}", "\u{200D}", "🇻🇳", "\u{FEFF}"]
        let count = Int.random(in: 0...6, using: &generator)
        return (0..<count).map { _ in pieces.randomElement(using: &generator)! }.joined()
    }

    @Test("trimmedRange cuts what trimmingASCIIWhitespace cuts, on 20,000 random cells")
    func trimmedRangeMatchesStringTrimming() {
        var generator = SplitMix(seed: 7)
        for _ in 0..<20_000 {
            let cell = Self.randomCell(using: &generator)
            let bytes = Array(cell.utf8)
            let trimmed = bytes.withUnsafeBufferPointer { field in
                String(decoding: UnsafeBufferPointer(rebasing: field[SubmissionValidator.trimmedRange(field)]), as: UTF8.self)
            }
            #expect(Array(trimmed.utf8) == Array(cell.trimmingASCIIWhitespace().utf8), "\(Array(cell.unicodeScalars.map(\.value)))")
        }
    }

    @Test("a space before a combining mark is part of a character, not trimmed")
    func spaceBeforeCombiningMark() {
        let cell = Array(" \u{301}x ".utf8)
        let range = cell.withUnsafeBufferPointer { SubmissionValidator.trimmedRange($0) }
        #expect(range == 0..<(cell.count - 1))
    }

    @Test("raw records hold the fields the String records hold, whatever the pieces fed")
    func rawRecordsMatchRecords() throws {
        var generator = SplitMix(seed: 11)
        let pieces = ["a", "đ", "e\u{301}", ",", ",", "\"x,y\"", "\"q\"\"q\"", "\n", "\r\n", " ", "95,5", "\"line\nbreak\""]
        for _ in 0..<500 {
            let text = (0..<Int.random(in: 0...40, using: &generator)).map { _ in pieces.randomElement(using: &generator)! }.joined()
            let bytes = Array(text.utf8)
            let expected: [CSVReader.Record]
            do { expected = try parseCSV(bytes) } catch { continue }
            let reader = try CSVReader()
            var raw: [CSVReader.Record] = []
            var start = 0
            let piece = Int.random(in: 1...8, using: &generator)
            while start < bytes.count {
                let end = min(start + piece, bytes.count)
                try bytes[start..<end].withUnsafeBytes { try reader.parse($0) }
                reader.takeRecords { record in
                    #expect((0..<record.count).map { String(decoding: record[$0], as: UTF8.self) } == (0..<record.count).map(record.string))
                    raw.append(CSVReader.Record(record))
                }
                start = end
            }
            try reader.parseEnd()
            reader.takeRecords { raw.append(CSVReader.Record($0)) }
            #expect(raw == expected, "\(text.debugDescription)")
        }
    }

    @Test("CodeIndex finds what a dictionary of the codes finds, NFC or not")
    func codeIndexMatchesDictionary() {
        let codes = ["CT1.01", "CT1.02", "A", "", "đ", "e\u{301}x", "ếx", "LONG.CODE.OVER.FIFTEEN.BYTES", "CT1.0"]
        let index = CodeIndex(codes.enumerated().map { ($1, $0) })
        let dictionary = Dictionary(codes.enumerated().map { ($1, $0) }, uniquingKeysWith: { first, _ in first })
        for probe in codes + ["CT1.010", "ct1.01", "ex", "\u{e9}x", "CT1", "LONG.CODE.OVER.FIFTEEN.BYTE"] {
            // Cells come in NFC from the reader.
            let cell = Array(probe.precomposedStringWithCanonicalMapping.utf8)
            let found = cell.withUnsafeBufferPointer { index.number(of: $0) }
            #expect(found == dictionary[probe], "\(probe.debugDescription)")
        }
    }

    @Test("GrowingBuffer appends, grows and drops from the front")
    func growingBuffer() {
        var buffer = GrowingBuffer<Int>(capacity: 2)
        var mirror: [Int] = []
        for value in 0..<100 {
            buffer.append(value)
            mirror.append(value)
        }
        let more = Array(100..<350)
        more.withUnsafeBufferPointer { buffer.append(contentsOf: $0) }
        mirror += more
        #expect(Array(buffer.elements) == mirror)
        buffer.removeFirst(123)
        mirror.removeFirst(123)
        #expect(Array(buffer.elements) == mirror)
        buffer.reserve(10)
        for offset in 0..<10 { (buffer.base + buffer.count + offset).initialize(to: -offset) }
        buffer.commit(10)
        mirror += (0..<10).map { -$0 }
        #expect(Array(buffer.elements) == mirror)
        buffer.removeAll()
        let isEmpty = buffer.isEmpty
        #expect(isEmpty)
    }
}
