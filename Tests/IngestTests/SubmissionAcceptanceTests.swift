import Testing
import CCHCCore
import Ingest

/// Files that must be accepted, and the rows they give.
@Suite("Submission acceptance")
struct SubmissionAcceptanceTests {
    @Test("a clean file is accepted with the right rows")
    func cleanFile() throws {
        let result = try readSubmission(submission(
            "03721,2025-Q3,PCT,95.5,,,",
            "03721,2025-Q3,CNT,12,,,Đã hoàn thành",
            "03721,2025-Q3,NUM,-3.5,,,",
            "03721,2025-Q3,BOOL,1,,,",
            "03721,2025-Q3,PCT2,0,0,10,"
        ))
        expectAccepted(result)
        #expect(result.outcome.unitCode == "03721")
        #expect(result.outcome.dataRows == 5)
        #expect(result.outcome.warnings.isEmpty)
        #expect(result.rows.map(\.indicatorCode) == ["PCT", "CNT", "NUM", "BOOL", "PCT2"])
        #expect(result.rows.map(\.value) == [95.5, 12, -3.5, 1, 0])
        #expect(result.rows.map(\.line) == [2, 3, 4, 5, 6])
        #expect(result.rows.allSatisfy { $0.unitCode == "03721" && $0.period == Fixture.period })
        #expect(result.rows.map(\.note) == [nil, "Đã hoàn thành", nil, nil, nil])
        #expect(result.rows[4].numerator == 0)
        #expect(result.rows[4].denominator == 10)
    }

    @Test("a blank percent value is computed from numerator and denominator")
    func valueFromRatio() throws {
        let result = try readSubmission(submission("03721,2025-Q3,PCT,,45,50,", "03721,2025-Q3,PCT2,,1,3,"))
        expectAccepted(result)
        #expect(result.rows.count == 2)
        #expect(result.rows.first?.value == 90)
        #expect(result.rows.first?.numerator == 45)
        #expect(result.rows.first?.denominator == 50)
        #expect(result.rows.last?.value == 100.0 * 1 / 3)
    }

    @Test("a given value is scored as given when numerator and denominator agree")
    func valueWinsOverRatio() throws {
        let result = try readSubmission(submission("03721,2025-Q3,PCT,90.2,45,50,"))
        expectAccepted(result)
        #expect(result.rows.first?.value == 90.2)
        #expect(result.rows.first?.numerator == 45)
        #expect(result.rows.first?.denominator == 50)
    }

    @Test("numerator and denominator are ignored for other units")
    func componentsIgnoredForOtherUnits() throws {
        let clean = try readSubmission(submission("03721,2025-Q3,CNT,5,10,2,"))
        expectAccepted(clean)
        #expect(clean.rows.first?.value == 5)
        #expect(clean.rows.first?.numerator == nil)
        #expect(clean.rows.first?.denominator == nil)
    }

    @Test("decimal comma, a trailing percent sign and spaces", arguments: [
        ("95.5", 95.5), ("\"95,5\"", 95.5), ("\"95,5%\"", 95.5), ("95.5%", 95.5), (" 95.5 ", 95.5), ("\"95,5 %\"", 95.5),
        ("100", 100), ("0", 0), ("+7", 7), ("\"0,25\"", 0.25),
    ])
    func numberForms(cell: String, expected: Double) throws {
        let result = try readSubmission(submission("03721,2025-Q3,PCT,\(cell),,,"))
        expectAccepted(result)
        #expect(result.rows.first?.value == expected)
    }

    @Test("a semicolon file with decimal commas")
    func semicolonDecimalComma() throws {
        let text = "unit_code;period;indicator_code;value;numerator;denominator\r\n03721;2025-Q3;PCT;95,5%;;\r\n03721;2025-Q3;NUM;3,25;;\r\n"
        let result = try readSubmission(text)
        expectAccepted(result)
        #expect(result.rows.map(\.value) == [95.5, 3.25])
    }

    @Test("a tab-delimited file with a byte-order mark")
    func tabWithBOM() throws {
        let text = "unit_code\tperiod\tindicator_code\tvalue\n03721\t2025-Q3\tCNT\t4\n"
        let result = try readSubmission(bytes: [0xEF, 0xBB, 0xBF] + Array(text.utf8))
        expectAccepted(result)
        #expect(result.rows.map(\.value) == [4])
    }

    @Test("a blank value with no numerator and denominator is a valid missing value")
    func blankValueIsMissing() throws {
        let result = try readSubmission(submission(
            "03721,2025-Q3,PCT,,,,chưa có số liệu", "03721,2025-Q3,CNT, ,,,", "03721,2025-Q3,BOOL,,,,"
        ))
        expectAccepted(result)
        #expect(result.rows.count == 3)
        #expect(result.rows.allSatisfy { $0.value == nil })
        #expect(result.outcome.dataRows == 3)
    }

    @Test("a file with only the required columns")
    func requiredColumnsOnly() throws {
        let result = try readSubmission("unit_code,period,indicator_code,value\n03721,2025-Q3,PCT,50\n03721,2025-Q3,BOOL,0\n")
        expectAccepted(result)
        #expect(result.rows.map(\.value) == [50, 0])
        #expect(result.rows.first?.numerator == nil)
        #expect(result.rows.first?.note == nil)
    }

    @Test("the period may be written in any case")
    func periodCase() throws {
        let result = try readSubmission(submission("03721,2025-q3,PCT,50,,,", "03721, 2025-Q3 ,CNT,1,,,"))
        expectAccepted(result)
        #expect(result.rows.allSatisfy { $0.period == Fixture.period })
    }

