import CCHCCore
import Foundation
import Ingest
import Warehouse

/// Loads the inbox files of one period into the warehouse: each file validated whole and written
/// all or nothing (its own savepoint, inside a transaction shared by up to 64 files); identical
/// bytes already received are skipped; a rejected file is kept with its errors and never replaces
/// anything.
///
/// Worker threads read and validate the next files (`SubmissionPrefetcher`) while this thread, the
/// only one using the connection, writes the current ones; files above `prefetchSizeLimit` are read
/// streaming here instead.
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
    /// Threads validating files ahead of the writer (see `prefetchWorkerCount`).
    let workers: Int
    /// Files above this many bytes keep their original in the archive, not in `etl_file.content`.
    let archiveThreshold: Int64

    public init(store: WarehouseStore, reference: ReferenceData, runID: Int64,
                workers: Int = ProcessInfo.processInfo.activeProcessorCount) {
        self.store = store
        self.reference = reference
        self.runID = runID
        self.workers = workers
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
        // Each indicator's warehouse key by its number in `context`: rows carry the number, so no
        // code is hashed again per fact on the writing thread (issue 7).
        let indicatorIDs = try context.numberedIndicators.map { indicator in
            guard let id = writer.indicatorID(code: indicator.code) else {
                throw PipelineError("indicator \(indicator.code) of the reference is not in the warehouse")
            }
            return id
        }
        let prefetcher = SubmissionPrefetcher(
            jobs: files.map { .init(path: $0.path, displayPath: $0.relativePath, provinceCode: $0.provinceCode) },
            context: context, sizeLimit: Int(min(Int64(Self.prefetchSizeLimit), archiveThreshold)),
            ahead: Self.prefetchAhead, workerCount: prefetchWorkerCount, known: try writer.knownDigests(period: period))
        defer { prefetcher.finish() }
        let checkpointer = try BackgroundCheckpointer(writer: store.database)
        defer { checkpointer.stop() }
        // Several files per transaction (each file its own savepoint, so still all or nothing): a
        // commit per file rewrote the same pages to the WAL once per file (issue 7).
        var start = 0
        while start < files.count {
            let chunk = files[start..<min(start + Self.filesPerTransaction, files.count)]
            try store.transaction {
                for (offset, file) in zip(chunk.indices, chunk) {
                    defer { fileDone(offset + 1, files.count) }
                    try importOne(file, prefetched: prefetcher.take(offset), period: period, periodID: periodID,
                                  indicatorIDs: indicatorIDs, context: &context, writer: writer, summary: &summary)
                }
            }
            checkpointer.committed()
            FaultPoint.reach("import.committed")
            start = chunk.endIndex
        }
        return summary
    }

    static let filesPerTransaction = 64

    /// One file: surveyed, skipped when its bytes were received before, else imported or rejected.
    func importOne(_ file: Inbox.File, prefetched: PrefetchedFile, period: Period, periodID: Int64, indicatorIDs: [Int64],
                   context: inout SubmissionContext,
                   writer: SubmissionWriter, summary: inout Summary) throws {
        let survey: FileSurvey
        var prepared: PreparedSubmission?
        do {
            switch prefetched {
            case .prepared(let file):
                prepared = file
                survey = file.survey
            case .unreadable(let error):
                throw error
            case .large:
                survey = try FileSurvey(path: file.path)
            }
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
        let outcome: FileOutcome
        if let prepared, let validated = prepared.outcome {
            outcome = try importPrepared(file, prepared: prepared, outcome: validated, metadata: metadata, periodID: periodID,
                                         indicatorIDs: indicatorIDs, writer: writer)
        } else {
            // A large file, or one whose validation was skipped as already received (in another province).
            context.provinceCode = file.provinceCode
            outcome = try importFile(file, metadata: metadata, encoding: try? survey.encoding.get(), context: context,
                                     periodID: periodID, writer: writer)
        }
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
}
