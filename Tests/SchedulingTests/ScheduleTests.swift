import Testing
@testable import Scheduling

/// Seconds since the epoch of a time written in the tests (fails the test when unreadable).
func at(_ text: String, sourceLocation: SourceLocation = #_sourceLocation) -> Int64 {
    guard let seconds = Instant.parse(text) else {
        Issue.record("cannot read the time \(text)", sourceLocation: sourceLocation)
        return 0
    }
    return seconds
}

let vietnam = 7 * 3600

@Suite("Schedules in the reporting calendar, at UTC+7")
struct ScheduleTests {
    @Test("the shipped quarter cron: the 10th of the last month of each quarter at 07:00, across the year end")
    func quarterCron() throws {
        let schedule = try Schedule("0 7 10 3,6,9,12 *")
        #expect(schedule.next(after: at("2025-09-10T06:59+07:00"), offsetSeconds: vietnam) == at("2025-09-10T00:00Z"))
        // Exactly at a due time, the next one is the following quarter's.
        #expect(schedule.next(after: at("2025-09-10T07:00+07:00"), offsetSeconds: vietnam) == at("2025-12-10T07:00+07:00"))
        #expect(schedule.next(after: at("2025-12-10T07:00+07:00"), offsetSeconds: vietnam) == at("2026-03-10T07:00+07:00"))
    }

    @Test("a local time early on 1 January is still 31 December in UTC")
    func dateBoundary() throws {
        let schedule = try Schedule("30 5 1 1 *")
        let due = schedule.next(after: at("2025-12-31T20:00Z"), offsetSeconds: vietnam)
        #expect(due == at("2025-12-31T22:30Z"))
        #expect(due.map { LocalTime(epochSeconds: $0, offsetSeconds: vietnam).description } == "2026-01-01 05:30 +07:00")
        // Read in UTC instead, the same expression is seven hours later.
        #expect(schedule.next(after: at("2025-12-31T20:00Z"), offsetSeconds: 0) == at("2026-01-01T05:30Z"))
        // 23:30 UTC on 9 September is already 06:30 on the 10th in Vietnam: due half an hour later.
        let tenth = try Schedule("0 7 10 * *")
        #expect(tenth.next(after: at("2025-09-09T23:30Z"), offsetSeconds: vietnam) == at("2025-09-10T00:00Z"))
        #expect(tenth.next(after: at("2025-09-10T00:00Z"), offsetSeconds: vietnam) == at("2025-10-10T00:00Z"))
        #expect(tenth.next(after: at("2025-09-09T23:59Z"), offsetSeconds: 0) == at("2025-09-10T07:00Z"))
    }

    @Test("N days after the end of each quarter, across quarter and year ends and a leap February")
    func afterQuarterEnd() throws {
        let tenDays = try Schedule("10 days after the end of each quarter at 07:00")
        #expect(tenDays.next(after: at("2025-09-30T12:00+07:00"), offsetSeconds: vietnam) == at("2025-10-10T07:00+07:00"))
        #expect(tenDays.next(after: at("2025-10-10T07:00+07:00"), offsetSeconds: vietnam) == at("2026-01-10T07:00+07:00"))
        #expect(tenDays.next(after: at("2026-01-10T07:00+07:00"), offsetSeconds: vietnam) == at("2026-04-10T07:00+07:00"))
        #expect(try Schedule("0 days after quarter end at 23:30").next(after: at("2025-12-01T00:00Z"), offsetSeconds: vietnam)
                == at("2025-12-31T16:30Z"))
        // 31 December 2023 + 60 days = 29 February 2024.
        #expect(try Schedule("60 days after quarter end at 07:00").next(after: at("2024-01-01T00:00Z"), offsetSeconds: vietnam)
                == at("2024-02-29T07:00+07:00"))
    }

    @Test("on DD/MM each year, and 29/02 only in leap years")
    func yearly() throws {
        let december = try Schedule("on 10/12 each year at 07:00")
        #expect(december.next(after: at("2025-06-01T00:00Z"), offsetSeconds: vietnam) == at("2025-12-10T00:00Z"))
        #expect(december.next(after: at("2025-12-10T00:00Z"), offsetSeconds: vietnam) == at("2026-12-10T00:00Z"))
        #expect(try Schedule("on 29/02 each year at 07:00").next(after: at("2025-01-01T00:00Z"), offsetSeconds: vietnam)
                == at("2028-02-29T07:00+07:00"))
    }

    @Test("cron steps, ranges and weekdays; both day fields restricted match either")
    func cronFields() throws {
        let mondays = try CronExpression("0 7 * * 1")
        // 2025-09-08 was a Monday.
        #expect(mondays.next(after: at("2025-09-05T00:00+07:00"), offsetSeconds: vietnam) == at("2025-09-08T07:00+07:00"))
        let quarterHours = try CronExpression("*/15 8-9 * * *")
        #expect(quarterHours.minutes == [0, 15, 30, 45])
        #expect(quarterHours.hours == [8, 9])
        let either = try CronExpression("0 0 13 * 5")  // the 13th, or any Friday
        #expect(either.next(after: at("2025-06-01T00:00+07:00"), offsetSeconds: vietnam) == at("2025-06-06T00:00+07:00"))
        #expect(try CronExpression("0 0 * * 7").weekdays == [0])
        #expect(try CronExpression("0 0 30 2 *").next(after: 0, offsetSeconds: vietnam) == nil)
    }

    @Test("missed due times are counted, and only the latest is run")
    func dueTimes() throws {
        let schedule = try Schedule("0 7 10 3,6,9,12 *")
        let due = schedule.dueTimes(after: at("2025-03-10T07:00+07:00"), through: at("2025-12-10T08:00+07:00"), offsetSeconds: vietnam)
        #expect(due?.count == 3)
        #expect(due?.latest == at("2025-12-10T07:00+07:00"))
        #expect(schedule.dueTimes(after: at("2025-03-10T07:00+07:00"), through: at("2025-06-10T06:59+07:00"), offsetSeconds: vietnam) == nil)
    }

    @Test("unreadable schedules say what is wrong and what is expected", arguments: [
        ("0 7 10 13 *", "cron month \"13\": 13 is out of range 1–12"),
        ("0 7 10 3,6,9,12", "cron \"0 7 10 3,6,9,12\" has 4 fields; expected 5"),
        ("0 25 * * *", "cron hour \"25\": 25 is out of range 0–23"),
        ("0 7 x * *", "cron day of month \"x\": \"x\" is not a number"),
        ("on 31/04 each year at 07:00", "\"31/04\" is not a day of the year written DD/MM"),
        ("10 days after the end of each quarter at 7h", "\"7h\" is not a time HH:MM"),
        ("every quarter", "expected a cron expression such as \"0 7 10 3,6,9,12 *\""),
    ])
    func errors(text: String, expected: String) {
        #expect {
            try Schedule(text)
        } throws: { error in
            "\(error)".contains(expected)
        }
    }

    @Test("instants typed by operators: with an offset, in UTC, or local")
    func instants() {
        #expect(Instant.parse("2025-09-10T07:00+07:00") == Instant.parse("2025-09-10T00:00:00Z"))
        #expect(Instant.parse("2025-09-10 07:00") == Instant.parse("2025-09-10T00:00Z"))
        #expect(Instant.parse("2025-09-10T00:00:00.000000000Z") == 1_757_462_400)
        #expect(Instant.iso(1_757_462_400) == "2025-09-10T00:00:00Z")
        #expect(Instant.parse("2025-02-30T00:00Z") == nil)
        #expect(Instant.parse("yesterday") == nil)
    }
}
