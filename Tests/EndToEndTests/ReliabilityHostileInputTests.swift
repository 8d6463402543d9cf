import Foundation
import Testing
import Warehouse

/// Hostile names, notes, file names, job-file paths and sizes, end to end (issue 8): each must be
/// inert (stored as text, printed as text), bounded, and reported.
@Suite("Reliability: hostile input end to end")
struct ReliabilityHostileInputTests {
    static let script = "<script>alert('x')</script>"
    static let image = "<img src=x onerror=alert(1)>"
    static let sqlDrop = "'); DROP TABLE dim_unit; --"
    static let formula = "=HYPERLINK(\"http://evil.example\",\"bấm\")"
    static let link = "<a href=\"javascript:alert(2)\">Tỷ lệ</a>"

    static func csvCell(_ text: String) -> String { "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\"" }

    /// Scenario's indicators and targets, with hostile unit and indicator names, notes, file names,
    /// a link out of the inbox, a 10 MB note, a million columns, a 50,000-row file and absurd numbers.
    static func hostileWorld() throws -> Scratch {
        let scratch = try Scratch()
        try Scenario.write(into: scratch)
        try scratch.write("reference/units.csv", """
            unit_code,unit_name,parent_code,level
            14,\(csvCell(script + " Tỉnh Sơn La")),,province
            12,Tỉnh Lai Châu,,province
            03721,\(csvCell("Xã " + image + " \"quoted\"")),14,commune
            03724,\(csvCell(formula)),14,commune
            03727,\(csvCell(sqlDrop)),14,commune
            03730,\(csvCell("javascript:alert(3)\" onmouseover=\"alert(5)")),14,commune
            03549,Xã Phong Thổ,12,commune
            03550,\(csvCell("+cmd|' /C calc'!A0")),12,commune

            """)
        try scratch.write("reference/indicators.csv", Scenario.indicators.replacingOccurrences(
            of: "Tỷ lệ hồ sơ giải quyết đúng hạn", with: csvCell(link)).replacingOccurrences(of: "Mức độ hài lòng của người dân", with: "@SUM(1+1)"))
        // Notes: SQL and markup, kept verbatim.
        try scratch.write("inbox/2025-Q3/14/03721.csv", "unit_code,period,indicator_code,value,numerator,denominator,note\n"
            + "03721,2025-Q3,TTHC_DUNG_HAN,95,95,100,\(csvCell("'); DROP TABLE fact_indicator_value; --"))\n"
            + "03721,2025-Q3,HAI_LONG,90,,,\(csvCell("</td></tr></table>" + script))\n"
            + "03721,2025-Q3,HS_TRUC_TUYEN,,1000000000,1000000000000,\(csvCell("-2+3"))\n")
        // Rejected files with hostile names: shown in rejections.csv and report.html.
        try scratch.write("inbox/2025-Q3/14/\(image).csv", Scenario.submission("03724", "2025-Q3", [("HAI_LONG", "1" + String(repeating: "0", count: 300), "", "")]))
        try scratch.write("inbox/2025-Q3/14/=1+2';DROP TABLE etl_file;--.csv", Scenario.submission("03724", "2025-Q3", [("HAI_LONG", "150", "", "")]))
        // A link out of the inbox.
        try scratch.write("secret/passwd", "root:x:0:0:SECRET-DECOY:/root:/bin/bash\n")
        try FileManager.default.createSymbolicLink(atPath: scratch.path("inbox/2025-Q3/14/passwd.csv"), withDestinationPath: scratch.path("secret/passwd"))
        try FileManager.default.createSymbolicLink(atPath: scratch.path("inbox/2025-Q3/14/etc"), withDestinationPath: scratch.path("secret"))
        // A 10 MB note.
        try scratch.write("inbox/2025-Q3/14/muong-e/bao-cao-quy-3.CSV", "unit_code,period,indicator_code,value,note\n"
            + "03727,2025-Q3,TTHC_DUNG_HAN,100,\(String(repeating: "x", count: 10_000_000))\n03727,2025-Q3,HAI_LONG,90,\n")
        // A million columns.
        try scratch.write("inbox/2025-Q3/14/03730.csv", "unit_code,period,indicator_code,value,"
            + (0..<1_000_000).map { "c\($0)" }.joined(separator: ",") + "\n03730,2025-Q3,TTHC_DUNG_HAN,88\n")
        // 50,000 rows claiming the same indicator: rejected, with a bounded list of errors.
        try scratch.write("inbox/2025-Q3/12/03550.csv", "unit_code,period,indicator_code,value\n"
            + String(repeating: "03550,2025-Q3,TTHC_DUNG_HAN,95\n", count: 50_000))
        return scratch
    }

