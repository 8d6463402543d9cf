#if canImport(Glibc)
import Glibc
#endif
import CCHCCore
import Foundation
import Testing
import TestSupport
import Warehouse

/// What communes actually send, through the built `cchc`: every encoding and dialect, resubmissions,
/// identical re-imports, tenants, and a kill in the middle of a large file.
@Suite("Import, end to end")
struct ImportEndToEndTests {
    // MARK: - Writing files as offices do

    /// Text as a VNI-Windows file shows in Windows-1252 ("Maõ ñôn vò" is "Mã đơn vị"): one byte per character.
    static func latin1(_ text: String) -> [UInt8] {
        text.unicodeScalars.map { UInt8(truncatingIfNeeded: $0.value) }
    }

    static func utf16LE(_ text: String) -> [UInt8] {
        [0xFF, 0xFE] + text.utf16.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] }
    }

    static func write(_ bytes: [UInt8], to relative: String, in scratch: Scratch, modified: Date? = nil) throws {
        let url = scratch.url.appendingPathComponent(relative)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(bytes).write(to: url)
        if let modified { try FileManager.default.setAttributes([.modificationDate: modified], ofItemAtPath: url.path) }
    }

    static func writeReference(into scratch: Scratch) throws {
        try scratch.write("reference/units.csv", Scenario.units)
        try scratch.write("reference/indicators.csv", Scenario.indicators)
        try scratch.write("reference/targets.csv", Scenario.targets)
    }

    static let arguments = ["run", "--period", "2025-Q3", "--reference", "reference", "--inbox", "inbox",
                            "--warehouse", "wh/warehouse.sqlite", "--reports", "out", "--as-of", "2025-10-10"]

    /// The rows of `sql` on the scenario's warehouse, each as its `columns` cells joined by `|` (NULL as `NULL`).
    static func rows(_ scratch: Scratch, _ sql: String, columns: Int) throws -> [String] {
        let database = try Database(path: scratch.path("wh/warehouse.sqlite"), readOnly: true)
        return try database.prepare(sql).rows { row in
            (0..<Int32(columns)).map { row.isNull($0) ? "NULL" : row.text($0) }.joined(separator: "|")
        }
    }

    // MARK: - Encodings and dialects

    @Test("one commune's numbers in seven encodings and dialects load identically, with the encoding recorded")
    func encodingsAndDialects() throws {
        let scratch = try Scratch()
        try Self.writeReference(into: scratch)
        let note = "Đã rà soát, đối chiếu"
        let canonical = "unit_code,period,indicator_code,value,numerator,denominator,note\n"
        func rows(_ unit: String, _ separator: String, decimalComma: Bool) -> String {
            let value = decimalComma ? "\"95,5\"" : "95.5"
            return [
                [unit, "2025-Q3", "TTHC_DUNG_HAN", separator == "," ? value : (decimalComma ? "95,5" : "95.5"), "191", "200", "\"\(note)\""],
                [unit, "2025-Q3", "DN_MOI", separator == "," ? "\"1.234.567\"" : "1.234.567", "", "", ""],
            ].map { $0.joined(separator: separator) }.joined(separator: "\r\n") + "\r\n"
        }
        let aliases = ["Mã đơn vị", "Kỳ báo cáo", "Mã chỉ tiêu", "Giá trị", "Tử số", "Mẫu số", "Ghi chú"]
        try scratch.write("inbox/2025-Q3/14/03721.csv", canonical + rows("03721", ",", decimalComma: false))
        try Self.write(try Legacy.iconv(aliases.joined(separator: ";") + "\r\n" + rows("03724", ";", decimalComma: true), to: "CP1258"),
                       to: "inbox/2025-Q3/14/03724.csv", in: scratch)
        try Self.write(try Legacy.iconv(aliases.joined(separator: "\t") + "\n" + rows("03727", "\t", decimalComma: true), to: "TCVN5712-1"),
                       to: "inbox/2025-Q3/14/03727.csv", in: scratch)
        let vniHeader = "Maõ ñôn vò,Kyø baùo caùo,Maõ chæ tieâu,Giaù trò,Töû soá,Maãu soá,Ghi chuù\r"
        let vniRows = "03730,2025-Q3,TTHC_DUNG_HAN,95.5,191,200,\"Ñaõ raø soaùt, ñoái chieáu\"\r03730,2025-Q3,DN_MOI,\"1,234,567\",,,\r"
        try Self.write(Self.latin1(vniHeader + vniRows), to: "inbox/2025-Q3/14/03730.csv", in: scratch)
        try Self.write(Self.utf16LE(canonical.uppercased() + rows("03549", ",", decimalComma: true)), to: "inbox/2025-Q3/12/03549.csv", in: scratch)
        let nfd = (canonical + rows("03550", ",", decimalComma: false)).decomposedStringWithCanonicalMapping
        try Self.write([0xEF, 0xBB, 0xBF] + Array(nfd.utf8), to: "inbox/2025-Q3/12/03550.csv", in: scratch)

        let result = try CCHCProcess.run(Self.arguments, in: scratch.url)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stderr.contains("import 2025-Q3: 6 accepted, 0 rejected"), "\(result.stderr)")
        #expect(try Self.rows(scratch, "SELECT path, encoding, status FROM etl_file ORDER BY path", columns: 3) == [
            "2025-Q3/12/03549.csv|utf-16le|accepted", "2025-Q3/12/03550.csv|utf-8-bom|accepted",
            "2025-Q3/14/03721.csv|utf-8|accepted", "2025-Q3/14/03724.csv|windows-1258|accepted",
            "2025-Q3/14/03727.csv|tcvn3|accepted", "2025-Q3/14/03730.csv|vni-windows|accepted",
        ])
        let facts = try Self.rows(scratch, """
            SELECT unit_code || ':' || indicator_code, value, numerator, denominator, coalesce(note, '')
            FROM v_fact WHERE period_code = '2025-Q3' ORDER BY unit_code, indicator_code
            """, columns: 5)
        for unit in ["03549", "03550", "03721", "03724", "03727", "03730"] {
            #expect(facts.filter { $0.hasPrefix(unit + ":") } == [
                "\(unit):DN_MOI|1234567.0|NULL|NULL|", "\(unit):TTHC_DUNG_HAN|95.5|191.0|200.0|\(note)",
            ])
        }
        // Stored as NFC bytes whatever form arrived (Swift's == would not tell NFD from NFC).
        let nfcHex = Array(note.precomposedStringWithCanonicalMapping.utf8).map { String(format: "%02X", $0) }.joined()
        #expect(try Self.rows(scratch, "SELECT DISTINCT hex(note) FROM fact_indicator_value WHERE note IS NOT NULL", columns: 1) == [nfcHex])
    }

    // MARK: - Errors, warnings, tenants

    @Test("a bad file is rejected whole with every error located in rejections.csv; warnings are kept")
    func rejectionsAndWarnings() throws {
        let scratch = try Scratch()
        try Self.writeReference(into: scratch)
        try scratch.write("inbox/2025-Q3/14/03721.csv", """
            unit_code,period,indicator_code,value,Người lập
            03721,2025-Q3,TTHC_DUNG_HAN,85,5,Lan
            03721,2025-Q3,DN_MOI,1.234,
            03721,2025-Q3,HAI_LONG,-2,
            03724,2025-Q3,HS_TRUC_TUYEN,50,

            """)
        try scratch.write("inbox/2025-Q3/14/03724.csv", """
            unit_code,period,indicator_code,value,ghi chu them
            03724,2025-Q3,HAI_LONG,"90,5",x

            """)
        try scratch.write("inbox/2025-Q3/14/other-province.csv", "unit_code,period,indicator_code,value\n03549,2025-Q3,HAI_LONG,90\n")
        try scratch.write("inbox/2025-Q3/14/other-period.csv", "unit_code,period,indicator_code,value\n03727,2025-Q2,HAI_LONG,90\n")
        let result = try CCHCProcess.run(Self.arguments, in: scratch.url)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stderr.contains("warning: 2025-Q3/14/03724.csv:1:5: unknown column \"ghi chu them\" ignored"))
        #expect(try Self.rows(scratch, """
            SELECT f.path, r.line, r.column_number, r.code FROM etl_rejection r JOIN etl_file f USING (file_id) ORDER BY f.path, r.seq
            """, columns: 4) == [
            "2025-Q3/14/03721.csv|2|6|too_many_cells", "2025-Q3/14/03721.csv|3|4|ambiguous_number",
            "2025-Q3/14/03721.csv|4|4|percent_out_of_range", "2025-Q3/14/03721.csv|5|1|several_units",
            "2025-Q3/14/other-period.csv|2|2|period_not_of_folder", "2025-Q3/14/other-province.csv|2|1|unit_of_another_province",
        ])
        #expect(try Self.rows(scratch, "SELECT f.path, w.line, w.column_number, w.code FROM etl_file_warning w JOIN etl_file f USING (file_id) ORDER BY f.path", columns: 4) == [
            "2025-Q3/14/03721.csv|1|5|unknown_column", "2025-Q3/14/03724.csv|1|5|unknown_column",
        ])
        let rejections = try scratch.csvRows("out/2025-Q3/14/rejections.csv")
        #expect(rejections.contains { $0.hasPrefix("2025-Q3/14/03721.csv,3,4,03721,") && $0.contains("có thể là 1234 hoặc 1,234") })
        #expect(rejections.contains { $0.hasPrefix("2025-Q3/14/other-province.csv,2,1,03549,") && $0.contains("thuộc tỉnh 12") })
        // Lai Châu's report lists none of Sơn La's rejections, and 03724's good file is in force.
        #expect(try scratch.csvRows("out/2025-Q3/12/rejections.csv") == ["file,line,column,unit_code,error"])
        #expect(try Self.rows(scratch, "SELECT unit_code, value FROM v_fact WHERE period_code = '2025-Q3'", columns: 2) == ["03724|90.5"])
    }

    // MARK: - Resubmission and re-import

    @Test("a newer file supersedes the older whole, keeps the history, and shows the differences; identical bytes are a no-op")
    func resubmission() throws {
        let scratch = try Scratch()
        try Self.writeReference(into: scratch)
        let monday = Date(timeIntervalSince1970: 1_757_000_000)
        try scratch.write("inbox/2025-Q3/14/03721.csv", Scenario.submission("03721", "2025-Q3", [
            ("TTHC_DUNG_HAN", "90", "", ""), ("HAI_LONG", "80", "", ""), ("DN_MOI", "1", "", ""),
        ]), modified: monday)
        #expect(try CCHCProcess.run(Self.arguments, in: scratch.url).status == 0)

        // The same bytes again, under another name: nothing changes.
        try scratch.write("inbox/2025-Q3/14/copy.csv", try scratch.read("inbox/2025-Q3/14/03721.csv"), modified: monday.addingTimeInterval(60))
        let again = try CCHCProcess.run(Self.arguments, in: scratch.url)
        #expect(again.stderr.contains("import 2025-Q3: 0 accepted, 0 rejected, 2 unchanged"), "\(again.stderr)")
        #expect(try Self.rows(scratch, "SELECT count(*) FROM etl_file", columns: 1) == ["1"])

        // A newer file (one value changed, one dropped, one added) and, newer still, a rejected one.
        try scratch.write("inbox/2025-Q3/14/03721-sua.csv", Scenario.submission("03721", "2025-Q3", [
            ("TTHC_DUNG_HAN", "95", "", ""), ("HAI_LONG", "80", "", ""), ("HS_TRUC_TUYEN", "70", "", ""),
        ]), modified: monday.addingTimeInterval(3_600))
        try scratch.write("inbox/2025-Q3/14/03721-loi.csv", Scenario.submission("03721", "2025-Q3", [("TTHC_DUNG_HAN", "abc", "", "")]),
                          modified: monday.addingTimeInterval(7_200))
        let third = try CCHCProcess.run(Self.arguments, in: scratch.url)
        #expect(third.stderr.contains("import 2025-Q3: 1 accepted, 1 rejected, 2 unchanged"), "\(third.stderr)")
        #expect(try Self.rows(scratch, "SELECT indicator_code, value, source_file FROM v_fact ORDER BY indicator_code", columns: 3) == [
            "HAI_LONG|80.0|2025-Q3/14/03721-sua.csv", "HS_TRUC_TUYEN|70.0|2025-Q3/14/03721-sua.csv",
            "TTHC_DUNG_HAN|95.0|2025-Q3/14/03721-sua.csv",
        ])
        #expect(try Self.rows(scratch, """
            SELECT unit_code, indicator_code, coalesce(previous_value, ''), coalesce(value, ''), change, file, replaced_file
            FROM v_submission_change
            """, columns: 7) == [
            "03721|DN_MOI|1.0||removed|2025-Q3/14/03721-sua.csv|2025-Q3/14/03721.csv",
            "03721|HS_TRUC_TUYEN||70.0|added|2025-Q3/14/03721-sua.csv|2025-Q3/14/03721.csv",
            "03721|TTHC_DUNG_HAN|90.0|95.0|changed|2025-Q3/14/03721-sua.csv|2025-Q3/14/03721.csv",
        ])
        #expect(try Self.rows(scratch, "SELECT count(*) FROM etl_replaced_value", columns: 1) == ["3"])
        #expect(try Self.rows(scratch, "SELECT path, status, in_force FROM v_file ORDER BY path", columns: 3) == [
            "2025-Q3/14/03721-loi.csv|rejected|0", "2025-Q3/14/03721-sua.csv|accepted|1", "2025-Q3/14/03721.csv|accepted|0",
        ])
    }

    // MARK: - A kill in the middle of a large file

    @Test("a batch killed in the middle of a large (11 MB) resubmission leaves a sound warehouse with the earlier submission in force")
    func killDuringLargeFile() throws {
        let scratch = try Scratch()
        // Enough indicators for a large file of valid rows (one row per indicator).
        let extra = 4_000
        var indicators = Scenario.indicators
        for n in 0..<extra { indicators += "X\(n),8,Chỉ tiêu thử \(n),Test \(n),count,higher,1,sum\n" }
        try scratch.write("reference/units.csv", Scenario.units)
        try scratch.write("reference/indicators.csv", indicators)
        try scratch.write("reference/targets.csv", Scenario.targets)
        let monday = Date(timeIntervalSince1970: 1_757_000_000)
        try scratch.write("inbox/2025-Q3/14/03721.csv", Scenario.submission("03721", "2025-Q3", [
            ("TTHC_DUNG_HAN", "90", "", ""), ("HAI_LONG", "80", "", ""),
        ]), modified: monday)
        let first = try CCHCProcess.run(Self.arguments, in: scratch.url)
        #expect(first.status == 0, "\(first.stderr)")

        // Run 2 loads a small file and the large one; files share a transaction (a savepoint each), so
        // a kill in the large file takes back the small one too, and the next run does both.
        try scratch.write("inbox/2025-Q3/14/03724.csv", Scenario.submission("03724", "2025-Q3", [("HAI_LONG", "99", "", "")]),
                          modified: monday.addingTimeInterval(1_800))
        let note = "\"" + String(repeating: "Da ra soat, doi chieu voi so theo doi. ", count: 70) + "\""
        var large = "unit_code,period,indicator_code,value,numerator,denominator,note\n03721,2025-Q3,TTHC_DUNG_HAN,95,,,\n"
        for n in 0..<extra { large += "03721,2025-Q3,X\(n),\(n % 50),,,\(note)\n" }
        try scratch.write("inbox/2025-Q3/14/03721-lon.csv", large, modified: monday.addingTimeInterval(3_600))
        let warehouse = scratch.path("wh/warehouse.sqlite")
        let wal = warehouse + "-wal"
        func walSize() -> Int { ((try? FileManager.default.attributesOfItem(atPath: wal))?[.size] as? Int) ?? 0 }

        let before = walSize()
        let batch = try BackgroundCCHC(Self.arguments, in: scratch.url)
        // The large file's transaction spills its pages to the WAL as it goes: growth means mid-file.
        let midFile = batch.wait { walSize() > before + 4_000_000 }
        kill(batch.process.processIdentifier, SIGKILL)
        let killed = batch.finish()
        #expect(midFile, "the kill did not land in the large file: \(killed.stderr)")
        #expect(killed.status == SIGKILL)

        let store = try WarehouseStore(path: warehouse)
        #expect(try store.database.prepare("PRAGMA integrity_check").rows { $0.text(0) } == ["ok"])
        #expect(try Self.rows(scratch, "SELECT unit_code, indicator_code, value, source_file FROM v_fact ORDER BY unit_code, indicator_code",
                              columns: 4) == [
            "03721|HAI_LONG|80.0|2025-Q3/14/03721.csv", "03721|TTHC_DUNG_HAN|90.0|2025-Q3/14/03721.csv",
        ])
        #expect(try Self.rows(scratch, "SELECT count(*) FROM etl_file WHERE path LIKE '%lon.csv' OR path LIKE '%03724.csv'", columns: 1) == ["0"])

        // The next run finishes the job: the large file is in force, byte for byte.
        let resumed = try CCHCProcess.run(Self.arguments, in: scratch.url)
        #expect(resumed.status == 0, "\(resumed.stderr)")
        #expect(try Self.rows(scratch, "SELECT count(*) FROM v_fact WHERE unit_code = '03721'", columns: 1) == ["\(extra + 1)"])
        #expect(try Self.rows(scratch, "SELECT length(content), size FROM etl_file WHERE path LIKE '%lon.csv'", columns: 2)
                == ["\(large.utf8.count)|\(large.utf8.count)"])
        #expect(try Self.rows(scratch, "SELECT change, count(*) FROM v_submission_change GROUP BY change ORDER BY change", columns: 2)
                == ["added|\(extra)", "changed|1", "removed|1"])
    }

    // MARK: - Files too large for one SQLite cell

    @Test("a file above the archive threshold is kept byte for byte beside the warehouse, named by its SHA-256")
    func archivedContent() throws {
        let scratch = try Scratch()
        try Self.writeReference(into: scratch)
        let text = Scenario.submission("03721", "2025-Q3", [("TTHC_DUNG_HAN", "95", "", ""), ("HAI_LONG", "\"90,5\"", "", "")])
        try scratch.write("inbox/2025-Q3/14/03721.csv", text)
        try scratch.write("inbox/2025-Q3/14/03724.csv", "unit_code,period,indicator_code,value\n03724,2025-Q3,HAI_LONG,90\n")
        // The threshold lowered so that a small file stands for a file over SQLite's 10⁹-byte limit.
        let result = try CCHCProcess.run(Self.arguments, in: scratch.url, environment: ["CCHC_ARCHIVE_ABOVE_BYTES": "100"])
        #expect(result.status == 0, "\(result.stderr)")

        let rows = try Self.rows(scratch, "SELECT path, size, length(content), sha256 FROM etl_file ORDER BY path", columns: 4)
        #expect(rows.count == 2)
        guard rows.count == 2 else { return }
        let archived = rows[0].split(separator: "|").map(String.init)
        #expect(archived[0...2] == ["2025-Q3/14/03721.csv", "\(text.utf8.count)", "0"])
        let archivePath = "wh/warehouse.sqlite.archive/" + archived[3]
        #expect(try scratch.read(archivePath) == text)
        #expect(rows[1].hasPrefix("2025-Q3/14/03724.csv|64|64|"))
        #expect(try Self.rows(scratch, "SELECT code, message FROM etl_file_warning", columns: 2).first?.hasPrefix("content_archived|") == true)
        #expect(try Self.rows(scratch, "SELECT unit_code, indicator_code, value FROM v_fact ORDER BY unit_code, indicator_code", columns: 3) == [
            "03721|HAI_LONG|90.5", "03721|TTHC_DUNG_HAN|95.0", "03724|HAI_LONG|90.0",
        ])
    }

    @Test("a file the batch cannot read is skipped with a warning; the other communes load")
    func unreadableFile() throws {
        guard getuid() != 0 else { return }  // root reads whatever the mode says
        let scratch = try Scratch()
        try Self.writeReference(into: scratch)
        try scratch.write("inbox/2025-Q3/14/03721.csv", "unit_code,period,indicator_code,value\n03721,2025-Q3,HAI_LONG,90\n")
        try scratch.write("inbox/2025-Q3/14/03724.csv", "unit_code,period,indicator_code,value\n03724,2025-Q3,HAI_LONG,91\n")
        chmod(scratch.path("inbox/2025-Q3/14/03721.csv"), 0)
        defer { chmod(scratch.path("inbox/2025-Q3/14/03721.csv"), 0o644) }
        let result = try CCHCProcess.run(Self.arguments, in: scratch.url)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stderr.contains("warning: 2025-Q3/14/03721.csv: cannot read the file: Permission denied; skipped"))
        #expect(try Self.rows(scratch, "SELECT unit_code, value FROM v_fact", columns: 2) == ["03724|91.0"])
    }
}
