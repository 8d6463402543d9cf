import CCHCCore
import Foundation
import Ingest
import Warehouse

/// The import of a file its worker already read whole and validated (`SubmissionPrefetcher`): the
/// same savepoint, rows, records and bytes as the streaming path, without reading the file again.
extension ImportStep {
    /// Files up to this size are read whole and validated ahead on a worker; larger ones stream.
    static let prefetchSizeLimit = 1 << 20
    /// How many files the workers may have read ahead of the writer (memory: at most this many
    /// files of `prefetchSizeLimit` bytes, and their rows).
    static let prefetchAhead = 16

    /// One worker per core (the batch's `workers`, at most 4), besides the SQLite thread: validating
    /// costs about twice what writing does (callgrind at M), so on two cores one worker alone left
    /// the writer waiting for it half the time; a second one shares the core with the writer while it waits.
    var prefetchWorkerCount: Int {
        max(1, min(4, workers))
    }

    /// One savepoint writing a prepared, acceptable file: its record with its bytes (one INSERT), the
    /// facts when it is newer than the submission in force, its warnings. A file with errors is
    /// recorded as rejected.
    func importPrepared(_ file: Inbox.File, prepared: PreparedSubmission, outcome: SubmissionReader.Outcome,
                        metadata: SubmissionWriter.FileMetadata, periodID: Int64, indicatorIDs: [Int64],
                        writer: SubmissionWriter) throws -> FileOutcome {
        // Prepared files never reach the archive threshold: the prefetch size limit is capped by it (see `run`).
        precondition(metadata.size <= archiveThreshold, "a prepared file above the archive threshold")
        guard outcome.isAcceptable else {
            try recordRejected(file, outcome: outcome, metadata: metadata, writer: writer) { fileID in
                try storeContent(prepared.bytes, fileID: fileID, metadata: metadata, writer: writer)
            }
            return FileOutcome(accepted: false, facts: 0, warnings: outcome.warnings.map(\.description))
        }
        return try store.database.savepoint {
            let fileID = try prepared.bytes.withUnsafeBytes { bytes in
                try writer.recordFile(metadata, status: "accepted", unitCode: outcome.unitCode, rows: outcome.dataRows, content: bytes)
            }
            var facts = 0
            if let first = prepared.rows.first,
               try writer.claim(unitCode: first.unitCode, periodID: periodID, fileID: fileID, file: metadata) {
                // An acceptable file names one commune in all its rows.
                try writer.insertFacts(periodID: periodID, unitCode: first.unitCode, fileID: fileID, prepared.rows.map { row in
                    SubmissionWriter.Fact(indicatorID: indicatorIDs[row.indicatorNumber], value: row.value, numerator: row.numerator,
                                          denominator: row.denominator, note: row.note, line: row.line)
                })
                facts = prepared.rows.count
            }
            try writer.recordNotes(fileID, rejections: [], warnings: records(of: outcome, file: file, metadata: metadata))
            FaultPoint.reach("import.file")
            return FileOutcome(accepted: true, facts: facts, warnings: outcome.warnings.map(\.description))
        }
    }

    /// Stores bytes already in memory as the file's original, in `etl_file.content`.
    func storeContent(_ bytes: [UInt8], fileID: Int64, metadata: SubmissionWriter.FileMetadata, writer: SubmissionWriter) throws {
        try writer.reserveContent(fileID, size: metadata.size)
        try bytes.withUnsafeBytes { try writer.appendContent($0) }
        writer.closeContent()
    }
}
