import Testing
import CCHCCore

@Suite("Period")
struct PeriodTests {
    // MARK: - Parsing

    @Test("parses every canonical form", arguments: [
        ("2025", Period.Kind.year, 2025, 1),
        ("2025-H1", .half, 2025, 1),
        ("2025-H2", .half, 2025, 2),
        ("2025-Q1", .quarter, 2025, 1),
        ("2025-Q3", .quarter, 2025, 3),
        ("2025-Q4", .quarter, 2025, 4),
        ("2025-01", .month, 2025, 1),
        ("2025-07", .month, 2025, 7),
        ("2025-12", .month, 2025, 12),
        ("2025-q3", .quarter, 2025, 3),
        ("2025-h2", .half, 2025, 2),
        ("  2025-Q3\t", .quarter, 2025, 3),
        ("\r\n2024\n", .year, 2024, 1),
    ])
    func parses(text: String, kind: Period.Kind, year: Int, number: Int) throws {
        let period = try #require(Period(text))
        #expect(period.kind == kind)
        #expect(period.year == year)
        #expect(period.number == number)
    }

    @Test("refuses malformed periods", arguments: [
        "", " ", "2025-Q5", "2025-Q0", "2025-H0", "2025-H3", "2025-13", "2025-00", "25-Q1", "025-Q1",
        "20250", "2025-", "2025-Q", "2025-Q10", "2025-7", "2025-007", "2025Q3", "2025-Q3-1", "2025--Q3",
        "-2025", "abcd", "2025-X1", "2025-+1", "2025-Q+", "0999", "+202", "2025 Q3", "Q3-2025",
    ])
    func refuses(text: String) {
        #expect(Period(text) == nil)
    }

    @Test("describes itself in canonical form", arguments: [
        ("2025", "2025"), ("2025-h2", "2025-H2"), ("2025-q3", "2025-Q3"), ("2025-07", "2025-07"), ("2025-11", "2025-11"),
    ])
    func description(text: String, expected: String) throws {
        let period = try #require(Period(text))
        #expect(period.description == expected)
        #expect(Period(period.description) == period)
    }

    @Test("the memberwise initialiser refuses numbers outside the kind's range")
    func memberwiseBounds() {
        #expect(Period(kind: .quarter, year: 2025, number: 5) == nil)
        #expect(Period(kind: .quarter, year: 2025, number: 0) == nil)
        #expect(Period(kind: .half, year: 2025, number: 3) == nil)
        #expect(Period(kind: .month, year: 2025, number: 13) == nil)
        #expect(Period(kind: .year, year: 2025, number: 2) == nil)
        #expect(Period(kind: .year, year: 999, number: 1) == nil)
        #expect(Period(kind: .month, year: 2025, number: 12) == Period("2025-12"))
    }

    // MARK: - Previous period

    @Test("previous is the period of the same kind just before", arguments: [
        ("2025", "2024"),
        ("2025-H2", "2025-H1"),
        ("2025-H1", "2024-H2"),
        ("2025-Q3", "2025-Q2"),
        ("2025-Q2", "2025-Q1"),
        ("2025-Q1", "2024-Q4"),
        ("2025-10", "2025-09"),
        ("2025-02", "2025-01"),
        ("2025-01", "2024-12"),
    ])
    func previous(text: String, expected: String) throws {
        let period = try #require(Period(text))
        #expect(period.previous.description == expected)
        #expect(period.previous.kind == period.kind)
    }

    // MARK: - Dates

    @Test("start and end dates", arguments: [
        ("2025", "2025-01-01", "2025-12-31"),
        ("2025-H1", "2025-01-01", "2025-06-30"),
        ("2025-H2", "2025-07-01", "2025-12-31"),
        ("2025-Q1", "2025-01-01", "2025-03-31"),
        ("2025-Q2", "2025-04-01", "2025-06-30"),
        ("2025-Q3", "2025-07-01", "2025-09-30"),
        ("2025-Q4", "2025-10-01", "2025-12-31"),
        ("2025-01", "2025-01-01", "2025-01-31"),
        ("2025-02", "2025-02-01", "2025-02-28"),
        ("2024-02", "2024-02-01", "2024-02-29"),
        ("2000-02", "2000-02-01", "2000-02-29"),
        ("1900-02", "1900-02-01", "1900-02-28"),
        ("2100-02", "2100-02-01", "2100-02-28"),
        ("2025-04", "2025-04-01", "2025-04-30"),
        ("2025-06", "2025-06-01", "2025-06-30"),
        ("2025-09", "2025-09-01", "2025-09-30"),
        ("2025-11", "2025-11-01", "2025-11-30"),
        ("2025-12", "2025-12-01", "2025-12-31"),
    ])
    func dates(text: String, start: String, end: String) throws {
        let period = try #require(Period(text))
        #expect(period.startDate == start)
        #expect(period.endDate == end)
    }

    // MARK: - Labels

    @Test("Vietnamese labels", arguments: [
        ("2025", "Năm 2025"),
        ("2025-H1", "6 tháng đầu năm 2025"),
        ("2025-H2", "6 tháng cuối năm 2025"),
        ("2025-Q1", "Quý I/2025"),
        ("2025-Q2", "Quý II/2025"),
        ("2025-Q3", "Quý III/2025"),
        ("2025-Q4", "Quý IV/2025"),
        ("2025-07", "Tháng 7/2025"),
        ("2025-12", "Tháng 12/2025"),
    ])
    func vietnameseLabel(text: String, expected: String) throws {
        #expect(try #require(Period(text)).vietnameseLabel == expected)
    }

    // MARK: - Overlap

    @Test("overlaps a closed date range, blank or nil bounds being open", arguments: [
        (nil, nil, true),
        ("", "", true),
        ("2025-07-01", nil, true),
        ("2025-09-30", nil, true),
        ("2025-10-01", nil, false),
        (nil, "2025-07-01", true),
        (nil, "2025-06-30", false),
        ("2025-08-15", "2025-08-20", true),
        ("2025-01-01", "2025-12-31", true),
        ("2024-01-01", "2025-06-30", false),
        ("2025-10-01", "2026-12-31", false),
        ("2025-06-30", "2025-07-01", true),
        ("", "2025-06-30", false),
        ("2025-10-01", "", false),
    ] as [(String?, String?, Bool)])
    func overlaps(from: String?, to: String?, expected: Bool) throws {
        let quarter = try #require(Period("2025-Q3"))
        #expect(quarter.overlaps(validFrom: from, validTo: to) == expected)
    }

    // MARK: - Order

    @Test("orders by start date, then end date")
    func order() throws {
        let texts = ["2025-Q4", "2025", "2024-12", "2025-H2", "2025-Q3", "2025-07", "2024"]
        let sorted = try texts.map { try #require(Period($0)) }.sorted().map(\.description)
        #expect(sorted == ["2024", "2024-12", "2025", "2025-07", "2025-Q3", "2025-H2", "2025-Q4"])
        #expect(try #require(Period("2025-Q2")) < #require(Period("2025-Q3")))
        #expect(try #require(Period("2024")) < #require(Period("2025-01")))
        #expect(!(try #require(Period("2025-Q3")) < #require(Period("2025-Q3"))))
    }
}
