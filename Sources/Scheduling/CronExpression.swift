/// A five-field cron expression — minute, hour, day of month, month, day of week — with `*`,
/// numbers, ranges `a-b`, steps `*/n` and `a-b/n`, and lists `a,b`. Day of week 0–7 (0 and 7 are
/// Sunday). As in Vixie cron, when both day fields are restricted a day matches either of them.
public struct CronExpression: Sendable, Equatable {
    public let minutes: Set<Int>
    public let hours: Set<Int>
    public let days: Set<Int>
    public let months: Set<Int>
    public let weekdays: Set<Int>
    let daysRestricted: Bool
    let weekdaysRestricted: Bool

    /// Parses `text`; throws a `ScheduleError` naming the field that is wrong.
    public init(_ text: String) throws(ScheduleError) {
        let fields = text.split(whereSeparator: { $0 == " " || $0 == "\t" }).map(String.init)
        guard fields.count == 5 else {
            throw ScheduleError("cron \"\(text)\" has \(fields.count) fields; expected 5: minute hour day-of-month month day-of-week, "
                                + "e.g. \"0 7 10 3,6,9,12 *\"")
        }
        minutes = try Self.field(fields[0], "minute", 0...59)
        hours = try Self.field(fields[1], "hour", 0...23)
        days = try Self.field(fields[2], "day of month", 1...31)
        months = try Self.field(fields[3], "month", 1...12)
        weekdays = Set(try Self.field(fields[4], "day of week", 0...7).map { $0 % 7 })
        daysRestricted = fields[2] != "*"
        weekdaysRestricted = fields[4] != "*"
    }

    static func field(_ text: String, _ name: String, _ range: ClosedRange<Int>) throws(ScheduleError) -> Set<Int> {
        var values: Set<Int> = []
        for part in text.split(separator: ",", omittingEmptySubsequences: false) {
            let pieces = part.split(separator: "/", omittingEmptySubsequences: false)
            guard pieces.count <= 2 else { throw ScheduleError("cron \(name) \"\(text)\": more than one '/' in \"\(part)\"") }
            var step = 1
            if pieces.count == 2 {
                guard let n = Int(pieces[1]), n > 0 else { throw ScheduleError("cron \(name) \"\(text)\": the step after '/' must be 1 or more") }
                step = n
            }
            let base = pieces[0]
            var bounds: ClosedRange<Int>
            if base == "*" {
                bounds = range
            } else {
                let ends = base.split(separator: "-", omittingEmptySubsequences: false)
                guard (1...2).contains(ends.count), let low = Int(ends[0]), let high = Int(ends[ends.count - 1]) else {
                    throw ScheduleError("cron \(name) \"\(text)\": \"\(part)\" is not a number, a range a-b, * or */n")
                }
                guard range.contains(low), range.contains(high) else {
                    throw ScheduleError("cron \(name) \"\(text)\": \(range.contains(low) ? high : low) is out of range "
                                        + "\(range.lowerBound)–\(range.upperBound)")
                }
                guard low <= high else { throw ScheduleError("cron \(name) \"\(text)\": the range \(low)-\(high) runs backwards") }
                bounds = low...high
                if pieces.count == 2 && ends.count == 1 { bounds = low...range.upperBound }  // "5/15" = from 5 every 15
            }
            values.formUnion(stride(from: bounds.lowerBound, through: bounds.upperBound, by: step))
        }
        return values
    }

    func matchesDay(_ time: LocalTime) -> Bool {
        let dayOK = days.contains(time.day)
        let weekdayOK = weekdays.contains(time.weekday)
        if daysRestricted && weekdaysRestricted { return dayOK || weekdayOK }
        return dayOK && weekdayOK
    }

    /// The first matching minute strictly after `epochSeconds`, read at `offsetSeconds`; nil when none
    /// comes within eight years (e.g. "0 0 30 2 *").
    public func next(after epochSeconds: Int64, offsetSeconds: Int) -> Int64? {
        var t = LocalTime(epochSeconds: epochSeconds + 60, offsetSeconds: offsetSeconds)  // the next whole minute
        let limit = t.year + 8
        while t.year <= limit {
            if !months.contains(t.month) {
                t = t.month == 12 ? LocalTime(year: t.year + 1, month: 1, day: 1, offsetSeconds: offsetSeconds)
                    : LocalTime(year: t.year, month: t.month + 1, day: 1, offsetSeconds: offsetSeconds)
                continue
            }
            if !matchesDay(t) {
                t = LocalTime(epochSeconds: LocalTime(year: t.year, month: t.month, day: t.day, offsetSeconds: offsetSeconds).epochSeconds + 86_400,
                              offsetSeconds: offsetSeconds)
                continue
            }
            if !hours.contains(t.hour) {
                t = LocalTime(epochSeconds: LocalTime(year: t.year, month: t.month, day: t.day, hour: t.hour, offsetSeconds: offsetSeconds)
                    .epochSeconds + 3600, offsetSeconds: offsetSeconds)
                continue
            }
            if !minutes.contains(t.minute) {
                t = LocalTime(epochSeconds: t.epochSeconds + 60, offsetSeconds: offsetSeconds)
                continue
            }
            return t.epochSeconds
        }
        return nil
    }
}
