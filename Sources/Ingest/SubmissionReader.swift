import CCHCCore

/// Reads one submission file end to end: bytes → CSV records → validated rows, streaming.
public enum SubmissionReader {
    public struct Outcome: Sendable {
        public var errors: [IngestError]
        public var warnings: [IngestWarning]
        /// The commune the rows name (the first row's), when readable.
        public var unitCode: String?
        public var dataRows: Int
        /// The encoding the file was read in; nil when it could not be told.
        public var encoding: TextEncoding?
        public var isAcceptable: Bool { errors.isEmpty }
    }

    /// Validates the file at `path`, handing raw chunks to `onBytes` and each valid row to `onRow` as
    /// it is read. The caller must discard the rows when the outcome is not acceptable. `encoding`
    /// skips detection when the caller has already told it (`FileSurvey`).
    public static func read(
        path: String, displayPath: String, context: SubmissionContext, encoding known: TextEncoding? = nil,
        onBytes: (UnsafeRawBufferPointer) throws -> Void = { _ in },
        onRow: (SubmissionRow) throws -> Void = { _ in }
    ) throws -> Outcome {
        try read(source: .file(path: path), displayPath: displayPath, context: context, encoding: known, onBytes: onBytes, onRow: onRow)
    }

    /// `read(path:)` over a file on disk or bytes already in memory.
    public static func read(
        source: ByteSource, displayPath: String, context: SubmissionContext, encoding known: TextEncoding? = nil,
        onBytes: (UnsafeRawBufferPointer) throws -> Void = { _ in },
        onRow: (SubmissionRow) throws -> Void = { _ in }
    ) throws -> Outcome {
        var rows: [SubmissionRow] = []
        return try withoutActuallyEscaping(onRow) { onRow in
            try read(source: source, displayPath: displayPath, context: context, encoding: known, onBytes: onBytes, rows: &rows) { rows in
                for row in rows { try onRow(row) }
                rows.removeAll(keepingCapacity: true)
            }
        }
    }

    /// `read(source:)` appending the valid rows to `rows`, without a call and a copy per row (issue 7).
    /// `handOver`, when given, is called with them after each record that added one and may take them out.
    static func read(
        source: ByteSource, displayPath: String, context: SubmissionContext, encoding known: TextEncoding? = nil,
        onBytes: (UnsafeRawBufferPointer) throws -> Void = { _ in },
        rows: inout [SubmissionRow], handOver: ((inout [SubmissionRow]) throws -> Void)? = nil
    ) throws -> Outcome {
        let path = source.path
        var validator = SubmissionValidator(path: displayPath, context: context)
        var encoding = known
        do {
            if encoding == nil { encoding = try EncodingDetector.detect(source: source) }
            try CSVFile.read(source: source, encoding: encoding, onBytes: onBytes, onRawRecord: { record in
                let before = rows.count
                validator.check(record, into: &rows)
                if let handOver, rows.count > before { try handOver(&rows) }
            })
            validator.finish(into: &rows)
            if let handOver, !rows.isEmpty { try handOver(&rows) }
        } catch var error as IngestError {
            if error.location?.path == path { error.location?.path = displayPath }
            if error.code == .unreadableEncoding { error.location?.line = nil; error.location?.column = nil }
            validator.report(error)
        }
        // In line order for the clerk: numbers that waited for the file's decimal mark are found last.
        let errors = validator.errors.enumerated().sorted { a, b in
            (a.element.location?.line ?? Int.max, a.element.location?.column ?? 0, a.offset)
                < (b.element.location?.line ?? Int.max, b.element.location?.column ?? 0, b.offset)
        }.map(\.element)
        return Outcome(errors: errors, warnings: validator.warnings, unitCode: validator.unitCode,
                       dataRows: validator.dataRows, encoding: encoding)
    }
}
