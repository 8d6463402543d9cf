import Testing
import CCHCCore

@Suite("Timestamp")
struct TimestampTests {
    @Test("ISO 8601 text for known instants", arguments: [
        (Int64(0), "1970-01-01T00:00:00.000000000Z"),
        (Int64(59), "1970-01-01T00:00:59.000000000Z"),
        (Int64(86_399), "1970-01-01T23:59:59.000000000Z"),
        (Int64(86_400), "1970-01-02T00:00:00.000000000Z"),
        (Int64(-1), "1969-12-31T23:59:59.000000000Z"),
        (Int64(-86_400), "1969-12-31T00:00:00.000000000Z"),
        (Int64(951_868_799), "2000-02-29T23:59:59.000000000Z"),
        (Int64(1_709_164_800), "2024-02-29T00:00:00.000000000Z"),
        (Int64(1_709_210_096), "2024-02-29T12:34:56.000000000Z"),
        (Int64(1_709_251_200), "2024-03-01T00:00:00.000000000Z"),
        (Int64(1_760_079_600), "2025-10-10T07:00:00.000000000Z"),
        (Int64(4_107_542_400), "2100-03-01T00:00:00.000000000Z"),
    ])
    func iso(seconds: Int64, expected: String) {
        #expect(Timestamp.iso(seconds: seconds) == expected)
    }

    @Test("nanoseconds are padded to nine digits", arguments: [
        (0, "2025-10-10T07:00:00.000000000Z"),
        (5, "2025-10-10T07:00:00.000000005Z"),
        (1_000, "2025-10-10T07:00:00.000001000Z"),
        (120_000_000, "2025-10-10T07:00:00.120000000Z"),
        (999_999_999, "2025-10-10T07:00:00.999999999Z"),
    ])
    func nanoseconds(nanoseconds: Int, expected: String) {
        #expect(Timestamp.iso(seconds: 1_760_079_600, nanoseconds: nanoseconds) == expected)
    }

    @Test("fixed width, so text order is time order")
    func fixedWidth() {
        let earlier = Timestamp.iso(seconds: 1_760_079_599, nanoseconds: 999_999_999)
        let later = Timestamp.iso(seconds: 1_760_079_600, nanoseconds: 1)
        #expect(earlier.count == 30)
        #expect(later.count == 30)
        #expect(earlier < later)
    }

    @Test("now and today have the documented shapes")
    func nowAndToday() {
        let now = Timestamp.now()
        #expect(now.count == 30)
        #expect(now.hasSuffix("Z"))
        #expect(now >= "2025-01-01T00:00:00.000000000Z")
        let today = Timestamp.todayInVietnam()
        #expect(today.count == 10)
        #expect(Period(String(today.prefix(7))) != nil)
    }
}
