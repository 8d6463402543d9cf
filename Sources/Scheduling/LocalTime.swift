/// A wall-clock minute at a fixed offset from UTC (Asia/Ho_Chi_Minh is UTC+7 all year: Vietnam has
/// no daylight saving, so a fixed offset is exact). Converts to and from seconds since the Unix epoch
/// with Howard Hinnant's civil-date algorithms (proleptic Gregorian calendar).
public struct LocalTime: Hashable, Comparable, Sendable, CustomStringConvertible {
    public var year: Int
    public var month: Int
    public var day: Int
    public var hour: Int
    public var minute: Int
    /// Seconds east of UTC.
    public var offsetSeconds: Int

    public init(year: Int, month: Int, day: Int, hour: Int = 0, minute: Int = 0, offsetSeconds: Int) {
        self.year = year
        self.month = month
        self.day = day
        self.hour = hour
        self.minute = minute
        self.offsetSeconds = offsetSeconds
    }

    /// The local minute containing the instant `epochSeconds`.
    public init(epochSeconds: Int64, offsetSeconds: Int) {
        let local = epochSeconds + Int64(offsetSeconds)
        let days = local >= 0 ? local / 86_400 : (local - 86_399) / 86_400
        let secondOfDay = Int(local - days * 86_400)
        let (y, m, d) = Self.civil(days: days)
        self.init(year: y, month: m, day: d, hour: secondOfDay / 3600, minute: secondOfDay / 60 % 60, offsetSeconds: offsetSeconds)
    }

    /// Seconds since the Unix epoch of this minute's start.
    public var epochSeconds: Int64 {
        Self.days(year: year, month: month, day: day) * 86_400 + Int64(hour * 3600 + minute * 60) - Int64(offsetSeconds)
    }

    /// `2025-09-10 07:00 +07:00`.
    public var description: String {
        "\(Self.pad(year, 4))-\(Self.pad(month, 2))-\(Self.pad(day, 2)) \(Self.pad(hour, 2)):\(Self.pad(minute, 2)) \(Self.offsetText(offsetSeconds))"
    }

    public static func < (lhs: LocalTime, rhs: LocalTime) -> Bool { lhs.epochSeconds < rhs.epochSeconds }

    /// `+07:00`.
    public static func offsetText(_ seconds: Int) -> String {
        "\(seconds < 0 ? "-" : "+")\(pad(abs(seconds) / 3600, 2)):\(pad(abs(seconds) / 60 % 60, 2))"
    }

    static func pad(_ n: Int, _ width: Int) -> String {
        let digits = String(n)
        return String(repeating: "0", count: max(0, width - digits.count)) + digits
    }

    public static func isLeap(_ year: Int) -> Bool { year % 4 == 0 && (year % 100 != 0 || year % 400 == 0) }

    public static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: isLeap(year) ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }

    /// Days since 1970-01-01 of a civil date (`days_from_civil`).
    public static func days(year: Int, month: Int, day: Int) -> Int64 {
        let y = Int64(month <= 2 ? year - 1 : year)
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let mp = Int64(month > 2 ? month - 3 : month + 9)
        let doy = (153 * mp + 2) / 5 + Int64(day) - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }

    /// The civil date of a day count since 1970-01-01 (`civil_from_days`).
    public static func civil(days: Int64) -> (year: Int, month: Int, day: Int) {
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let day = doy - (153 * mp + 2) / 5 + 1
        let month = mp < 10 ? mp + 3 : mp - 9
        return (Int(yoe + era * 400 + (month <= 2 ? 1 : 0)), Int(month), Int(day))
    }

    /// Day of the week, 0 = Sunday … 6 = Saturday (1970-01-01 was a Thursday).
    public var weekday: Int {
        let d = Self.days(year: year, month: month, day: day)
        return Int(((d % 7) + 7 + 4) % 7)
    }
}
