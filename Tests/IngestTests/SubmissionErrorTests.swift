import Testing
import TestSupport
import CCHCCore
import Ingest

/// Every class of error a submission can have: the exact code, line and column.
/// Columns of the canonical header: unit_code 1, period 2, indicator_code 3, value 4, numerator 5, denominator 6, note 7.
@Suite("Submission errors")
struct SubmissionErrorTests {
    // MARK: - Whole-file and header errors

    @Test("a header without a required column", arguments: [
        ("period,indicator_code,value", "unit_code"),
        ("unit_code,indicator_code,value", "period"),
        ("unit_code,period,value,numerator,denominator", "indicator_code"),
        ("unit_code,period,indicator_code,numerator,denominator,note", "value"),
    ])
    func missingColumn(header: String, missing: String) throws {
        let result = try readSubmission(header + "\n03721,2025-Q3,PCT,50\n03721,2025-Q3,BOOL,7\n")
        expectSingleError(result, .missingColumn, line: 1, column: nil)
        #expect(result.errors.first?.message.contains(missing) == true)
    }

    @Test("a header on a later line after blank lines is located there")
    func missingColumnAfterBlankLines() throws {
        let result = try readSubmission("\n\nunit_code,period,value\n03721,2025-Q3,50\n")
        expectSingleError(result, .missingColumn, line: 3, column: nil)
    }

    @Test("an empty file: header only, header and blank lines, or nothing at all", arguments: [
        Fixture.header + "\n",
        Fixture.header,
        Fixture.header + "\r\n\r\n,,,,,,\r\n\r\n",
        "",
        "\n\n",
    ])
    func emptyFile(text: String) throws {
        expectSingleError(try readSubmission(text), .emptyFile, line: nil, column: nil)
    }

    @Test("UTF-16 cut in the middle of a character is an unreadable encoding with no line or column")
    func utf16() throws {
        let bytes = Legacy.utf16(submission("03721,2025-Q3,PCT,50,,,"), bigEndian: false) + [0x41]
        expectSingleError(try readSubmission(bytes: bytes), .unreadableEncoding, line: nil, column: nil)
    }

    @Test("invalid UTF-8 is an unreadable encoding with no line or column, and nothing else", arguments: [
        Array(submission("03721,2025-Q3,PCT,50,,,").utf8) + Array("03721,2025-Q3,CNT,1,,,M".utf8) + [0xE3, 0x0A],
        Array(submission("03721,2025-Q3,PCT,50,,,").utf8) + Array("03721,2025-Q3,CNT,1,,,M".utf8) + [0xE3],
        Array(submission().utf8) + [0x30, 0x33, 0x37, 0x32, 0xB1] + Array(",2025-Q3,PCT,50,,,\n".utf8),
    ])
    func invalidUTF8(bytes: [UInt8]) throws {
        expectSingleError(try readSubmission(bytes: bytes), .unreadableEncoding, line: nil, column: nil)
    }

    @Test("malformed CSV is located where the broken record starts")
    func malformedCSV() throws {
        let result = try readSubmission(submission("03721,2025-Q3,PCT,50,,,", "03721,2025-Q3,CNT,1,,,\"never closed", "03721,2025-Q3,BOOL,1,,,"))
        #expect(result.errors.map(\.code) == [.malformedCSV])
        #expect(result.errors.first?.location == InputLocation(path: Fixture.displayPath, line: 3, column: 7))
    }

    // MARK: - Row errors

    @Test("a value that is not a number", arguments: ["abc", "1 234", "1e5", "inf", "nan", "\"1.23,4\"", "\"1,2,3\"", "1.2.3", "--1", "%", "12a", "0x10"])
    func nonNumericValue(cell: String) throws {
        let result = try readSubmission(submission("03721,2025-Q3,CNT,3,,,", "03721,2025-Q3,PCT,\(cell),,,"))
        expectSingleError(result, .nonNumericValue, line: 3, column: 4)
    }

    @Test("a numerator or denominator that is not a number")
    func nonNumericComponents() throws {
        expectSingleError(try readSubmission(submission("03721,2025-Q3,PCT,,4x,10,")), .nonNumericValue, line: 2, column: 5)
        expectSingleError(try readSubmission(submission("03721,2025-Q3,PCT,,4,ten,")), .nonNumericValue, line: 2, column: 6)
    }

    @Test("every non-numeric cell of a row is reported")
    func allNonNumericCellsOfARow() throws {
        let result = try readSubmission(submission("03721,2025-Q3,PCT,abc,x,y,"))
        #expect(result.errors.map(\.code) == [.nonNumericValue, .nonNumericValue, .nonNumericValue])
        #expect(result.errors.map { $0.location?.column } == [4, 5, 6])
    }

    @Test("a percentage outside 0–100", arguments: ["100.5", "101%", "-1", "\"-0,5\"", "1000"])
    func percentOutOfRange(cell: String) throws {
        expectSingleError(try readSubmission(submission("03721,2025-Q3,PCT,\(cell),,,")), .percentOutOfRange, line: 2, column: 4)
    }