    @Test("cells are trimmed of spaces, tabs and line breaks, and a row of such cells is blank")
    func trimmedCells() throws {
        let text = Fixture.header + "\r\n\"03721\t\",\"2025-Q3\r\n\",\" PCT\",\"\r\n50\r\n\",,,\r\n\"\r\n\",\" \",,,,,\r\n"
        let result = try readSubmission(text)
        expectAccepted(result)
        #expect(result.rows.map(\.unitCode) == ["03721"])
        #expect(result.rows.map(\.value) == [50])
        #expect(result.outcome.dataRows == 1)
    }

    @Test("blank lines and CRLF keep the physical line numbers")
    func blankLinesAndCRLF() throws {
        let text = Fixture.header + "\r\n\r\n03721,2025-Q3,PCT,50,,,\r\n,,,,,,\r\n03721,2025-Q3,CNT,\"1\",,,\"two\r\nlines\"\r\n03721,2025-Q3,BOOL,1,,,\r\n\r\n"
        let result = try readSubmission(text)
        expectAccepted(result)
        #expect(result.rows.map(\.line) == [3, 5, 7])
        #expect(result.rows[1].note == "two\r\nlines")
        #expect(result.outcome.dataRows == 3)
    }

    // MARK: - Headers

    static let vietnameseHeaders = [
        "Mã đơn vị,Kỳ báo cáo,Mã chỉ tiêu,Giá trị,Tử số,Mẫu số,Ghi chú",
        "MÃ ĐƠN VỊ,KỲ BÁO CÁO,MÃ CHỈ TIÊU,GIÁ TRỊ,TỬ SỐ,MẪU SỐ,GHI CHÚ",
        "mã đơn vị,kỳ báo cáo,mã chỉ tiêu,giá trị,tử số,mẫu số,ghi chú",
        "ma_don_vi,ky_bao_cao,ma_chi_tieu,gia_tri,tu_so,mau_so,ghi_chu",
        " Mã Đơn Vị , Kỳ Báo Cáo ,Mã-chỉ-tiêu,Giá  trị,Tử số,Mẫu số,Ghi chú ",
        // Decomposed (NFD) Vietnamese, as some Mac exports write it.
        "Ma\u{303} đo\u{31B}n vi\u{323},Ky\u{300} ba\u{301}o ca\u{301}o,Ma\u{303} chi\u{309} tie\u{302}u,Gia\u{301} tri\u{323},Tu\u{31B}\u{309} so\u{302}\u{301},Ma\u{302}\u{303}u so\u{302}\u{301},Ghi chu\u{301}",
        "UNIT_CODE,Period,Indicator Code,VALUE,Numerator,DENOMINATOR,Note",
    ]

    @Test("Vietnamese header aliases, in any case and with accents", arguments: vietnameseHeaders)
    func vietnameseHeader(header: String) throws {
        let result = try readSubmission(header + "\n03721,2025-Q3,PCT,,9,10,ghi chú\n")
        expectAccepted(result)
        #expect(result.outcome.warnings.isEmpty, "\(result.outcome.warnings)")
        #expect(result.rows.first?.value == 90)
        #expect(result.rows.first?.note == "ghi chú")
    }

    @Test("canonical names of header cells", arguments: [
        ("Mã đơn vị", "unit_code"), ("Kỳ báo cáo", "period"), ("Mã chỉ tiêu", "indicator_code"), ("Giá trị", "value"),
        ("Tử số", "numerator"), ("Mẫu số", "denominator"), ("Ghi chú", "note"), ("\u{FEFF}unit_code", "unit_code"),
        ("Unit Code", "unit_code"), ("ĐƠN VỊ TÍNH", "don_vi_tinh"),
    ])
    func canonicalHeader(raw: String, expected: String) {
        #expect(SubmissionValidator.canonicalHeader(raw) == expected)
    }

    @Test("columns in any order, with unknown columns ignored with a warning")
    func columnOrder() throws {
        let text = "note,value,extra,indicator_code,denominator,period,numerator,unit_code\n"
            + "ghi chú,,x,PCT,50,2025-Q3,45,03721\n" + ",3,y,CNT,,2025-Q3,,03721\n"
        let result = try readSubmission(text)
        expectAccepted(result)
        #expect(result.rows.map(\.indicatorCode) == ["PCT", "CNT"])
        #expect(result.rows.map(\.value) == [90, 3])
        #expect(result.rows.first?.note == "ghi chú")
        #expect(result.outcome.warnings.count == 1)
        #expect(result.outcome.warnings.first?.description.hasPrefix("\(Fixture.displayPath):1:3: ") == true)
        #expect(result.outcome.warnings.first?.code == .unknownColumn)
    }

    @Test("errors in a reordered file point at the real columns")
    func columnOrderErrors() throws {
        let text = "value,indicator_code,unit_code,period\nabc,XYZ,99999,2025-Q9\n"
        let result = try readSubmission(text)
        let found = Set(result.errors.map { "\($0.code.rawValue)@\($0.location?.description ?? "")" })
        let path = Fixture.displayPath
        #expect(found == [
            "unknown_unit@\(path):2:3", "invalid_period@\(path):2:4", "unknown_indicator@\(path):2:2", "non_numeric_value@\(path):2:1",
        ])
        #expect(result.errors.count == 4)
    }

    // MARK: - Reader details

    @Test("onBytes receives the original file")
    func onBytes() throws {
        try withTemporaryDirectory { dir in
            let path = dir + "/f.csv"
            let bytes = Array(submission("03721,2025-Q3,PCT,50,,,").utf8)
            try writeFile(bytes, to: path)
            var seen: [UInt8] = []
            let outcome = try SubmissionReader.read(path: path, displayPath: "x.csv", context: Fixture.context, onBytes: { seen += $0 })
            #expect(outcome.isAcceptable)
            #expect(seen == bytes)
        }
    }
}
