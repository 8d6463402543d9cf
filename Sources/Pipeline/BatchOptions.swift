import CCHCCore
import Scoring

/// Where a batch reads and writes, for which period, which steps in which order, and how it retries:
/// the job file's values, then flags.
public struct BatchOptions: Sendable, Equatable {
    public var job: String
    public var reference: String
    public var inbox: String
    public var warehouse: String
    public var reports: String
    /// nil = the most recent period found in the inbox.
    public var period: Period?
    /// The first period of a run over several (history loaded at once): every period from it through
    /// `period` is imported and scored, oldest first; the reports are `period`'s. nil = `period` alone.
    public var since: Period?
    /// The report date `yyyy-mm-dd`; nil = today in Vietnam.
    public var asOf: String?
    public var workers: Int
    /// The steps in the order they run (a topological order of the job's DAG).
    public var steps: [StepSpec]
    public var retry: RetryPolicy
    /// The whole run's time limit, checked before each step; nil = none.
    public var timeoutSeconds: Double?
    /// The scheduled time (UTC ISO 8601) when the daemon started the run; nil for a manual run.
    public var scheduledFor: String?
    /// Also write the CSV reports for Vietnamese-locale Excel (`;`, decimal comma) into `excel-vi/`.
    public var excelVietnamese: Bool = false

    public init(job: String = "quarter-end", reference: String = "Warehouse/reference", inbox: String = "Jobs/sample/inbox",
                warehouse: String = "Warehouse/warehouse.sqlite", reports: String = "Reports", period: Period? = nil,
                asOf: String? = nil, workers: Int = ProcessInfoLite.activeProcessorCount, steps: [StepSpec] = StepSpec.standard,
                retry: RetryPolicy = RetryPolicy(), timeoutSeconds: Double? = nil, scheduledFor: String? = nil) {
        self.job = job
        self.reference = reference
        self.inbox = inbox
        self.warehouse = warehouse
        self.reports = reports
        self.period = period
        self.asOf = asOf
        self.workers = workers
        self.steps = steps
        self.retry = retry
        self.timeoutSeconds = timeoutSeconds
        self.scheduledFor = scheduledFor
    }

    /// The periods a batch for `period` imports and scores, oldest first: from `since` (or `period`
    /// alone) through `period`. Throws when `since` is of another kind or after `period`.
    public static func periods(since: Period?, through period: Period) throws -> [Period] {
        guard let since else { return [period] }
        guard since.kind == period.kind else {
            throw PipelineError("--since \(since) and the period \(period) are not of the same kind (quarter, half, year or month)")
        }
        guard since <= period else { throw PipelineError("--since \(since) comes after the period \(period)") }
        var periods = [period]
        while periods.last != since { periods.append(periods.last!.previous) }
        return periods.reversed()
    }
}

/// One step of a job: a built-in stage of the batch or a province's own shell command.
public struct StepSpec: Sendable, Equatable {
    public enum Kind: Sendable, Equatable {
        case reference, importFiles, score, report
        /// Run with `/bin/sh -c`; its exit status is recorded, 0 = success, 75 (EX_TEMPFAIL) = retry.
        case command(String)

        /// The name used in job files and in `etl_step.kind`.
        public var name: String {
            switch self {
            case .reference: "reference"
            case .importFiles: "import"
            case .score: "score"
            case .report: "report"
            case .command: "command"
            }
        }

        /// The built-in stages in the order their data flows (reference → import → score → report).
        public var builtinRank: Int? {
            switch self {
            case .reference: 0
            case .importFiles: 1
            case .score: 2
            case .report: 3
            case .command: nil
            }
        }

        public static let builtins: [Kind] = [.reference, .importFiles, .score, .report]
    }

    public var name: String
    public var kind: Kind
    public var dependsOn: [String]
    /// A command step's own time limit (it is killed after it); nil = the default of one hour.
    public var timeoutSeconds: Double?

    public init(name: String, kind: Kind, dependsOn: [String] = [], timeoutSeconds: Double? = nil) {
        self.name = name
        self.kind = kind
        self.dependsOn = dependsOn
        self.timeoutSeconds = timeoutSeconds
    }

    /// reference → import → score → report.
    public static let standard: [StepSpec] = [
        StepSpec(name: "reference", kind: .reference),
        StepSpec(name: "import", kind: .importFiles, dependsOn: ["reference"]),
        StepSpec(name: "score", kind: .score, dependsOn: ["import"]),
        StepSpec(name: "report", kind: .report, dependsOn: ["score"]),
    ]
}

/// How a step that failed transiently (a busy database, an I/O error) is tried again: up to
/// `attempts` tries in all, waiting `backoffSeconds`, then twice as long each time, at most
/// `maxBackoffSeconds`.
public struct RetryPolicy: Sendable, Equatable {
    public var attempts: Int
    public var backoffSeconds: Double
    public var maxBackoffSeconds: Double

    public init(attempts: Int = 3, backoffSeconds: Double = 5, maxBackoffSeconds: Double = 300) {
        precondition(attempts >= 1 && backoffSeconds >= 0 && maxBackoffSeconds >= 0, "invalid retry policy")
        self.attempts = attempts
        self.backoffSeconds = backoffSeconds
        self.maxBackoffSeconds = maxBackoffSeconds
    }

    /// The wait after failed try number `attempt` (1-based): backoff · 2^(attempt − 1), capped.
    public func delay(afterAttempt attempt: Int) -> Double {
        min(maxBackoffSeconds, backoffSeconds * Double(1 << min(attempt - 1, 30)))
    }
}
