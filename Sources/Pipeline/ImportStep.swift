import CCHCCore
import Ingest
import Warehouse

/// Loads the inbox files of one period into the warehouse: each file validated whole and written
/// all or nothing (its own savepoint, inside a transaction shared by up to 64 files); identical
/// bytes already received are skipped; a rejected file is kept with its errors and never replaces
/// anything.
public struct ImportStep {
    public struct Summary: Sendable, Equatable {
        public var accepted = 0
        public var rejected = 0
        public var unchanged = 0
        public var factsWritten = 0
        public var ignored: [String] = []
        public var warnings: [String] = []

        public var description: String {
            "\(accepted) accepted, \(rejected) rejected, \(unchanged) unchanged, \(factsWritten) facts written, \(ignored.count) ignored"
        }
    }

    let store: WarehouseStore
    let reference: ReferenceData
    let runID: Int64
    /// Files above this many bytes keep their original in the archive, not in `etl_file.content`.
    let archiveThreshold: Int64

    public init(store: WarehouseStore, reference: ReferenceData, runID: Int64) {
        self.store = store
        self.reference = reference
        self.runID = runID
        archiveThreshold = Self.archiveThresholdFromEnvironment()
    }

    /// Imports the period's files; `fileDone(done, total)` after each one, whatever became of it.
    public func run(inbox: Inbox, period: Period, fileDone: (_ done: Int, _ total: Int) -> Void = { _, _ in }) throws -> Summary {
        let (files, ignored) = inbox.files(of: period)
        var summary = Summary(ignored: ignored)
        let writer = try store.submissionWriter(runID: runID)
        let periodID = try store.periodID(period)
        // Built once: indexing the reference for every file cost more than reading the file (issue 7).
        var context = SubmissionContext(provinceCode: "", period: period, units: reference.units, indicators: reference.indicators)
        // Several files per transaction (each file its own savepoint, so still all or nothing): a
        // commit per file rewrote the same pages to the WAL once per file (issue 7).
        var start = 0
        while start < files.count {
            let chunk = files[start..<min(start + Self.filesPerTransaction, files.count)]
            try store.transaction {
                for (offset, file) in zip(chunk.indices, chunk) {
                    defer { fileDone(offset + 1, files.count) }
                    try importOne(file, period: period, periodID: periodID, context: &context, writer: writer, summary: &summary)
                }
            }
            FaultPoint.reach("import.committed")
            start = chunk.endIndex
        }
        return summary
    }

    static let filesPerTransaction = 64

    /// One file: surveyed, skipped when its bytes were received before, else imported or rejected.
    func importOne(_ file: Inbox.File, period: Period, periodID: Int64, context: inout SubmissionContext, writer: SubmissionWriter,
                   summary: inout Summary) throws {
        let survey: FileSurvey
        do {
            survey = try FileSurvey(path: file.path)
        } catch let error as IngestError where error.code == .unreadableFile {
            // One commune's unreadable file (permissions) must not stop the others; it is listed and
            // tried again by the next run. Nothing of it can be kept: its bytes could not be read.
            summary.ignored.append(file.relativePath)
            summary.warnings.append("\(file.relativePath): \(error.message); skipped, to be tried again by the next run")
            return
        }
        if try writer.knownStatus(provinceCode: file.provinceCode, period: period, sha256: survey.sha256) != nil {
            summary.unchanged += 1
            return
        }
        let metadata = SubmissionWriter.FileMetadata(path: file.relativePath, provinceCode: file.provinceCode, period: period,
                                                     sha256: survey.sha256, size: survey.size, mtime: file.mtime,
                                                     encoding: survey.encodingName)
        context.provinceCode = file.provinceCode
        let outcome = try importFile(file, metadata: metadata, encoding: try? survey.encoding.get(), context: context,
                                     periodID: periodID, writer: writer)
        summary.warnings += outcome.warnings
        if outcome.accepted {
            summary.accepted += 1
            summary.factsWritten += outcome.facts
        } else {
            summary.rejected += 1
        }
    }

    struct FileOutcome {
        var accepted: Bool
        var facts: Int
        var warnings: [String]
    }

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
            let rejections = outcome.errors.map { error in
                Rejection(file: file.relativePath, line: error.location?.line, column: error.location?.column,
                          unitCode: outcome.unitCode, code: error.code.rawValue, message: error.messageVi)
            }
            try store.database.savepoint {
                let fileID = try writer.beginFile(metadata, status: "rejected")
                try writer.finishFile(fileID, unitCode: outcome.unitCode, rows: outcome.dataRows, rejections: rejections,
                                      warnings: records(of: outcome, file: file, metadata: metadata))
                try storeContent(of: file, fileID: fileID, metadata: metadata, writer: writer)
            }
            return FileOutcome(accepted: false, facts: 0, warnings: outcome.warnings.map(\.description))
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