    @Test("percentages at the bounds are accepted", arguments: ["0", "100", "100%", "\"100,0\"", "0.0"])
    func percentBounds(cell: String) throws {
        expectAccepted(try readSubmission(submission("03721,2025-Q3,PCT,\(cell),,,")))
    }

    @Test("a negative count", arguments: ["-1", "-0.5", "\"-3,5\""])
    func negativeCount(cell: String) throws {
        expectSingleError(try readSubmission(submission("03721,2025-Q3,CNT,\(cell),,,")), .negativeValue, line: 2, column: 4)
    }

    @Test("a zero count is accepted")
    func zeroCount() throws {
        expectAccepted(try readSubmission(submission("03721,2025-Q3,CNT,0,,,")))
    }

    @Test("a negative numerator or denominator")
    func negativeComponents() throws {
        expectSingleError(try readSubmission(submission("03721,2025-Q3,PCT,,-1,10,")), .negativeValue, line: 2, column: 5)
        expectSingleError(try readSubmission(submission("03721,2025-Q3,PCT,,1,-10,")), .negativeValue, line: 2, column: 6)
    }

    @Test("a numerator above the denominator", arguments: ["03721,2025-Q3,PCT,,51,50,", "03721,2025-Q3,PCT,100,51,50,", "03721,2025-Q3,PCT,,1,0,"])
    func numeratorAboveDenominator(row: String) throws {
        expectSingleError(try readSubmission(submission(row)), .numeratorAboveDenominator, line: 2, column: 5)
    }

    @Test("a numerator equal to the denominator is accepted")
    func numeratorEqualsDenominator() throws {
        let result = try readSubmission(submission("03721,2025-Q3,PCT,,50,50,"))
        expectAccepted(result)
        #expect(result.rows.first?.value == 100)
    }

    @Test("a value more than 0.5 points from numerator/denominator", arguments: [
        ("91", 45, 50), ("89.49", 45, 50), ("90.51", 45, 50), ("33.84", 1, 3), ("32.83", 1, 3), ("13.01", 1, 8), ("0.6", 0, 7),
    ])
    func valueDisagrees(cell: String, numerator: Int, denominator: Int) throws {
        let result = try readSubmission(submission("03721,2025-Q3,PCT,\(cell),\(numerator),\(denominator),"))
        expectSingleError(result, .valueDisagreesWithRatio, line: 2, column: 4)
    }

    @Test("a value exactly 0.5 points (or less) from numerator/denominator is accepted", arguments: [
        ("90.5", 45, 50), ("89.5", 45, 50), ("\"90,5%\"", 45, 50), ("13", 1, 8), ("12", 1, 8), ("33.83", 1, 3),
        ("88.605", 17_621, 20_000), ("87.605", 17_621, 20_000), ("0.5", 0, 7), ("99.5", 7, 7),
        // Exactly 0.5 apart in decimal, a hair over 0.5 in binary doubles.
        ("64.4", 639, 1000), ("63.9", 644, 1000), ("1.1", 6, 1000), ("16.1", 156, 1000),
    ])
    func valueAgreesWithinHalfPoint(cell: String, numerator: Int, denominator: Int) throws {
        let result = try readSubmission(submission("03721,2025-Q3,PCT,\(cell),\(numerator),\(denominator),"))
        expectAccepted(result)
        #expect(result.rows.first?.numerator == Double(numerator))
    }

    @Test("an unknown indicator", arguments: ["XYZ", "", "PCT_X"])
    func unknownIndicator(code: String) throws {
        let result = try readSubmission(submission("03721,2025-Q3,CNT,1,,,", "03721,2025-Q3,\(code),1,,,"))
        expectSingleError(result, .unknownIndicator, line: 3, column: 3)
    }

    @Test("an unknown unit", arguments: ["99999", "3721", "", "0372"])
    func unknownUnit(code: String) throws {
        expectSingleError(try readSubmission(submission("\(code),2025-Q3,PCT,50,,,")), .unknownUnit, line: 2, column: 1)
    }

    @Test("a commune of another province")
    func unitOfAnotherProvince() throws {
        let result = try readSubmission(submission("03549,2025-Q3,PCT,50,,,", "03549,2025-Q3,CNT,1,,,"))
        #expect(result.errors.map(\.code) == [.unitOfAnotherProvince, .unitOfAnotherProvince])
        #expect(result.errors.map { $0.location?.line } == [2, 3])
        #expect(result.errors.allSatisfy { $0.location?.column == 1 && $0.location?.path == Fixture.displayPath })
        #expect(result.outcome.unitCode == "03549")
    }

    @Test("a province code used as a unit", arguments: ["14", "12"])
    func provinceAsUnit(code: String) throws {
        expectSingleError(try readSubmission(submission("\(code),2025-Q3,PCT,50,,,")), .notACommune, line: 2, column: 1)
    }

    @Test("rows for several units in one file")
    func severalUnits() throws {
        let result = try readSubmission(submission("03721,2025-Q3,PCT,50,,,", "03721,2025-Q3,CNT,1,,,", "03724,2025-Q3,BOOL,1,,,"))
        expectSingleError(result, .severalUnits, line: 4, column: 1)
        #expect(result.outcome.unitCode == "03721")
    }

