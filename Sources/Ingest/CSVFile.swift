import CCHCCore

/// Streams the records of a CSV file on disk: strips a UTF-8 byte-order mark, sniffs the delimiter
/// (`,` `;` or tab) from the header line, and refuses text that is not UTF-8.
///
/// Other encodings (UTF-16, Windows-1258, TCVN3, VNI) are refused with a clear message for now.
public enum CSVFile {
    /// Reads `path`, handing every raw chunk to `onBytes` (to archive or hash the original) and every
    /// record to `onRecord`. Errors carry `path`.
    public static func read(
        path: String,
        onBytes: (UnsafeRawBufferPointer) throws -> Void = { _ in },
        onRecord: (CSVReader.Record) throws -> Void
    ) throws {
        var reader: CSVReader?
        do {
            try FileChunks.forEach(path: path) { chunk in
                try onBytes(chunk)
                var text = chunk
                if reader == nil {
                    text = try skipByteOrderMark(chunk, path: path)
                    reader = try CSVReader(delimiter: sniffDelimiter(text))
                }
                let records = try reader!.feed(text)
                // Checked before handing records on, so no record with replaced bytes gets out.
                if reader!.sawInvalidUTF8 { throw notUTF8(path) }
                for record in records { try onRecord(record) }
            }
            if let reader {
                let records = try reader.finish()
                if reader.sawInvalidUTF8 { throw notUTF8(path) }
                for record in records { try onRecord(record) }
            }
        } catch var error as IngestError where error.location?.path == "" {
            error.location?.path = path
            throw error
        }
    }

    static func skipByteOrderMark(_ chunk: UnsafeRawBufferPointer, path: String) throws(IngestError) -> UnsafeRawBufferPointer {
        if chunk.starts(with: [0xEF, 0xBB, 0xBF]) {
            return UnsafeRawBufferPointer(rebasing: chunk[3...])
        }
        if chunk.starts(with: [0xFF, 0xFE]) || chunk.starts(with: [0xFE, 0xFF]) {
            throw IngestError(
                code: .unreadableEncoding, location: InputLocation(path: path),
                message: "the file is UTF-16; expected UTF-8 (save it from Excel as \"CSV UTF-8\")",
                messageVi: "tệp mã hóa UTF-16; cần UTF-8 (trong Excel chọn Lưu thành \"CSV UTF-8\")")
        }
        return chunk
    }

    /// The most frequent of `,` `;` and tab outside quotes in the first line; `,` when none.
    static func sniffDelimiter(_ bytes: UnsafeRawBufferPointer) -> UInt8 {
        var counts: [UInt8: Int] = [UInt8(ascii: ","): 0, UInt8(ascii: ";"): 0, UInt8(ascii: "\t"): 0]
        var quoted = false
        for byte in bytes {
            if byte == UInt8(ascii: "\"") { quoted.toggle() }
            if quoted { continue }
            if byte == 0x0A || byte == 0x0D { break }
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
