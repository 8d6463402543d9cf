/// When a job is due, in the words of the Vietnamese reporting calendar or as cron. Written in a job
/// file as one of:
/// - `"0 7 10 3,6,9,12 *"` — a five-field cron expression;
/// - `"10 days after the end of each quarter at 07:00"` — also `"… after quarter end at 07:00"`;
/// - `"on 10/12 each year at 07:00"` — day/month, as Vietnamese dates are written.
/// Times are read at the job's `timezone_offset` (Asia/Ho_Chi_Minh, +07:00, by default).
public enum Schedule: Sendable, Equatable {
    case cron(CronExpression)
    case afterQuarterEnd(days: Int, hour: Int, minute: Int)
    case yearly(day: Int, month: Int, hour: Int, minute: Int)

    public static let expected = "expected a cron expression such as \"0 7 10 3,6,9,12 *\", "
        + "\"N days after the end of each quarter at HH:MM\" or \"on DD/MM each year at HH:MM\""

    public init(_ text: String) throws(ScheduleError) {
        let words = text.lowercased().split(separator: " ").map(String.init)
        if words.first == "on" {
            guard words.count == 6, words[2] == "each", words[3] == "year", words[4] == "at" else {
                throw ScheduleError("schedule \"\(text)\": \(Self.expected)")
            }
            let date = words[1].split(separator: "/").map { Int($0) }
            guard date.count == 2, let day = date[0], let month = date[1], (1...12).contains(month),
                  (1...LocalTime.daysIn(month: month, year: 2024)).contains(day)
            else { throw ScheduleError("schedule \"\(text)\": \"\(words[1])\" is not a day of the year written DD/MM, e.g. 10/12") }
            let (hour, minute) = try Self.clock(words[5], text)
            self = .yearly(day: day, month: month, hour: hour, minute: minute)
        } else if words.count >= 2, words[1] == "days" || words[1] == "day", let days = Int(words[0]) {
            let middle = words.dropFirst(2).dropLast(2).joined(separator: " ")
            guard ["after the end of each quarter", "after quarter end", "after the end of the quarter"].contains(middle),
                  words.count >= 4, words[words.count - 2] == "at"
            else { throw ScheduleError("schedule \"\(text)\": \(Self.expected)") }
            guard (0...80).contains(days) else {
                throw ScheduleError("schedule \"\(text)\": \(days) days after the end of a quarter; expected 0 to 80 (before the next one ends)")
            }
            let (hour, minute) = try Self.clock(words[words.count - 1], text)
            self = .afterQuarterEnd(days: days, hour: hour, minute: minute)
        } else if words.count == 5 || words.allSatisfy({ $0.allSatisfy { "0123456789*/,-".contains($0) } }) {
            self = .cron(try CronExpression(text))
        } else {
            throw ScheduleError("schedule \"\(text)\": \(Self.expected)")
        }
    }

    static func clock(_ word: String, _ text: String) throws(ScheduleError) -> (Int, Int) {
        let parts = word.split(separator: ":")
        guard parts.count == 2, parts[1].count == 2, let hour = Int(parts[0]), let minute = Int(parts[1]), (0...23).contains(hour),
              (0...59).contains(minute)
        else { throw ScheduleError("schedule \"\(text)\": \"\(word)\" is not a time HH:MM, e.g. 07:00") }
        return (hour, minute)
    }

    /// The first due time strictly after `epochSeconds` (seconds since the Unix epoch).
    public func next(after epochSeconds: Int64, offsetSeconds: Int) -> Int64? {
        switch self {
        case .cron(let cron):
            return cron.next(after: epochSeconds, offsetSeconds: offsetSeconds)
        case .afterQuarterEnd(let days, let hour, let minute):
            let now = LocalTime(epochSeconds: epochSeconds, offsetSeconds: offsetSeconds)
            // The quarter ending before this one, this one, and the next few: the first due after `now`.
            for index in (now.year * 4 + (now.month - 1) / 3 - 2)...(now.year * 4 + (now.month - 1) / 3 + 2) {
                let year = index / 4, lastMonth = index % 4 * 3 + 3
                let end = LocalTime.days(year: year, month: lastMonth, day: LocalTime.daysIn(month: lastMonth, year: year))
                let (y, m, d) = LocalTime.civil(days: end + Int64(days))
                let due = LocalTime(year: y, month: m, day: d, hour: hour, minute: minute, offsetSeconds: offsetSeconds).epochSeconds
                if due > epochSeconds { return due }
            }
            return nil
        case .yearly(let day, let month, let hour, let minute):
            let now = LocalTime(epochSeconds: epochSeconds, offsetSeconds: offsetSeconds)
            for year in now.year...(now.year + 8) where day <= LocalTime.daysIn(month: month, year: year) {
                let due = LocalTime(year: year, month: month, day: day, hour: hour, minute: minute, offsetSeconds: offsetSeconds).epochSeconds
                if due > epochSeconds { return due }
            }
            return nil
        }
    }

    /// The due times in `(after, through]`: how many, and the latest. Walks forward, so a long
    /// downtime on a per-minute cron costs one step per missed minute (about half a million a year).
    public func dueTimes(after: Int64, through: Int64, offsetSeconds: Int) -> (count: Int, latest: Int64)? {
        var count = 0
        var latest: Int64?
        var cursor = after
        while let due = next(after: cursor, offsetSeconds: offsetSeconds), due <= through {
            count += 1
            latest = due
            cursor = due
        }
        return latest.map { (count, $0) }
    }
}

/// A schedule that cannot be read, with what was expected.
public struct ScheduleError: Error, CustomStringConvertible, Sendable {
    public let description: String

    public init(_ description: String) {
        self.description = description
    }
}
