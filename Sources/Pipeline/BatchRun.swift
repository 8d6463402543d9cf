import CCHCCore
import Foundation
import Ingest
import Scoring
import Warehouse

/// One run's steps, executed one at a time with retries, each recorded in `etl_step` with its
/// counts. Holds what steps hand each other in memory (the scores for the report).
final class BatchRun {
    let options: BatchOptions
    let store: WarehouseStore
    let runID: Int64
    /// What the run imports and scores, oldest first; the last is the run's period, whose reports it writes.
    let periods: [Period]
    var period: Period { periods[periods.count - 1] }
    let environment: Batch.Environment
    let progress: (String) -> Void

    private(set) var imports: [ImportStep.Summary] = []
    private(set) var scores: PeriodScores?
    private(set) var folders: [String] = []
    private var referenceData: ReferenceData?

    init(options: BatchOptions, store: WarehouseStore, runID: Int64, periods: [Period], reference: ReferenceData?,
         environment: Batch.Environment, progress: @escaping (String) -> Void) {
        precondition(!periods.isEmpty, "a run has a period")
        self.referenceData = reference
        self.options = options
        self.store = store
        self.runID = runID
        self.periods = periods
        self.environment = environment
        self.progress = progress
    }

    var ranked: Int? { scores?.units.filter { $0.status == .ranked }.count }

    var summaryLine: String {
        var parts = [periods.count > 1 ? "\(period) (\(periods.count) periods from \(periods[0]))" : "\(period)"]
        if let ranked { parts.append("\(ranked) communes ranked") }
        if !folders.isEmpty { parts.append("\(folders.count) province reports") }
        return parts.joined(separator: ", ")
    }

    /// What a step reports back: its counts, a summary, and — for a step that finished but partly
    /// failed (a province's reports) — why it failed.
    struct StepResult {
        var counts = StepCounts()
        var detail: String
        var failure: String?
    }

    /// A step failure that carries what the step counted before failing (a command's exit status).
    struct StepError: Error, CustomStringConvertible {
        var description: String
        var counts: StepCounts
        var transient: Bool
    }

    /// Runs `spec`, trying again after a transient failure per the job's retry policy.
    func execute(_ spec: StepSpec) throws {
        try store.beginStep(runID, spec.name, kind: spec.kind.name)
        var attempt = 1
        while true {
            let result: StepResult
            do {
                result = try body(spec)
            } catch {
                if Transient.isTransient(error) && attempt < options.retry.attempts {
                    let delay = options.retry.delay(afterAttempt: attempt)
                    progress("step \(spec.name): try \(attempt) of \(options.retry.attempts) failed (\(error)); trying again in \(delay) s")
                    environment.sleep(delay)
                    attempt += 1
                    continue
                }
                let counts = (error as? StepError)?.counts ?? StepCounts()
                try? store.finishStep(runID, spec.name, status: "failed", attempts: attempt, counts: counts, detail: nil,
                                      error: String(describing: error))
                let tries = attempt > 1 ? " after \(attempt) tries" : ""
                throw PipelineError("step \(spec.name) failed\(tries): \(error)")
            }
            if let failure = result.failure {
                try store.finishStep(runID, spec.name, status: "failed", attempts: attempt, counts: result.counts, detail: result.detail,
                                     error: failure)
                throw PipelineError("step \(spec.name) failed: \(failure)")
            }
            try store.finishStep(runID, spec.name, status: "succeeded", attempts: attempt, counts: result.counts, detail: result.detail,
                                 error: nil)
            return
        }
    }

    /// The reference data read from the job's folder, once per run (before the lock, by `Batch.run`).
    func reference() throws -> ReferenceData {
        if let referenceData { return referenceData }
        let loaded = try ReferenceLoader.load(directory: options.reference)
        referenceData = loaded
        return loaded
    }

