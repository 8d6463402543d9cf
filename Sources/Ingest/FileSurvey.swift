/// What the import needs to know about a received file before loading it, from one streaming pass:
/// its SHA-256 and size (is it new?) and its encoding (what to record, how to read it).
public struct FileSurvey: Sendable {
    public var sha256: String
    public var size: Int64
    /// The detected encoding, or why none could be told.
    public var encoding: Result<TextEncoding, IngestError>

    /// Reads the file at `path` once, in chunks.
    public init(path: String) throws {
        try self.init(source: .file(path: path))
    }

    /// Surveys bytes already read whole, cut into the chunks a file would be read in.
    public init(source: ByteSource) throws {
        var hasher = SHA256()
        var size: Int64 = 0
        var detector = EncodingDetector()
        let wellFormed = source.bytesInMemory.flatMap(EncodingDetector.wellFormedUTF8)
        try source.forEachChunk { chunk in
            hasher.update(chunk)
            size += Int64(chunk.count)
            if wellFormed == nil, !detector.isDecided { detector.feed(chunk) }
        }
        sha256 = hasher.finalizeHex()
        self.size = size
        if let wellFormed {
            encoding = .success(wellFormed)
        } else {
            encoding = Result { () throws(IngestError) in try detector.finish() }
        }
    }

    /// The value for `etl_file.encoding`: the encoding's name, or `unknown`.
    public var encodingName: String {
        (try? encoding.get())?.rawValue ?? "unknown"
    }
}
