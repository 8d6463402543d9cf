/// A submission read whole into memory, surveyed and validated, ready for the warehouse: what the
/// import's worker threads hand the writer (`SubmissionPrefetcher`).
public struct PreparedSubmission: Sendable {
    /// The file's bytes, exactly as read: the ones hashed, parsed and to be kept.
    public var bytes: [UInt8]
    public var survey: FileSurvey
    /// The validation outcome; nil when it was skipped because the bytes were received before.
    public var outcome: SubmissionReader.Outcome?
    /// The valid rows in reading order (what `SubmissionReader.read` hands `onRow`); empty when the
    /// outcome is not acceptable.
    public var rows: [SubmissionRow]

    /// Surveys `bytes` and, unless their digest is in `skipping`, validates them as the file at `path`.
    public init(bytes: [UInt8], path: String, displayPath: String, context: SubmissionContext, skipping known: Set<String> = []) {
        self.bytes = bytes
        let source = ByteSource.memory(bytes, path: path)
        rows = []
        var rows: [SubmissionRow] = []
        do {
            survey = try FileSurvey(source: source)
            guard !known.contains(survey.sha256) else {
                outcome = nil
                return
            }
            let outcome = try SubmissionReader.read(source: source, displayPath: displayPath, context: context,
                                                    encoding: try? survey.encoding.get(), rows: &rows)
            self.outcome = outcome
            if outcome.isAcceptable { self.rows = rows }
        } catch {
            // Bytes in memory cannot fail to read, and `read` reports every IngestError in the outcome;
            // only `onBytes` or `handOver` could throw anything else, and there are none.
            preconditionFailure("reading bytes in memory threw \(error)")
        }
    }
}

/// What the prefetcher made of one file.
public enum PrefetchedFile: Sendable {
    case prepared(PreparedSubmission)
    /// The file could not be opened or read.
    case unreadable(IngestError)
    /// The file is above the size limit: the caller reads it streaming, in constant memory.
    case large
}
