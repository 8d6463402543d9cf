import CCHCCore
import Pipeline

/// A job file with its schedule read: what the daemon runs and `cchc schedule` shows.
public struct ScheduledJob: Sendable {
    public var file: JobFile
    /// nil for a job without a `schedule` (run by hand only).
    public var schedule: Schedule?

    public var name: String { file.name }
    public var offsetSeconds: Int { file.timezoneOffsetSeconds }

    public init(file: JobFile) throws(JobFileError) {
        self.file = file
        if let (text, location) = file.schedule {
            do {
                schedule = try Schedule(text)
            } catch {
                throw JobFileError(location, error.description)
            }
        }
    }

    /// Reads the job file at `path` and its schedule; every error carries the file, line and column.
    public static func load(path: String) throws(JobFileError) -> ScheduledJob {
        try ScheduledJob(file: JobFile.load(path: path))
    }

    /// The next due time strictly after `epochSeconds`.
    public func next(after epochSeconds: Int64) -> Int64? {
        schedule?.next(after: epochSeconds, offsetSeconds: offsetSeconds)
    }

    /// The batch options for a run at `epochSeconds` (the scheduled time for the daemon, now for
    /// `cchc run`): relative periods such as `current-quarter` are read at that local date.
    public func options(at epochSeconds: Int64, scheduled: Bool) -> BatchOptions {
        let local = LocalTime(epochSeconds: epochSeconds, offsetSeconds: offsetSeconds)
        return file.options(year: local.year, month: local.month,
                            scheduledFor: scheduled ? Timestamp.iso(seconds: epochSeconds).replacingNanoseconds() : nil)
    }
}

extension String {
    /// `2025-09-10T00:00:00.000000000Z` → `2025-09-10T00:00:00Z` (scheduled times are whole minutes).
    func replacingNanoseconds() -> String {
        guard count == 30, hasSuffix("Z") else { return self }
        return String(prefix(19)) + "Z"
    }
}

/// Instants as the warehouse stores them (UTC ISO 8601) and as operators type them.
public enum Instant {
    /// Parses `2025-09-10T07:00:00+07:00`, `2025-09-10T00:00:00Z`, `2025-09-10T00:00Z`, with optional
    /// fractional seconds (ignored), or `2025-09-10 07:00` read at `defaultOffset`.
    public static func parse(_ text: String, defaultOffset: Int = 7 * 3600) -> Int64? {
        var body = Substring(text.trimmingASCIIWhitespace())
        var offset = defaultOffset
        if body.hasSuffix("Z") || body.hasSuffix("z") {
            offset = 0
            body = body.dropLast()
        } else if body.count > 16, let sign = body.dropFirst(16).lastIndex(where: { $0 == "+" || $0 == "-" }) {
            let zone = String(body[sign...])
            let digits = zone.dropFirst().filter { $0 != ":" }
            guard digits.count == 4, let hh = Int(digits.prefix(2)), let mm = Int(digits.suffix(2)) else { return nil }
            offset = (zone.first == "-" ? -1 : 1) * (hh * 3600 + mm * 60)
            body = body[..<sign]
        }
        let chars = Array(body)
        guard chars.count >= 16, chars[4] == "-", chars[7] == "-", chars[10] == "T" || chars[10] == " ", chars[13] == ":",
              let year = Int(String(chars[0..<4])), let month = Int(String(chars[5..<7])), let day = Int(String(chars[8..<10])),
              let hour = Int(String(chars[11..<13])), let minute = Int(String(chars[14..<16])),
              (1...12).contains(month), (1...LocalTime.daysIn(month: month, year: year)).contains(day), (0...23).contains(hour),
              (0...59).contains(minute)
        else { return nil }
        var seconds = 0
        if chars.count > 16 {
            guard chars[16] == ":", chars.count >= 19, let s = Int(String(chars[17..<19])), (0...59).contains(s) else { return nil }
            seconds = s
        }
        return LocalTime(year: year, month: month, day: day, hour: hour, minute: minute, offsetSeconds: offset).epochSeconds + Int64(seconds)
    }

    /// UTC ISO 8601 without fractions: `2025-09-10T00:00:00Z`.
    public static func iso(_ epochSeconds: Int64) -> String {
        Timestamp.iso(seconds: epochSeconds).replacingNanoseconds()
    }
}
