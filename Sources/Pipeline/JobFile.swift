import CCHCCore
import Foundation

/// A job file in `Jobs/` (JSON): the defaults a batch runs with. Paths are relative to the folder
/// `cchc` runs in (the repository root for the shipped jobs).
public struct JobFile: Decodable, Sendable, Equatable {
    public var name: String
    public var description: String?
    public var reference: String?
    public var inbox: String?
    public var warehouse: String?
    public var reports: String?
    public var period: String?
    public var steps: [String]?

    public static let defaultPath = "Jobs/quarter-end.json"

    /// Reads and checks the job file at `path`.
    public static func load(path: String) throws -> JobFile {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw PipelineError("\(path): cannot read the job file")
        }
        let job: JobFile
        do {
            job = try JSONDecoder().decode(JobFile.self, from: data)
        } catch let DecodingError.dataCorrupted(context) {
            throw PipelineError("\(path): not valid JSON (\(context.debugDescription)); expected a JSON object such as Jobs/quarter-end.json")
        } catch let DecodingError.keyNotFound(key, _) {
            throw PipelineError("\(path): the job has no \"\(key.stringValue)\"; expected a name")
        } catch let DecodingError.typeMismatch(_, context) {
            let field = context.codingPath.map(\.stringValue).joined(separator: ".")
            throw PipelineError("\(path): \"\(field)\" has the wrong type; expected text")
        }
        if let period = job.period, Period(period) == nil {
            throw PipelineError("\(path): period \"\(period)\"; expected a period such as 2025-Q3")
        }
        return job
    }

    /// The batch options this job gives, before flags override them.
    public func options() -> BatchOptions {
        var options = BatchOptions(job: name)
        if let reference { options.reference = reference }
        if let inbox { options.inbox = inbox }
        if let warehouse { options.warehouse = warehouse }
        if let reports { options.reports = reports }
        if let period { options.period = Period(period) }
        return options
    }
}
