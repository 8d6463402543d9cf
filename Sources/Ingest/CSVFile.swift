import CCHCCore

/// Streams the records of a CSV file on disk: detects its encoding (`EncodingDetector`) and converts
/// it to UTF-8 on the way, strips a byte-order mark, and sniffs the delimiter (`,` `;` or tab) from
/// the header line. Memory holds one chunk and one record whatever the file's size.
public enum CSVFile {
    /// Reads `path`, handing every raw chunk to `onBytes` (to archive or hash the original) and every
    /// record to `onRecord`. `encoding` skips detection when the caller already knows it. Returns the
    /// encoding read. Errors carry `path`.
    @discardableResult
    public static func read(
        path: String,
        encoding known: TextEncoding? = nil,
        onBytes: (UnsafeRawBufferPointer) throws -> Void = { _ in },
        onRecord: (CSVReader.Record) throws -> Void
    ) throws -> TextEncoding {
        try read(source: .file(path: path), encoding: known, onBytes: onBytes, onRecord: onRecord)
    }

    /// `read(path:)` over a file on disk or bytes already in memory.
    @discardableResult
    public static func read(
        source: ByteSource,
        encoding known: TextEncoding? = nil,
        onBytes: (UnsafeRawBufferPointer) throws -> Void = { _ in },
        onRecord: (CSVReader.Record) throws -> Void
    ) throws -> TextEncoding {
        let path = source.path
        var reader: CSVReader?
        do {
            let encoding = try known ?? EncodingDetector.detect(source: source)
            let transcoder = try encoding.makeTranscoder()
            var markLeft = encoding.byteOrderMarkLength
            func parse(_ text: UnsafeRawBufferPointer) throws {
                if reader == nil {
                    guard !text.isEmpty else { return }
                    reader = try CSVReader(delimiter: sniffDelimiter(text))
                }
                guard let reader else { return }
                let records = try reader.feed(text)
                // Checked before handing records on, so no record with replaced bytes gets out.
                if reader.sawInvalidUTF8 { throw notUTF8(path) }
                for record in records { try onRecord(record) }
            }
            try source.forEachChunk { chunk in
                try onBytes(chunk)
                let mark = min(markLeft, chunk.count)
                markLeft -= mark
                let text = UnsafeRawBufferPointer(rebasing: chunk[mark...])
                if let transcoder {
                    try transcoder.feed(text).withUnsafeBytes { try parse($0) }
                } else {
                    try parse(text)
                }
            }
            if let transcoder { try transcoder.finish().withUnsafeBytes { try parse($0) } }
            if let reader {
                let records = try reader.finish()
                if reader.sawInvalidUTF8 { throw notUTF8(path) }
                for record in records { try onRecord(record) }
            }
            return encoding
        } catch var error as IngestError where error.location == nil || error.location?.path == "" {
            if error.location == nil { error.location = InputLocation(path: path) } else { error.location?.path = path }
            throw error
        }
    }

    /// The most frequent of `,` `;` and tab outside quotes in the first non-blank line; `,` when none.
    static func sniffDelimiter(_ bytes: UnsafeRawBufferPointer) -> UInt8 {
        var counts: [UInt8: Int] = [UInt8(ascii: ","): 0, UInt8(ascii: ";"): 0, UInt8(ascii: "\t"): 0]
        var quoted = false
        var started = false
        for byte in bytes {
            if byte == UInt8(ascii: "\"") { quoted.toggle() }
            if quoted { continue }
            if byte == 0x0A || byte == 0x0D {
                if started { break } else { continue }
            }
            started = true
            if counts[byte] != nil { counts[byte]! += 1 }
        }
        let best = counts.max { ($0.value, $1.key) < ($1.value, $0.key) }!
        return best.value > 0 ? best.key : UInt8(ascii: ",")
    }

    static func notUTF8(_ path: String) -> IngestError {
        IngestError(
            code: .unreadableEncoding, location: InputLocation(path: path),
            message: "the file is not valid UTF-8; expected UTF-8 text (save it from Excel as \"CSV UTF-8\")",
            messageVi: "tệp không phải văn bản UTF-8 hợp lệ; cần UTF-8 (trong Excel chọn Lưu thành \"CSV UTF-8\")")
    }
}
