import CCSV
import CCHCCore
import Foundation

/// A streaming CSV parser over libcsv: feed it bytes in chunks of any size, get back records with
/// the 1-based physical line where each starts. Memory holds the records one chunk completes.
///
/// libcsv calls back into C function pointers; those only append to `State` (never throw), and the
/// Swift side hands finished records to the caller after `csv_parse` returns.
public final class CSVReader {
    /// One CSV record: its fields (decoded as UTF-8, in NFC) and the physical line where it starts.
    public struct Record: Sendable, Equatable {
        public var fields: [String]
        public var line: Int

        public init(fields: [String], line: Int) {
            self.fields = fields
            self.line = line
        }

        public init(_ raw: RawRecord) {
            self.init(fields: (0..<raw.count).map(raw.string), line: raw.line)
        }
    }

    /// One CSV record as its fields' UTF-8 bytes (in NFC), borrowed from the reader: valid only
    /// during the call that hands it over. What the submission validator reads, so a cell becomes a
    /// `String` only when one is needed (issue 7).
    public struct RawRecord {
        /// The reader's field bytes; this record's begin at `start`.
        private let bytes: UnsafeBufferPointer<UInt8>
        private let start: Int
        /// Where each of this record's fields ends in `bytes` (the next one starts there).
        private let ends: UnsafeBufferPointer<Int>
        public let line: Int

        init(bytes: UnsafeBufferPointer<UInt8>, start: Int, ends: UnsafeBufferPointer<Int>, line: Int) {
            self.bytes = bytes
            self.start = start
            self.ends = ends
            self.line = line
        }

        public var count: Int { ends.count }

        /// The bytes of field `index` (0-based, below `count`).
        public subscript(index: Int) -> UnsafeBufferPointer<UInt8> {
            let from = index == 0 ? start : ends[index - 1]
            return UnsafeBufferPointer(rebasing: bytes[from..<ends[index]])
        }

        public func string(_ index: Int) -> String {
            String(decoding: self[index], as: UTF8.self)
        }
    }

    /// What the C callbacks build, reached through a pointer: appending a field costs neither
    /// reference counting nor exclusivity checks (issue 7).
    struct State: ~Copyable {
        /// The fields of the records completed since the last `takeRecords`, then those of the
        /// record being read, back to back.
        var bytes = GrowingBuffer<UInt8>(capacity: 4096)
        /// Where each field in `bytes` ends.
        var fieldEnds = GrowingBuffer<Int>(capacity: 256)
        /// Each completed record: the index in `fieldEnds` after its last field, and its line.
        var records = GrowingBuffer<CompletedRecord>(capacity: 64)
        /// The index in `fieldEnds` of the first field of the record being read.
        var recordFirstField = 0
        var recordStartLine: Int?
        var line = 1
        var lastTerminatorWasCR = false
        var sawFieldSinceTerminator = false
        var sawInvalidUTF8 = false

        struct CompletedRecord {
            var fieldsEnd: Int
            var line: Int
        }

        /// Fields of the record being read so far.
        var openFields: Int { fieldEnds.count - recordFirstField }

        mutating func field(_ raw: UnsafeRawBufferPointer) {
            if recordStartLine == nil { recordStartLine = line }
            let units = raw.assumingMemoryBound(to: UInt8.self)
            // Copied while looking for non-ASCII bytes and line breaks: fields are short, one pass
            // beats a scan and a `memcpy` call (issue 7).
            var high: UInt8 = 0
            var low: UInt8 = 0xFF
            bytes.reserve(units.count)
            let end = bytes.base + bytes.count
            for index in 0..<units.count {
                let byte = units[index]
                end[index] = byte
                high |= byte
                low = min(low, byte)
            }
            if high < 0x80 {
                // Always valid, already NFC.
                bytes.commit(units.count)
            } else if let text = String(validating: units, as: UTF8.self) {
                // NFD (decomposed tone marks) and NFC text must load identically.
                if text.isPrecomposedVietnamese {
                    bytes.commit(units.count)
                } else {
                    append(text.precomposedStringWithCanonicalMapping)
                }
            } else {
                sawInvalidUTF8 = true
                append(String(decoding: units, as: UTF8.self))
            }
            fieldEnds.append(bytes.count)
            sawFieldSinceTerminator = true
            // No byte as low as CR: no line break.
            guard low <= 0x0D else { return }
            // Quoted fields may hold newlines: count them so later records get their physical line.
            var previousWasCR = false
            for byte in units {
                if byte == 0x0A {
                    if !previousWasCR { line += 1 }
                    previousWasCR = false
                } else if byte == 0x0D {
                    line += 1
                    previousWasCR = true
                } else {
                    previousWasCR = false
                }
            }
        }

        private mutating func append(_ text: String) {
            var text = text
            text.withUTF8 { bytes.append(contentsOf: $0) }
        }

        mutating func endOfRecord(_ terminator: Int32) {
            if openFields > 0 {
                records.append(CompletedRecord(fieldsEnd: fieldEnds.count, line: recordStartLine ?? line))
                recordFirstField = fieldEnds.count
                recordStartLine = nil
            }
            switch terminator {
            case Int32(CSV_CR):
                line += 1
                lastTerminatorWasCR = true
            case Int32(CSV_LF):
                if !(lastTerminatorWasCR && !sawFieldSinceTerminator) { line += 1 }
                lastTerminatorWasCR = false
            default:
                lastTerminatorWasCR = false
            }
            sawFieldSinceTerminator = false
        }