    func body(_ spec: StepSpec) throws -> StepResult {
        switch spec.kind {
        case .reference:
            let reference = try reference()
            try store.replaceReference(reference)
            let line = "\(reference.units.count) units, \(reference.indicators.count) indicators, \(reference.targets.count) targets"
            progress("reference: \(line)")
            return StepResult(detail: line)
        case .importFiles:
            let importer = ImportStep(store: store, reference: try reference(), runID: runID, workers: options.workers)
            // The period before the first too: its ranks give the first period's rank change.
            let imported = [periods[0].previous] + periods
            var summaries: [ImportStep.Summary] = []
            for p in imported {
                let summary = try importer.run(inbox: Inbox(root: options.inbox), period: p) { [environment] done, total in
                    environment.fileImported(p, done, total)
                }
                progress("import \(p): \(summary.description)")
                for warning in summary.warnings { progress("warning: \(warning)") }
                summaries.append(summary)
            }
            imports = summaries
            let counts = StepCounts(filesAccepted: summaries.map(\.accepted).reduce(0, +), filesRejected: summaries.map(\.rejected).reduce(0, +),
                                    filesUnchanged: summaries.map(\.unchanged).reduce(0, +),
                                    factsWritten: summaries.map(\.factsWritten).reduce(0, +))
            return StepResult(counts: counts, detail: zip(imported, summaries).map { "\($0): \($1.description)" }
                .joined(separator: "; "))
        case .score:
            // Oldest first, so each period's rank change compares with the ranks just stored.
            let step = ScoreStep(store: store, workers: options.workers)
            var details: [String] = []
            var ranked = 0
            for p in periods {
                // One period's scores in memory at a time, and what the last one freed handed back to the
                // system: without the trim, glibc's arenas kept growing (64 MB peak for one period, 87 MB
                // for twelve at scale L).
                scores = nil
                if p != periods[0] { releaseFreedMemory() }
                let result = try step.run(period: p)
                ranked = result.units.filter { $0.status == .ranked }.count
                progress("score \(p): \(ranked) communes ranked")
                details.append(periods.count > 1 ? "\(p): \(ranked) communes ranked" : "\(ranked) communes ranked")
                scores = result
            }
            return StepResult(counts: StepCounts(communesRanked: ranked), detail: details.joined(separator: "; "))
        case .report:
            guard let scores else { throw PipelineError("step \(spec.name) has no scores: the score step did not run before it") }
            let outcome = try ReportStep(store: store, excelVietnamese: options.excelVietnamese, workers: options.workers).run(scores: scores, reportsRoot: options.reports,
                                                           asOf: options.asOf ?? Timestamp.todayInVietnam())
            folders = outcome.folders
            for failure in outcome.failures { progress("report for province \(failure.province) failed: \(failure.reason)") }
            let counts = StepCounts(provincesWritten: outcome.folders.count, provincesFailed: outcome.failures.count)
            let failure = outcome.failures.isEmpty ? nil
                : outcome.failures.map { "province \($0.province): \($0.reason)" }.joined(separator: "; ")
            return StepResult(counts: counts, detail: "\(outcome.folders.count) provinces written, \(outcome.failures.count) failed",
                              failure: failure)
        case .command(let command):
            let step = CommandStep(command: command, timeoutSeconds: spec.timeoutSeconds ?? 3600, environment: [
                "CCHC_JOB": options.job, "CCHC_RUN_ID": "\(runID)", "CCHC_PERIOD": period.description, "CCHC_INBOX": options.inbox,
                "CCHC_WAREHOUSE": options.warehouse, "CCHC_REPORTS": options.reports, "CCHC_REFERENCE": options.reference,
            ])
            progress("\(spec.name): /bin/sh -c \(command)")
            let outcome = try step.run()
            let counts = StepCounts(exitStatus: outcome.exitStatus.map(Int.init))
            if outcome.timedOut {
                throw StepError(description: "the command timed out after \(Int(step.timeoutSeconds)) s and was stopped", counts: counts,
                                transient: true)
            }
            if let signal = outcome.signal {
                throw StepError(description: "the command was killed by signal \(signal)", counts: counts, transient: false)
            }
            guard outcome.exitStatus == 0 else {
                let status = outcome.exitStatus ?? -1
                throw StepError(description: "the command exited with status \(status)\(status == 75 ? " (temporary failure)" : "")",
                                counts: counts, transient: status == 75)
            }
            return StepResult(counts: counts, detail: "exit status 0")
        }
    }
}

/// Which failures are worth another try: a busy or locked database, an I/O error, a command that
/// timed out or exited 75 (EX_TEMPFAIL). Bad data, bad paths and bugs are not retried.
public enum Transient {
    public static func isTransient(_ error: any Error) -> Bool {
        if let sqlite = error as? SQLiteError {
            return [5, 6, 10].contains(sqlite.primaryCode)  // SQLITE_BUSY, SQLITE_LOCKED, SQLITE_IOERR
        }
        if let step = error as? BatchRun.StepError { return step.transient }
        let transientErrno: Set<Int> = [Int(EIO), Int(EAGAIN), Int(EINTR), Int(EBUSY)]
        if let posix = error as? POSIXError { return transientErrno.contains(Int(posix.code.rawValue)) }
        let nsError = error as NSError
        for candidate in [nsError, nsError.userInfo[NSUnderlyingErrorKey] as? NSError].compactMap({ $0 })
        where candidate.domain == NSPOSIXErrorDomain {
            return transientErrno.contains(candidate.code)
        }
        return false
    }
}
