#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// UTC timestamps as fixed-width ISO 8601 text, so that comparing the text compares the times.
public enum Timestamp {
    /// `2025-10-10T07:00:00.000000000Z` from seconds and nanoseconds since the Unix epoch.
    public static func iso(seconds: Int64, nanoseconds: Int = 0) -> String {
        let days = seconds >= 0 ? seconds / 86_400 : (seconds - 86_399) / 86_400
        let secondOfDay = Int(seconds - days * 86_400)
        let (year, month, day) = civilDate(daysSinceEpoch: days)
        func pad(_ n: Int, _ width: Int) -> String {
            let digits = String(n)
            return String(repeating: "0", count: max(0, width - digits.count)) + digits
        }
        return "\(pad(year, 4))-\(pad(month, 2))-\(pad(day, 2))T\(pad(secondOfDay / 3600, 2)):\(pad(secondOfDay / 60 % 60, 2)):"
            + "\(pad(secondOfDay % 60, 2)).\(pad(nanoseconds, 9))Z"
    }

    /// The current UTC time (`clock_gettime(CLOCK_REALTIME)`).
    public static func now() -> String {
        var spec = timespec()
        clock_gettime(CLOCK_REALTIME, &spec)
        return iso(seconds: Int64(spec.tv_sec), nanoseconds: Int(spec.tv_nsec))
    }

    /// Today's date in Vietnam (UTC+7, no daylight saving), `yyyy-mm-dd`.
    public static func todayInVietnam() -> String {
        var spec = timespec()
        clock_gettime(CLOCK_REALTIME, &spec)
        return String(iso(seconds: Int64(spec.tv_sec) + 7 * 3600).prefix(10))
    }

    /// Howard Hinnant's days-to-civil algorithm (proleptic Gregorian calendar).
    static func civilDate(daysSinceEpoch: Int64) -> (Int, Int, Int) {
        let z = daysSinceEpoch + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let day = doy - (153 * mp + 2) / 5 + 1
        let month = mp < 10 ? mp + 3 : mp - 9
        let year = yoe + era * 400 + (month <= 2 ? 1 : 0)
        return (Int(year), Int(month), Int(day))
    }
}
