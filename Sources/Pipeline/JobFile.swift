import CCHCCore
import Foundation

/// A job file in `Jobs/` (JSON, edited by hand): parameters, steps with their dependencies (a DAG),
/// a schedule, a retry policy and timeouts. Every error names the file, line and column to fix.
/// Paths are relative to the folder `cchc` runs in (the repository root for the shipped jobs).
///
/// The schedule is kept as text with its position: `Scheduling` parses it (it depends on this module).
public struct JobFile: Sendable {
    /// Which period a run works on.
    public enum PeriodSpec: Sendable, Equatable {
        /// The most recent period folder in the inbox.
        case latest
        case fixed(Period)
        /// The quarter or year containing the run's date (the scheduled date for the daemon).
        case current(Period.Kind)
        /// The one before it.
        case previous(Period.Kind)

        /// The period for a run dated `year`-`month` (local time); nil = look in the inbox.
        public func resolve(year: Int, month: Int) -> Period? {
            switch self {
            case .latest: return nil
            case .fixed(let period): return period
            case .current(let kind), .previous(let kind):
                let number = kind == .year ? 1 : (month - 1) / (kind == .quarter ? 3 : kind == .half ? 6 : 1) + 1
                guard let current = Period(kind: kind, year: year, number: number) else { return nil }
                if case .previous = self { return current.previous }
                return current
            }
        }
    }

    public var path: String
    public var name: String
    public var description: String?
    public var reference: String?
    public var inbox: String?
    public var warehouse: String?
    public var reports: String?
    public var period: PeriodSpec = .latest
    /// Also write the Excel-vi variant of the CSV reports (`"excel_vi": true`).
    public var excelVietnamese: Bool?
    /// The schedule's text and where it is, or nil for a job run by hand only.
    public var schedule: (text: String, location: InputLocation)?
    /// Seconds east of UTC the schedule is read in; Asia/Ho_Chi_Minh (UTC+7, no daylight saving) by default.
    public var timezoneOffsetSeconds = 7 * 3600
    public var retry = RetryPolicy()
    public var timeoutSeconds: Double?
    /// In a topological order of their dependencies (file order among independent steps).
    public var steps: [StepSpec] = StepSpec.standard

    public static let defaultPath = "Jobs/quarter-end.json"

    /// Reads and checks the job file at `path`.
    public static func load(path: String) throws(JobFileError) -> JobFile {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw JobFileError(InputLocation(path: path), "cannot read the job file")
        }
        return try parse([UInt8](data), path: path)
    }

    /// Parses and checks a job file's bytes; `path` is used in error messages.
    public static func parse(_ bytes: [UInt8], path: String) throws(JobFileError) -> JobFile {
        let root: JSONNode
        do {
            root = try JSONNode.parse(bytes)
        } catch {
            throw JobFileError(InputLocation(path: path, line: error.line, column: error.column), "not valid JSON: \(error.reason)")
        }
        var reader = JobReader(path: path)
        return try reader.job(root)
    }

    /// The batch options this job gives for a run dated `year`-`month` (local), before flags override them.
    public func options(year: Int, month: Int, scheduledFor: String? = nil) -> BatchOptions {
        var options = BatchOptions(job: name, steps: steps, retry: retry, timeoutSeconds: timeoutSeconds, scheduledFor: scheduledFor)
        if let reference { options.reference = reference }
        if let inbox { options.inbox = inbox }
        if let warehouse { options.warehouse = warehouse }
        if let reports { options.reports = reports }
        if let excelVietnamese { options.excelVietnamese = excelVietnamese }
        options.period = period.resolve(year: year, month: month)
        return options
    }

    /// The warehouse this job writes (its parameter, or the default).
    public var warehousePath: String { warehouse ?? BatchOptions().warehouse }
}

/// A job file that cannot be used: where (file, line, column) and why.
public struct JobFileError: Error, CustomStringConvertible, Sendable {
    public var location: InputLocation
    public var reason: String

    public init(_ location: InputLocation, _ reason: String) {
        self.location = location
        self.reason = reason
    }

    public var description: String { "\(location): \(reason)" }
}
