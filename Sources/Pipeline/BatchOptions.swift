import CCHCCore
import Scoring

/// Where a batch reads and writes, and for which period: the job file's values, then flags.
public struct BatchOptions: Sendable, Equatable {
    public var job: String
    public var reference: String
    public var inbox: String
    public var warehouse: String
    public var reports: String
    /// nil = the most recent period found in the inbox.
    public var period: Period?
    /// The report date `yyyy-mm-dd`; nil = today in Vietnam.
    public var asOf: String?
    public var workers: Int

    public init(job: String = "quarter-end", reference: String = "Warehouse/reference", inbox: String = "Jobs/sample/inbox",
                warehouse: String = "Warehouse/warehouse.sqlite", reports: String = "Reports", period: Period? = nil,
                asOf: String? = nil, workers: Int = ProcessInfoLite.activeProcessorCount) {
        self.job = job
        self.reference = reference
        self.inbox = inbox
        self.warehouse = warehouse
        self.reports = reports
        self.period = period
        self.asOf = asOf
        self.workers = workers
    }
}
