#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import CCHCCore
import Foundation
import Ingest
import Warehouse

/// The quarter-end batch (BRIEF §2): the job's steps (reference → import → score → report, and the
/// province's own commands) in dependency order, recorded as a run with its steps in the warehouse.
///
/// Under the warehouse's batch lock it first marks runs left `running` by a dead process as failed
/// (`interrupted`), then resumes the latest failed run of the same job and period: the steps that
/// succeeded there are recorded as `skipped` and not done again. Transient failures are retried
/// with exponential backoff; a stop request or the job's timeout ends the run between steps.
public enum Batch {
    public struct Summary: Sendable {
        public var period: Period
        public var runID: Int64
        public var imports: [ImportStep.Summary]
        /// Communes ranked, when the score step ran.
        public var ranked: Int?
        public var reportFolders: [String]
        /// The failed run this one resumed.
        public var resumedFrom: Int64?
        /// Runs found `running` by a dead process and marked failed before this one started.
        public var interrupted: [Int64]
    }

    /// What a batch takes from its surroundings, replaceable in tests.
    public struct Environment: Sendable {
        /// Waits between tries (seconds).
        public var sleep: @Sendable (Double) -> Void
        /// Checked before each step: a reason (e.g. "SIGTERM") ends the run there.
        public var stopRequested: @Sendable () -> String?
        /// Told after each inbox file of `period` is handled: `done` of `total` (a terminal shows a bar).
        public var fileImported: @Sendable (_ period: Period, _ done: Int, _ total: Int) -> Void

        public init(sleep: @escaping @Sendable (Double) -> Void, stopRequested: @escaping @Sendable () -> String? = { nil },
                    fileImported: @escaping @Sendable (Period, Int, Int) -> Void = { _, _, _ in }) {
            self.sleep = sleep
            self.stopRequested = stopRequested
            self.fileImported = fileImported
        }

        public static let live = Environment(sleep: { seconds in
            if seconds > 0 { usleep(useconds_t(min(seconds, 4_000) * 1_000_000)) }
        })
    }

    /// Runs the batch; throws when it could not complete (the run is then recorded as failed, with why).
    public static func run(_ options: BatchOptions, environment: Environment = .live,
                           progress: @escaping (String) -> Void = { _ in }) throws -> Summary {
        // Bad reference data fails the batch before it touches the warehouse.
        let reference = try options.steps.contains { $0.kind == .reference || $0.kind == .importFiles }
            ? ReferenceLoader.load(directory: options.reference) : nil
        if options.steps.contains(where: { $0.kind == .importFiles }) { try Inbox.requireFolder(options.inbox) }
        let period = try options.period ?? latestPeriod(inbox: options.inbox)
        let periods = try BatchOptions.periods(since: options.since, through: period)
        if periods.count > 1, options.steps.contains(where: { $0.kind == .importFiles }) {
            let inInbox = Set(Inbox(root: options.inbox).periods())
            let absent = periods.filter { !inInbox.contains($0) }
            if !absent.isEmpty {
                progress("warning: the inbox \(options.inbox) has no folder for \(absent.map(\.description).joined(separator: ", ")): "
                         + "\(absent.count == 1 ? "that period is" : "those periods are") scored with no submission")
            }
        }
        try FileManager.default.createDirectory(atPath: (options.warehouse as NSString).deletingLastPathComponent.nonEmpty ?? ".",
                                                withIntermediateDirectories: true)
        let lock = try BatchLock(warehousePath: options.warehouse)
        defer { withExtendedLifetime(lock) {} }
        let started = Date()
        let store = try WarehouseStore(path: options.warehouse)
        let interrupted = try store.markInterruptedRuns(foundBy: "the next run, of \(options.job)")
        for run in interrupted { progress("run \(run) was interrupted (its process died before it finished); marked failed") }
        let resume = try store.resumableRun(job: options.job, period: period)
        // A run over several periods does every step again: the run it resumes may have covered fewer
        // periods (what was done is found unchanged, so nothing is done twice).
        let skipped = options.since == nil ? resume.map { skippedSteps(options.steps, done: $0.doneSteps) } ?? [] : []
        let runID = try store.beginRun(job: options.job, period: period, scheduledFor: options.scheduledFor, resumedFrom: resume?.runID)
        if let resume {
            let names = options.steps.filter { skipped.contains($0.name) }.map(\.name)
            progress("resuming run \(resume.runID) of \(options.job) for \(period): "
                     + (names.isEmpty ? "no step had succeeded, starting over" : "skipping \(names.joined(separator: ", ")) (done there)"))
        }
        let state = BatchRun(options: options, store: store, runID: runID, periods: periods, reference: reference,
                             environment: environment, progress: progress)
        do {
            for spec in options.steps {
                if let reason = environment.stopRequested() {
                    throw PipelineError("stopped (\(reason)) before step \(spec.name); the next run resumes from there")
                }
                if let limit = options.timeoutSeconds, Date().timeIntervalSince(started) > limit {
                    throw PipelineError("the job's timeout of \(Int(limit)) s passed before step \(spec.name); the next run resumes from there")
                }
                if skipped.contains(spec.name), let resumed = resume?.runID {
                    try store.beginStep(runID, spec.name, kind: spec.kind.name)
                    try store.finishStep(runID, spec.name, status: "skipped", attempts: 0, detail: "done by run \(resumed)", error: nil)
                    continue
                }
                try state.execute(spec)
            }
            FaultPoint.reach("run.finish")
            try store.finishRun(runID, succeeded: true, message: state.summaryLine, period: period)
        } catch {
            try? store.finishRun(runID, succeeded: false, message: String(describing: error), period: period)
            throw error
        }
        return Summary(period: period, runID: runID, imports: state.imports, ranked: state.ranked, reportFolders: state.folders,
                       resumedFrom: resume?.runID, interrupted: interrupted)
    }

    /// The steps a resumed run skips: those done in the run it resumes whose dependencies are all
    /// skipped too (resume from the first step that did not succeed). The score step is done again
    /// when the report step runs, because it hands the scores to the report in memory (it rewrites
    /// its tables, so doing it again changes nothing).
    static func skippedSteps(_ steps: [StepSpec], done: Set<String>) -> Set<String> {
        var skipped: Set<String> = []
        for step in steps where done.contains(step.name) && step.dependsOn.allSatisfy(skipped.contains) {
            skipped.insert(step.name)
        }
        if let report = steps.first(where: { $0.kind == .report }), !skipped.contains(report.name),
           let score = steps.first(where: { $0.kind == .score }) {
            skipped.remove(score.name)
        }
        return skipped
    }

    /// The most recent period with a folder in the inbox.
    public static func latestPeriod(inbox: String) throws -> Period {
        guard let latest = Inbox(root: inbox).periods().last else {
            throw PipelineError("no period folder (such as 2025-Q3) in the inbox \(inbox); give --period or check --inbox")
        }
        return latest
    }
}

extension String {
    var nonEmpty: String? { isEmpty ? nil : self }
}
