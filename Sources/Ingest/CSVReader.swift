import CCSV
import CCHCCore
import Foundation

/// A streaming CSV parser over libcsv: feed it bytes in chunks of any size, get back records with
/// the 1-based physical line where each starts. Memory holds one record at a time.
///
/// libcsv calls back into C function pointers; those only append to `State` (never throw), and the
/// Swift side hands finished records to the caller after `csv_parse` returns.
public final class CSVReader {
    /// One CSV record: its fields (decoded as UTF-8, in NFC) and the physical line where it starts.
    public struct Record: Sendable, Equatable {
        public var fields: [String]
        public var line: Int
    }

    final class State {
        var fields: [String] = []
        var recordStartLine: Int?
        var line = 1
        var lastTerminatorWasCR = false
        var sawFieldSinceTerminator = false
        var finished: [Record] = []
        var sawInvalidUTF8 = false

        func field(_ bytes: UnsafeRawBufferPointer) {
            if recordStartLine == nil { recordStartLine = line }
            var isASCII = true
            var hasLineBreak = false
            for byte in bytes {
                isASCII = isASCII && byte < 0x80
                hasLineBreak = hasLineBreak || byte == 0x0A || byte == 0x0D
            }
            let units = UnsafeBufferPointer(start: bytes.baseAddress?.assumingMemoryBound(to: UInt8.self), count: bytes.count)
            if isASCII {
                // Always valid, already NFC; `String(validating:)` cost more than the rest of the field (issue 7).
                fields.append(String(decoding: units, as: UTF8.self))
            } else if let text = String(validating: units, as: UTF8.self) {
                // NFD (decomposed tone marks) and NFC text must load identically.
                fields.append(text.isPrecomposedVietnamese ? text : text.precomposedStringWithCanonicalMapping)
            } else {
                sawInvalidUTF8 = true
                fields.append(String(decoding: bytes, as: UTF8.self))
            }
            sawFieldSinceTerminator = true
            guard hasLineBreak else { return }
            // Quoted fields may hold newlines: count them so later records get their physical line.
            var previousWasCR = false
            for byte in bytes {
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

        func endOfRecord(_ terminator: Int32) {
            if !fields.isEmpty {
                finished.append(Record(fields: fields, line: recordStartLine ?? line))
                fields.removeAll(keepingCapacity: true)
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
    }

    private var parser = csv_parser()
    private let state = State()
    private var finished = false

    /// A parser splitting fields on `delimiter` (a single ASCII byte: `,`, `;` or tab).
    public init(delimiter: UInt8 = UInt8(ascii: ",")) throws(IngestError) {
        guard csv_init(&parser, UInt8(CSV_STRICT | CSV_STRICT_FINI | CSV_REPALL_NL)) == 0 else {
            throw IngestError(code: .malformedCSV, message: "cannot initialise the CSV parser")
        }
        csv_set_delim(&parser, delimiter)
    }

    deinit {
        csv_free(&parser)
    }

    /// The physical line the parser has reached (1-based).
    public var currentLine: Int { state.line }

    /// Whether some field so far was not valid UTF-8 (its bytes were replaced by U+FFFD).
    public var sawInvalidUTF8: Bool { state.sawInvalidUTF8 }

    /// Parses `bytes` (`csv_parse`) and returns the records completed by them.
    public func feed(_ bytes: UnsafeRawBufferPointer) throws(IngestError) -> [Record] {
        let unmanaged = Unmanaged.passUnretained(state).toOpaque()
        let parsed = csv_parse(&parser, bytes.baseAddress, bytes.count, fieldCallback, recordCallback, unmanaged)
        if parsed != bytes.count { throw malformed() }
        return takeFinished()
    }

    /// Ends the input (`csv_fini`) and returns the last record, if the data did not end with a newline.
    /// Throws when a quoted field was never closed.
    public func finish() throws(IngestError) -> [Record] {
        guard !finished else { return [] }
        finished = true
        let unmanaged = Unmanaged.passUnretained(state).toOpaque()
        if csv_fini(&parser, fieldCallback, recordCallback, unmanaged) != 0 { throw malformed() }
        return takeFinished()
    }

    /// A strict-mode parse error, located at the start of the record being read: for an
    /// unterminated quote that is where the quote opens (fields complete only at their end).
    private func malformed() -> IngestError {
        let line = state.recordStartLine ?? state.line
        let column = state.fields.count + 1
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

    private func takeFinished() -> [Record] {
        defer { state.finished.removeAll(keepingCapacity: true) }
        return state.finished
    }
}

private func fieldCallback(_ data: UnsafeMutableRawPointer?, _ length: Int, _ context: UnsafeMutableRawPointer?) {
    guard let context else { return }
    let state = Unmanaged<CSVReader.State>.fromOpaque(context).takeUnretainedValue()
    state.field(UnsafeRawBufferPointer(start: data, count: data == nil ? 0 : length))
}

private func recordCallback(_ terminator: Int32, _ context: UnsafeMutableRawPointer?) {
    guard let context else { return }
    Unmanaged<CSVReader.State>.fromOpaque(context).takeUnretainedValue().endOfRecord(terminator)
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