        /// Calls `body` with each completed record, then keeps only the record being read.
        mutating func takeRecords(_ body: (RawRecord) throws -> Void) rethrows {
            defer { dropCompleted() }
            let bytes = bytes.elements, ends = fieldEnds.elements
            var firstField = 0
            for record in records.elements {
                let start = firstField == 0 ? 0 : ends[firstField - 1]
                try body(RawRecord(bytes: bytes, start: start, ends: UnsafeBufferPointer(rebasing: ends[firstField..<record.fieldsEnd]), line: record.line))
                firstField = record.fieldsEnd
            }
        }

        private mutating func dropCompleted() {
            records.removeAll()
            guard recordFirstField > 0 else { return }
            let byteStart = fieldEnds[recordFirstField - 1]
            bytes.removeFirst(byteStart)
            fieldEnds.removeFirst(recordFirstField)
            for index in 0..<fieldEnds.count { fieldEnds[index] -= byteStart }
            recordFirstField = 0
        }
    }

    private var parser = csv_parser()
    private let state = UnsafeMutablePointer<State>.allocate(capacity: 1)
    private var finished = false

    /// A parser splitting fields on `delimiter` (a single ASCII byte: `,`, `;` or tab).
    public init(delimiter: UInt8 = UInt8(ascii: ",")) throws(IngestError) {
        state.initialize(to: State())
        guard csv_init(&parser, UInt8(CSV_STRICT | CSV_STRICT_FINI | CSV_REPALL_NL)) == 0 else {
            state.deinitialize(count: 1)
            state.deallocate()
            throw IngestError(code: .malformedCSV, message: "cannot initialise the CSV parser")
        }
        csv_set_delim(&parser, delimiter)
    }

    deinit {
        csv_free(&parser)
        state.deinitialize(count: 1)
        state.deallocate()
    }

    /// The physical line the parser has reached (1-based).
    public var currentLine: Int { state.pointee.line }

    /// Whether some field so far was not valid UTF-8 (its bytes were replaced by U+FFFD).
    public var sawInvalidUTF8: Bool { state.pointee.sawInvalidUTF8 }

    /// Parses `bytes` (`csv_parse`) and returns the records completed by them.
    public func feed(_ bytes: UnsafeRawBufferPointer) throws(IngestError) -> [Record] {
        try parse(bytes)
        return strings()
    }

    /// Ends the input (`csv_fini`) and returns the last record, if the data did not end with a newline.
    /// Throws when a quoted field was never closed.
    public func finish() throws(IngestError) -> [Record] {
        try parseEnd()
        return strings()
    }

    /// Parses `bytes` (`csv_parse`); the records they complete wait for `takeRecords`.
    public func parse(_ bytes: UnsafeRawBufferPointer) throws(IngestError) {
        let parsed = csv_parse(&parser, bytes.baseAddress, bytes.count, fieldCallback, recordCallback, state)
        if parsed != bytes.count { throw malformed() }
    }

    /// Ends the input (`csv_fini`): the last record, if the data did not end with a newline, waits
    /// for `takeRecords`. Throws when a quoted field was never closed.
    public func parseEnd() throws(IngestError) {
        guard !finished else { return }
        finished = true
        if csv_fini(&parser, fieldCallback, recordCallback, state) != 0 { throw malformed() }
    }

    /// Calls `body` with each record completed since the last call, in order, then forgets them.
    public func takeRecords(_ body: (RawRecord) throws -> Void) rethrows {
        try state.pointee.takeRecords(body)
    }

    private func strings() -> [Record] {
        var records: [Record] = []
        takeRecords { records.append(Record($0)) }
        return records
    }

    /// A strict-mode parse error, located at the start of the record being read: for an
    /// unterminated quote that is where the quote opens (fields complete only at their end).
    private func malformed() -> IngestError {
        let line = state.pointee.recordStartLine ?? state.pointee.line
        let column = state.pointee.openFields + 1
        let code = csv_error(&parser)
        let quoteProblem = code == CSV_EPARSE
        return IngestError(
            code: .malformedCSV, location: InputLocation(path: "", line: line, column: column),
            message: quoteProblem
                ? "malformed CSV: a quoted field is not closed, or a quote stands inside an unquoted field; expected \"text\" with inner quotes doubled"
                : "malformed CSV: \(String(cString: csv_strerror(code)))",
            messageVi: quoteProblem
                ? "tệp CSV sai định dạng: một ô có dấu ngoặc kép mở mà không đóng, hoặc dấu ngoặc kép nằm giữa ô; cần dạng \"nội dung\" và dấu ngoặc kép bên trong phải gấp đôi"
                : "tệp CSV sai định dạng")
    }

}

private func fieldCallback(_ data: UnsafeMutableRawPointer?, _ length: Int, _ context: UnsafeMutableRawPointer?) {
    guard let context else { return }
    context.assumingMemoryBound(to: CSVReader.State.self).pointee.field(UnsafeRawBufferPointer(start: data, count: data == nil ? 0 : length))
}

private func recordCallback(_ terminator: Int32, _ context: UnsafeMutableRawPointer?) {
    guard let context else { return }
    context.assumingMemoryBound(to: CSVReader.State.self).pointee.endOfRecord(terminator)
}

extension String {
    /// Whether the text is certainly in NFC already, judged from its characters alone: true when
    /// every one is a character UAX #15 marks NFC_Quick_Check=Yes with combining class 0 — ASCII,
    /// Latin-1 to U+02FF, the precomposed Vietnamese letters (U+1E00–U+1EFF), dashes and quotes, the
    /// currency signs. Foundation's NFC mapping cost more than the rest of the parsing (issue 7);
    /// anything else (combining marks, NFD) still goes through it.
    var isPrecomposedVietnamese: Bool {
        unicodeScalars.allSatisfy { scalar in
            switch scalar.value {
            case 0..<0x300, 0x1E00...0x1EFF, 0x2010...0x2027, 0x20A0...0x20BF: true
            default: false
            }
        }
    }
}
