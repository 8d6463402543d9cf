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
        try read(source: source, encoding: known, onBytes: onBytes, onRawRecord: { try onRecord(CSVReader.Record($0)) })
    }

    /// `read(source:)` handing each record over as its fields' bytes, valid during the call only.
    @discardableResult
    public static func read(
        source: ByteSource,
        encoding known: TextEncoding? = nil,
        onBytes: (UnsafeRawBufferPointer) throws -> Void = { _ in },
        onRawRecord: (CSVReader.RawRecord) throws -> Void
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
                try reader.parse(text)
                // Checked before handing records on, so no record with replaced bytes gets out.
                if reader.sawInvalidUTF8 { throw notUTF8(path) }
                try reader.takeRecords(onRawRecord)
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
                try reader.parseEnd()
                if reader.sawInvalidUTF8 { throw notUTF8(path) }
                try reader.takeRecords(onRawRecord)
            }
            return encoding
        } catch var error as IngestError where error.location == nil || error.location?.path == "" {
            if error.location == nil { error.location = InputLocation(path: path) } else { error.location?.path = path }
            throw error
        }
    }

    /// The most frequent of `,` `;` and tab outside quotes in the first non-blank line; `,` when none.
    static func sniffDelimiter(_ bytes: UnsafeRawBufferPointer) -> UInt8 {
        // Counted in plain variables: a dictionary lookup per byte cost more than the header's parse (issue 7).
        var (commas, semicolons, tabs) = (0, 0, 0)
        var quoted = false
        var started = false
        for byte in bytes {
            if byte == UInt8(ascii: "\"") { quoted.toggle() }
            if quoted { continue }
            if byte == 0x0A || byte == 0x0D {
                if started { break } else { continue }
            }
            started = true
            switch byte {
            case UInt8(ascii: ","): commas += 1
            case UInt8(ascii: ";"): semicolons += 1
            case UInt8(ascii: "\t"): tabs += 1
            default: break
            }
        }
        // The most frequent; on a tie the smallest byte (tab, then `,`, then `;`).
        let counts = [(UInt8(ascii: "\t"), tabs), (UInt8(ascii: ","), commas), (UInt8(ascii: ";"), semicolons)]
        var best = counts[0]
        for candidate in counts.dropFirst() where candidate.1 > best.1 { best = candidate }
        return best.1 > 0 ? best.0 : UInt8(ascii: ",")
    }

    static func notUTF8(_ path: String) -> IngestError {
        IngestError(
            code: .unreadableEncoding, location: InputLocation(path: path),
            message: "the file is not valid UTF-8; expected UTF-8 text (save it from Excel as \"CSV UTF-8\")",
            messageVi: "tệp không phải văn bản UTF-8 hợp lệ; cần UTF-8 (trong Excel chọn Lưu thành \"CSV UTF-8\")")
    }
}