    /// The cells of an RFC 4180 text (quoted cells, doubled quotes, CRLF).
    static func cells(_ text: String) -> [String] {
        var cells: [String] = [], cell = "", quoted = false, previousQuote = false
        for character in text {
            if quoted {
                if character == "\"" { quoted = false; previousQuote = true } else { cell.append(character) }
                continue
            }
            if character == "\"" {
                if previousQuote { cell.append("\"") }
                quoted = true
            } else if character == "," || character == "\r\n" || character == "\n" {
                cells.append(cell)
                cell = ""
            } else {
                cell.append(character)
            }
            previousQuote = false
        }
        return cells
    }

    @Test("hostile names, notes and file names are stored verbatim and printed inertly; a link out of the inbox is not read")
    func injection() throws {
        let world = try Self.hostileWorld()
        defer { try? FileManager.default.removeItem(at: world.url) }
        let run = try CCHCProcess.run(Scenario.runArguments, in: world.url)
        #expect(run.status == 0, "\(run.stderr.suffix(2_000))")

        // SQL: every table still there, the text stored as typed.
        let database = try Database(path: world.path("wh/warehouse.sqlite"), readOnly: true)
        #expect(try database.prepare("PRAGMA integrity_check").rows { $0.text(0) } == ["ok"])
        #expect(try database.prepare("SELECT unit_name FROM dim_unit WHERE unit_code = '03727'").rows { $0.text(0) } == [Self.sqlDrop])
        let notes = try database.prepare("SELECT indicator_code || ': ' || ifnull(note, '∅') FROM v_fact WHERE unit_code = '03721' AND period_code = '2025-Q3' ORDER BY 1")
            .rows { $0.text(0) }
        #expect(notes == ["HAI_LONG: </td></tr></table>" + Self.script, "HS_TRUC_TUYEN: -2+3",
                          "TTHC_DUNG_HAN: '); DROP TABLE fact_indicator_value; --"])
        #expect(try database.scalarInt("SELECT count(*) FROM etl_file WHERE path LIKE '%DROP TABLE etl_file%' AND status = 'rejected'") == 1)
        // The link out of the inbox: never read, its bytes nowhere in the warehouse.
        #expect(try database.scalarInt("SELECT count(*) FROM etl_file WHERE path LIKE '%passwd%' OR instr(content, 'SECRET-DECOY') > 0") == 0)
        // Sizes: the 10 MB note kept whole; a million columns give 21 warnings, not a million; 50,000 rows at most 201 errors.
        #expect(try database.scalarInt("SELECT length(note) FROM v_fact WHERE unit_code = '03727' AND indicator_code = 'TTHC_DUNG_HAN'") == 10_000_000)
        #expect(try database.scalarInt("SELECT count(*) FROM v_fact WHERE unit_code = '03730'") == 1)
        let warnings = try database.scalarInt("SELECT count(*) FROM etl_file_warning w JOIN etl_file f USING (file_id) WHERE f.path LIKE '%03730.csv'")
        #expect(warnings == 21)
        #expect(try database.scalarInt("""
            SELECT count(*) FROM etl_rejection r JOIN etl_file f USING (file_id) WHERE f.path LIKE '%12/03550.csv'
            """) == 201)
        #expect(try database.prepare("SELECT message FROM etl_rejection r JOIN etl_file f USING (file_id) WHERE f.path LIKE '%onerror%'")
            .rows { $0.text(0) }.joined().contains("1e+300"))

        // HTML: the hostile text is there, escaped; no markup, attribute or javascript: link came from the input.
        let national = FileManager.default.fileExists(atPath: world.path("out/2025-Q3/national.html")) ? ["out/2025-Q3/national.html"] : []
        for path in ["out/2025-Q3/14/report.html", "out/2025-Q3/12/report.html"] + national {
            let html = try world.read(path)
            #expect(!html.contains("<script>alert"), "\(path)")
            #expect(!html.contains("<img"), "\(path)")
            #expect(!html.contains("href=\"javascript:") && !html.contains("href=javascript:"), "\(path)")
            #expect(!html.contains("</td></tr></table><script"), "\(path)")
            // Attributes: no tag of the page carries an event handler (a name breaking out of a quoted attribute would).
            let tags = html.split(separator: "<").dropFirst().map { $0.prefix { $0 != ">" } }
            #expect(!tags.contains { $0.contains("onmouseover=\"") || $0.contains("onerror=") }, "\(path)")
            if path.contains("/14/") {
                #expect(html.contains("&lt;script&gt;alert("), "the province's name is shown, escaped")
                #expect(html.contains("&lt;img src=x onerror=alert(1)&gt;"), "the commune's name and the rejected file's are shown, escaped")
            }
        }
        // CSV: every cell that starts like a formula is neutralised, unless it is a number.
        let nationalCSV = FileManager.default.fileExists(atPath: world.path("out/2025-Q3/national.csv")) ? ["out/2025-Q3/national.csv"] : []
        for path in ["ranking.csv", "missed-targets.csv", "indicators.csv", "rejections.csv"].flatMap({ ["out/2025-Q3/14/" + $0, "out/2025-Q3/12/" + $0] })
            + nationalCSV {
            for cell in Self.cells(try world.read(path)) {
                guard let first = cell.unicodeScalars.first, "=+-@\t\r".unicodeScalars.contains(first) else { continue }
                #expect(Double(cell) != nil, "\(path): the cell \(cell.prefix(60)) starts a formula")
            }
        }
        let rejections = try world.read("out/2025-Q3/14/rejections.csv")
        #expect(rejections.contains("'=1+2';DROP TABLE etl_file;--.csv") || rejections.contains("2025-Q3/14/=1+2';DROP TABLE etl_file;--.csv"))
        #expect(try world.read("out/2025-Q3/14/ranking.csv").contains("'=HYPERLINK("))
    }

    @Test("a job file pointing the warehouse or the inbox outside (../../etc/passwd) fails with a clear error and alters nothing")
    func jobFileTraversal() throws {
        let world = try Scratch()
        defer { try? FileManager.default.removeItem(at: world.url) }
        try Scenario.write(into: world)
        let decoy = "root:x:0:0:root:/root:/bin/bash\n"
        try world.write("etc/passwd", decoy)
        let traversal = world.url.path + "/out/../etc/passwd"
        for (key, expected) in [("warehouse", "file is not a database"), ("inbox", "is not a folder")] {
            var parameters = ["reference": "reference", "inbox": "inbox", "warehouse": "wh/warehouse.sqlite", "reports": "out", "period": "2025-Q3"]
            parameters[key] = traversal
            let json = try JSONSerialization.data(withJSONObject: ["name": "hostile", "parameters": parameters], options: [.sortedKeys])
            try world.write("jobs/hostile.json", String(decoding: json, as: UTF8.self))
            let run = try CCHCProcess.run(["run", "jobs/hostile.json", "--as-of", "2025-10-10"], in: world.url)
            #expect(run.status == 1, "\(key): \(run.stderr)")
            #expect(run.stderr.hasPrefix("Error: ") || run.stderr.contains("\nError: "), "\(key): \(run.stderr)")
            #expect(run.stderr.contains(expected), "\(key): \(run.stderr)")
            #expect(try world.read("etc/passwd") == decoy, "\(key): the file outside was altered")
        }
    }

    @Test("terminal escapes in a file's name or cells never reach the operator's terminal from cchc check or cchc run")
    func terminalEscapes() throws {
        let world = try Scratch()
        defer { try? FileManager.default.removeItem(at: world.url) }
        try Scenario.write(into: world)
        try world.write("inbox/2025-Q3/14/bad\u{1B}]0;pwned\u{07}.csv", Scenario.submission("03721", "2025-Q3", [("HAI_LONG", "\u{1B}[2J", "", "")]))
        try world.write("inbox/2025-Q3/14/x\u{9B}31m.csv", "unit_code,period,indicator_code,value,\u{1B}[5m\n03724,2025-Q3,HAI_LONG,90\n")
        let check = try CCHCProcess.run(["check", "--reference", "reference", "inbox/2025-Q3/14/bad\u{1B}]0;pwned\u{07}.csv",
                                         "inbox/2025-Q3/14/x\u{9B}31m.csv"], in: world.url)
        let run = try CCHCProcess.run(Scenario.runArguments, in: world.url)
        #expect(check.status == 1 && run.status == 0, "\(check.stderr) \(run.stderr)")
        #expect(check.stdout.contains(#"bad\u{1B}]0;pwned\u{7}.csv:2:4: value "\u{1B}[2J" is not a number"#), "\(check.stdout)")
        for output in [check.stdout, check.stderr, run.stdout, run.stderr] {
            #expect(!output.unicodeScalars.contains { ($0.value < 0x20 && $0 != "\n" && $0 != "\t") || (0x7F...0x9F).contains($0.value) },
                    "\(output.debugDescription)")
        }
    }
}