    @Test("a period other than the folder's", arguments: ["2025-Q2", "2025-H2", "2025", "2025-07", "2024-Q3"])
    func periodNotOfFolder(period: String) throws {
        let result = try readSubmission(submission("03721,2025-Q3,PCT,50,,,", "03721,\(period),CNT,1,,,"))
        expectSingleError(result, .periodNotOfFolder, line: 3, column: 2)
    }

    @Test("an invalid period", arguments: ["2025-Q5", "2025-13", "25-Q1", "", "Q3/2025", "quý 3"])
    func invalidPeriod(period: String) throws {
        expectSingleError(try readSubmission(submission("03721,\(period),PCT,50,,,")), .invalidPeriod, line: 2, column: 2)
    }

    @Test("an indicator given twice")
    func duplicateIndicator() throws {
        let result = try readSubmission(submission("03721,2025-Q3,PCT,50,,,", "03721,2025-Q3,CNT,1,,,", "03721,2025-Q3,PCT,60,,,"))
        expectSingleError(result, .duplicateIndicator, line: 4, column: 3)
    }

    @Test("a blank second row for an indicator is still a duplicate")
    func duplicateBlankIndicator() throws {
        let result = try readSubmission(submission("03721,2025-Q3,PCT,50,,,", "03721,2025-Q3,PCT,,,,"))
        expectSingleError(result, .duplicateIndicator, line: 3, column: 3)
    }

    @Test("a yes/no value other than 0 or 1", arguments: ["2", "0.5", "-1", "\"1,5\"", "100%"])
    func booleanNotZeroOrOne(cell: String) throws {
        expectSingleError(try readSubmission(submission("03721,2025-Q3,BOOL,\(cell),,,")), .booleanNotZeroOrOne, line: 2, column: 4)
    }

    @Test("yes/no values 0 and 1 are accepted", arguments: ["0", "1", "1.0", "\"0,0\""])
    func booleanZeroOrOne(cell: String) throws {
        let result = try readSubmission(submission("03721,2025-Q3,BOOL,\(cell),,,"))
        expectAccepted(result)
        #expect(result.rows.first.map { $0.value == 0 || $0.value == 1 } == true)
    }

    // MARK: - Many errors

    @Test("all errors of a file are reported, not just the first")
    func allErrorsReported() throws {
        let text = submission(
            "03721,2025-Q3,PCT,50,,,",
            "03721,2025-Q3,CNT,-1,,,",
            "03721,2025-Q3,XYZ,1,,,",
            "",
            "03721,2025-Q2,BOOL,1,,,",
            "03721,2025-Q3,NUM,abc,,,",
            "03721,2025-Q3,PCT,50,,,",
            "03721,2025-Q3,PCT2,101,,,"
        )
        let result = try readSubmission(text)
        #expect(!result.outcome.isAcceptable)
        let path = Fixture.displayPath
        #expect(result.errors.map(\.description) == result.errors.map { "\($0.location.map { "\($0)" } ?? ""): \($0.message)" })
        #expect(result.errors.map { located($0) } == [
            "negative_value@\(path):3:4",
            "unknown_indicator@\(path):4:3",
            "period_not_of_folder@\(path):6:2",
            "non_numeric_value@\(path):7:4",
            "duplicate_indicator@\(path):8:3",
            "percent_out_of_range@\(path):9:4",
        ])
    }

    @Test("several errors in one row are all reported")
    func severalErrorsInOneRow() throws {
        let result = try readSubmission(submission("99999,2025-Q9,XYZ,abc,,,"))
        let found = Set(result.errors.map { located($0) })
        let path = Fixture.displayPath
        #expect(found == ["unknown_unit@\(path):2:1", "invalid_period@\(path):2:2", "unknown_indicator@\(path):2:3", "non_numeric_value@\(path):2:4"])
        #expect(result.errors.count == 4)
    }

    @Test("past the error limit one more error says the rest are not listed")
    func errorLimit() throws {
        let rows = (0..<(SubmissionValidator.errorLimit + 50)).map { "03721,2025-Q3,X\($0),1,,," }
        let result = try readSubmission(([Fixture.header] + rows).joined(separator: "\n"))
        #expect(result.errors.count == SubmissionValidator.errorLimit + 1)
        #expect(result.errors.dropLast().allSatisfy { $0.code == .unknownIndicator })
        #expect(result.errors.last?.code == .tooManyErrors)
        #expect(result.outcome.dataRows == SubmissionValidator.errorLimit + 50)
    }

    @Test("error messages are given in English and Vietnamese")
    func messages() throws {
        let result = try readSubmission(submission("03721,2025-Q3,PCT,120,,,"))
        let error = try #require(result.errors.first)
        #expect(error.message.contains("120"))
        #expect(error.messageVi.contains("120"))
        #expect(error.messageVi != error.message)
        #expect(error.description == "\(Fixture.displayPath):2:4: \(error.message)")
    }
}
