import CCHCCore
import Ingest
import Warehouse

/// The import of a file read from disk as it is written (large files): constant memory whatever its size.
extension ImportStep {
    /// One savepoint: record the file and its bytes, stream rows into the facts when the file is
    /// newer than the submission in force. On any validation error it rolls back to the savepoint and
    /// a second one records the file as rejected, with its errors.
    func importFile(_ file: Inbox.File, metadata: SubmissionWriter.FileMetadata, encoding: TextEncoding?, context: SubmissionContext,
                    periodID: Int64, writer: SubmissionWriter) throws -> FileOutcome {
        struct Rejected: Error { let outcome: SubmissionReader.Outcome }
        do {
            return try store.database.savepoint {
                let fileID = try writer.beginFile(metadata)
                var inForce: Bool?
                var facts = 0
                let outcome = try SubmissionReader.read(
                    path: file.path, displayPath: file.relativePath, context: context, encoding: encoding,
                    onRow: { row in
                        if inForce == nil {
                            inForce = try writer.claim(unitCode: row.unitCode, periodID: periodID, fileID: fileID, file: metadata)
                        }
                        guard inForce == true else { return }
                        try writer.insertFact(periodID: periodID, unitCode: row.unitCode, indicatorCode: row.indicatorCode,
                                              value: row.value, numerator: row.numerator, denominator: row.denominator,
                                              note: row.note, fileID: fileID, line: row.line)
                        facts += 1
                    })
                guard outcome.isAcceptable else { throw Rejected(outcome: outcome) }
                try writer.finishFile(fileID, unitCode: outcome.unitCode, rows: outcome.dataRows, rejections: [],
                                      warnings: records(of: outcome, file: file, metadata: metadata))
                try storeContent(of: file, fileID: fileID, metadata: metadata, writer: writer)
                FaultPoint.reach("import.file")
                return FileOutcome(accepted: true, facts: facts, warnings: outcome.warnings.map(\.description))
            }
        } catch let rejected as Rejected {
            let outcome = rejected.outcome
            try recordRejected(file, outcome: outcome, metadata: metadata, writer: writer) { fileID in
                try storeContent(of: file, fileID: fileID, metadata: metadata, writer: writer)
            }
            return FileOutcome(accepted: false, facts: 0, warnings: outcome.warnings.map(\.description))
        }
    }

    /// A savepoint recording the file as rejected, with its errors and warnings; `storeBytes` keeps its original.
    func recordRejected(_ file: Inbox.File, outcome: SubmissionReader.Outcome, metadata: SubmissionWriter.FileMetadata,
                        writer: SubmissionWriter, storeBytes: (_ fileID: Int64) throws -> Void) throws {
        let rejections = outcome.errors.map { error in
            Rejection(file: file.relativePath, line: error.location?.line, column: error.location?.column,
                      unitCode: outcome.unitCode, code: error.code.rawValue, message: error.messageVi)
        }
        try store.database.savepoint {
            let fileID = try writer.beginFile(metadata, status: "rejected")
            try writer.finishFile(fileID, unitCode: outcome.unitCode, rows: outcome.dataRows, rejections: rejections,
                                  warnings: records(of: outcome, file: file, metadata: metadata))
            try storeBytes(fileID)
        }
    }

    /// The file's warnings as the warehouse records them (`etl_file_warning`), in Vietnamese.
    func records(of outcome: SubmissionReader.Outcome, file: Inbox.File, metadata: SubmissionWriter.FileMetadata) -> [Rejection] {
        outcome.warnings.map { warning in
            Rejection(file: file.relativePath, line: warning.location.line, column: warning.location.column,
                      unitCode: outcome.unitCode, code: warning.code.rawValue, message: warning.messageVi)
        } + [archiveWarning(metadata, unitCode: outcome.unitCode)].compactMap { $0 }
    }
}
