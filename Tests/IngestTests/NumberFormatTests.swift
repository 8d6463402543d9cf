import Testing
import CCHCCore
@testable import Ingest

/// Numbers the Vietnamese way: decimal comma or point, thousands groups, and `1.234`, which reads
/// two ways until the file's other values settle it. Columns of the canonical header: value 4,
/// numerator 5, denominator 6.
@Suite("Number formats")
struct NumberFormatTests {
    @Test("unambiguous forms and the decimal mark they show", arguments: [
        ("95.5", 95.5, NumberText.DecimalMark.point), ("95,5", 95.5, .comma), ("95,5%", 95.5, .comma), ("0,125", 0.125, .comma),
        ("0.125", 0.125, .point), ("1234.567", 1234.567, .point), ("1.234.567", 1_234_567, .comma), ("1,234,567", 1_234_567, .point),
        ("1.234,5", 1234.5, .comma), ("1,234.5", 1234.5, .point), ("-1.234.567,25", -1_234_567.25, .comma), ("12,3456", 12.3456, .comma),
    ])
    func unambiguous(text: String, value: Double, shows: NumberText.DecimalMark) throws {
        #expect(try NumberText.parse(text) == .number(value, shows: shows))
    }

    @Test("plain integers and blank cells show no decimal mark")
    func plain() throws {
        #expect(try NumberText.parse("120") == .number(120, shows: nil))
        #expect(try NumberText.parse("-3") == .number(-3, shows: nil))
        #expect(try NumberText.parse("  ") == nil)
    }

    @Test("one mark before exactly three digits reads two ways", arguments: ["1.234", "1,234", "12.345", "-123,456"])
    func ambiguous(text: String) throws {
        guard case .ambiguous? = try NumberText.parse(text) else {
            Issue.record("\(text) should be ambiguous")
            return
        }
    }

    @Test("broken groupings are not numbers", arguments: ["1.23.456", "12,34.5", "1,234.567,8", "1.2345.678", "0.123.456", ",", "1..2"])
    func broken(text: String) {
        #expect(throws: NumberText.Failure.self) { try NumberText.parse(text) }
    }

    // MARK: - In a file

    @Test("thousands groups load as whole numbers", arguments: ["\"1.234.567\"", "\"1,234,567\"", "1.234.567"])
    func thousands(cell: String) throws {
        let result = try readSubmission(submission("03721,2025-Q3,CNT,\(cell),,,"))
        expectAccepted(result)
        #expect(result.rows.first?.value == 1_234_567)
    }

    @Test("1.234 alone in a file is an error at its cell, saying why")
    func ambiguousAlone() throws {
        let result = try readSubmission(submission("03721,2025-Q3,PCT,50,,,", "03721,2025-Q3,CNT,1.234,,,"))
        expectSingleError(result, .ambiguousNumber, line: 3, column: 4)
        #expect(result.errors.first?.message.contains("could be 1234 or 1.234") == true)
        #expect(result.errors.first?.messageVi.contains("có thể là 1234 hoặc 1,234") == true)
    }

    @Test("the file's other values settle 1.234, before or after it", arguments: [
        (["03721,2025-Q3,PCT,\"95,5\",,,", "03721,2025-Q3,CNT,1.234,,,"], 1234.0),
        (["03721,2025-Q3,CNT,1.234,,,", "03721,2025-Q3,PCT,\"95,5\",,,"], 1234.0),
        (["03721,2025-Q3,CNT,1.234,,,", "03721,2025-Q3,NUM,\"2.500.000\",,,"], 1234.0),
        (["03721,2025-Q3,NUM,1.234,,,", "03721,2025-Q3,PCT,95.5,,,"], 1.234),
        (["03721,2025-Q3,NUM,\"1,234\",,,", "03721,2025-Q3,PCT,95.5,,,"], 1234.0),
    ])
    func settledByFile(rows: [String], expected: Double) throws {
        let result = try readSubmission(([Fixture.header] + rows).joined(separator: "\n") + "\n")
        expectAccepted(result)
        let ambiguousRow = rows.firstIndex { $0.contains("1.234") || $0.contains("\"1,234\"") }.map { $0 + 2 }
        #expect(result.rows.first { $0.line == ambiguousRow }?.value == expected)
    }

    @Test("a file that uses both decimal marks settles nothing")
    func mixedMarks() throws {
        let result = try readSubmission(submission("03721,2025-Q3,PCT,95.5,,,", "03721,2025-Q3,PCT2,\"4,5\",,,", "03721,2025-Q3,CNT,1.234,,,"))
        expectSingleError(result, .ambiguousNumber, line: 4, column: 4)
        #expect(result.errors.first?.message.contains("both") == true)
    }

    @Test("a percentage or yes/no value with only one possible reading is read that way")
    func onlyOneReading() throws {
        let result = try readSubmission(submission("03721,2025-Q3,PCT,88.605,17721,20000,", "03721,2025-Q3,BOOL,\"1,000\",,,"))
        expectAccepted(result)
        #expect(result.rows.map(\.value) == [88.605, 1])
    }

    @Test("a settled value is still checked: 1.234 read as 1234 is no percentage")
    func settledThenChecked() throws {
        let result = try readSubmission(submission("03721,2025-Q3,NUM,\"0,5\",,,", "03721,2025-Q3,PCT,1.234,,,"))
        expectSingleError(result, .percentOutOfRange, line: 3, column: 4)
    }

    // MARK: - Cells beyond the header

    @Test("an unquoted decimal comma in a comma file splits the row: too_many_cells at the extra cell")
    func tooManyCells() throws {
        let short = try readSubmission("unit_code,period,indicator_code,value\n03721,2025-Q3,PCT,85,5\n")
        expectSingleError(short, .tooManyCells, line: 2, column: 5)
        #expect(short.errors.first?.message.contains("the row has 5 cells but the header has 4 columns") == true)
        let full = try readSubmission(submission("03721,2025-Q3,PCT,50,,,", "03721,2025-Q3,PCT2,85,5,17,20,ghi chú"))
        expectSingleError(full, .tooManyCells, line: 3, column: 8)
    }

    @Test("blank cells beyond the header (trailing delimiters) are fine")
    func trailingDelimiters() throws {
        expectAccepted(try readSubmission(submission("03721,2025-Q3,PCT,50,,,,,", "03721,2025-Q3,CNT,3,,,, ,")))
    }
}
