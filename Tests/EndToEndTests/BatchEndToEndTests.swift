import CCHCCore
import Foundation
import Testing
import Warehouse

@Suite("cchc run, end to end")
struct BatchEndToEndTests {
    @Test("the ranking of a small scenario, exactly")
    func rankingRows() throws {
        let scratch = try Scratch()
        try Scenario.write(into: scratch)
        let result = try CCHCProcess.run(Scenario.runArguments, in: scratch.url)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("out/2025-Q3/14/ranking.csv"))

        // Worked by hand, Xã Thuận Châu (03721), 2025-Q3, Sơn La's targets:
        //   TTHC_DUNG_HAN 95 / 100 → a = 0.95 (missed)   weight 1, domain 3
        //   HAI_LONG      90 / 90  → a = 1    (met)      weight 1, domain 3
        //   HS_TRUC_TUYEN 56 / 70  → a = 0.8  (missed)   weight 2, domain 7
        //   DN_MOI         2 / 1   → a = 1    (met)      weight 1, domain 8
        //   d3 = 100·(0.95 + 1)/2 = 97.50; d7 = 80.00; d8 = 100.00
        //   s  = 100·(0.95 + 1 + 2·0.8 + 1)/(1 + 1 + 2 + 1) = 100·4.55/5 = 91.00
        // Xã Mường É (03727) also scores 91.00 (100, 85,5 → 0.95, 56, 1): a tie, listed by code.
        // Xã Bình Thuận (03724) has its own satisfaction target 95 (90.25 → 0.95, missed) and
        // left DN_MOI blank (missing, a = 0): 100·(1 + 0.95 + 2 + 0)/5 = 79.00, rank 3 (1, 1, 3).
        // Rank change against 2025-Q2 (03724 was 1st, 03721 2nd): 03721 2 − 1 = 1; 03724 1 − 3 = −2.
        #expect(try scratch.csvRows("out/2025-Q3/14/ranking.csv") == [
            "rank,unit_code,unit_name,score,d1,d2,d3,d4,d5,d6,d7,d8,met,missed,missing,rank_change,status",
            "1,03721,Xã Thuận Châu,91.00,,,97.50,,,,80.00,100.00,2,2,0,1,ranked",
            "1,03727,Xã Mường É,91.00,,,97.50,,,,80.00,100.00,2,2,0,,ranked",
            "3,03724,Xã Bình Thuận,79.00,,,97.50,,,,100.00,0.00,2,1,1,-2,ranked",
            ",03730,\"Xã Long Hẹ, cũ\",,,,,,,,,,,,,,not_submitted",
        ])
        // Lai Châu: 03550's on-time value comes from 45/50 = 90 %. The rejected file changed nothing here.
        #expect(try scratch.csvRows("out/2025-Q3/12/ranking.csv") == [
            "rank,unit_code,unit_name,score,d1,d2,d3,d4,d5,d6,d7,d8,met,missed,missing,rank_change,status",
            "1,03549,Xã Phong Thổ,99.50,,,99.00,,,,100.00,,2,1,0,,ranked",
            "2,03550,Xã Sì Lở Lầu,72.50,,,95.00,,,,50.00,,1,2,0,,ranked",
        ])
    }

    @Test("the other reports: missed targets, province roll-up, rejections")
    func otherReports() throws {
        let scratch = try Scratch()
        try Scenario.write(into: scratch)
        let result = try CCHCProcess.run(Scenario.runArguments, in: scratch.url)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(try scratch.csvRows("out/2025-Q3/14/missed-targets.csv") == [
            "unit_code,unit_name,indicator_code,indicator_name,target,value,status",
            "03721,Xã Thuận Châu,HS_TRUC_TUYEN,Tỷ lệ hồ sơ trực tuyến,70,56,missed",
            "03721,Xã Thuận Châu,TTHC_DUNG_HAN,Tỷ lệ hồ sơ giải quyết đúng hạn,100,95,missed",
            "03724,Xã Bình Thuận,DN_MOI,Số doanh nghiệp thành lập mới,1,,missing",
            "03724,Xã Bình Thuận,HAI_LONG,Mức độ hài lòng của người dân,95,90.25,missed",
            "03727,Xã Mường É,HAI_LONG,Mức độ hài lòng của người dân,90,85.5,missed",
            "03727,Xã Mường É,HS_TRUC_TUYEN,Tỷ lệ hồ sơ trực tuyến,70,56,missed",
        ])
        let rollup = try scratch.csvRows("out/2025-Q3/14/indicators.csv")
        #expect(rollup.first == "indicator_code,indicator_name,domain,target,value,min,median,max,met,missed,missing")
        // Sum of new enterprises 2 + 1 (03724 blank); 03730 did not submit: missing.
        #expect(rollup.contains("DN_MOI,Số doanh nghiệp thành lập mới,8,1,3,1,1.5,2,2,0,2"))
        // Only 03721 gave numerator/denominator: 100·95/100.
        #expect(rollup.contains("TTHC_DUNG_HAN,Tỷ lệ hồ sơ giải quyết đúng hạn,3,100,95,95,100,100,2,1,1"))
        let rejections = try scratch.csvRows("out/2025-Q3/14/rejections.csv")
        #expect(rejections.first == "file,line,column,unit_code,error")
        #expect(rejections.count == 4)
        #expect(rejections.dropFirst().allSatisfy { $0.hasPrefix("2025-Q3/14/wrong-province.csv,") && $0.contains(",1,03549,") })
        #expect(try scratch.csvRows("out/2025-Q3/12/rejections.csv") == ["file,line,column,unit_code,error"])
    }

    @Test("a second run over the same inbox changes nothing, and the warehouse is consistent")
    func rerunIsNoOp() throws {
        let scratch = try Scratch()
        try Scenario.write(into: scratch)
        let first = try CCHCProcess.run(Scenario.runArguments, in: scratch.url)
        #expect(first.status == 0, "\(first.stderr)")
        let ranking = try scratch.read("out/2025-Q3/14/ranking.csv")
        let html = try scratch.read("out/2025-Q3/14/report.html")
        let second = try CCHCProcess.run(Scenario.runArguments, in: scratch.url)
        #expect(second.status == 0)
        #expect(second.stderr.contains("import 2025-Q3: 0 accepted, 0 rejected, 6 unchanged, 0 facts written, 1 ignored"))
        #expect(try scratch.read("out/2025-Q3/14/ranking.csv") == ranking)
        #expect(try scratch.read("out/2025-Q3/14/report.html") == html)

        let store = try WarehouseStore(path: scratch.path("wh/warehouse.sqlite"))
        #expect(try store.consistencyProblems() == [])
        #expect(try store.database.scalarInt("SELECT count(*) FROM fact_indicator_value") == 8 + 4 + 4 + 4 + 3 + 3)
        #expect(try store.database.scalarInt("SELECT count(*) FROM etl_file") == 8)
        #expect(try store.database.scalarInt("SELECT count(*) FROM etl_run WHERE status = 'succeeded'") == 2)
    }

    @Test("the analyst's star schema holds the submitted values")
    func analystQueries() throws {
        let scratch = try Scratch()
        try Scenario.write(into: scratch)
        #expect(try CCHCProcess.run(Scenario.runArguments, in: scratch.url).status == 0)
        let db = try Database(path: scratch.path("wh/warehouse.sqlite"), readOnly: true)
        let rows = try db.prepare("""
            SELECT u.unit_code, i.indicator_code, f.value, f.numerator, f.denominator
            FROM fact_indicator_value f
            JOIN dim_unit u USING (unit_id) JOIN dim_period p USING (period_id) JOIN dim_indicator i USING (indicator_id)
            WHERE p.period_code = '2025-Q3' AND u.unit_code = '03550' ORDER BY i.indicator_code
            """).rows { "\($0.text(0)) \($0.text(1)) \($0.doubleOrNil(2).map { "\($0)" } ?? "NULL") \($0.textOrNil(3) ?? "NULL")/\($0.textOrNil(4) ?? "NULL")" }
        #expect(rows == [
            "03550 HAI_LONG 99.0 NULL/NULL",
            "03550 HS_TRUC_TUYEN 30.0 NULL/NULL",
            "03550 TTHC_DUNG_HAN 90.0 45.0/50.0",
        ])
        let ranking = try db.prepare("SELECT rank, unit_code, score FROM v_ranking WHERE period_code = '2025-Q3' AND province_code = '14'")
            .rows { "\($0.int64OrNil(0).map(String.init) ?? "-") \($0.text(1)) \($0.doubleOrNil(2).map { "\($0)" } ?? "-")" }
        #expect(ranking == ["1 03721 91.0", "1 03727 91.0", "3 03724 79.0", "- 03730 -"])
    }

    @Test("a newer file for the same commune and period replaces the older one as a whole")
    func resubmission() throws {
        let scratch = try Scratch()
        try Scenario.write(into: scratch)
        #expect(try CCHCProcess.run(Scenario.runArguments, in: scratch.url).status == 0)
        // Thuận Châu sends a corrected file later: all targets met.
        try scratch.write("inbox/2025-Q3/14/03721-sua.csv", Scenario.submission("03721", "2025-Q3", [
            ("TTHC_DUNG_HAN", "100", "", ""), ("HAI_LONG", "92", "", ""), ("HS_TRUC_TUYEN", "71", "", ""),
        ]), modified: Date().addingTimeInterval(60))
        let result = try CCHCProcess.run(Scenario.runArguments, in: scratch.url)
        #expect(result.status == 0, "\(result.stderr)")
        // DN_MOI is absent from the new file: missing now (the old file's 2 is not kept). 100·4/5 = 80.
        #expect(try scratch.csvRows("out/2025-Q3/14/ranking.csv")[1...2] == [
            "1,03727,Xã Mường É,91.00,,,97.50,,,,80.00,100.00,2,2,0,,ranked",
            "2,03721,Xã Thuận Châu,80.00,,,100.00,,,,100.00,0.00,3,0,1,0,ranked",
        ])
    }

    @Test("usage errors exit 2; a batch that cannot complete exits 1 and says why")
    func exitStatuses() throws {
        let scratch = try Scratch()
        try Scenario.write(into: scratch)
        let usage = try CCHCProcess.run(Scenario.runArguments + ["--period", "2025-Q5"], in: scratch.url)
        #expect(usage.status == 2)
        #expect(usage.stderr.contains("--period 2025-Q5: expected a period such as 2025-Q3"))
        try FileManager.default.removeItem(atPath: scratch.path("reference/targets.csv"))
        let failed = try CCHCProcess.run(Scenario.runArguments, in: scratch.url)
        #expect(failed.status == 1)
        #expect(failed.stderr.contains("Error: reference/targets.csv: cannot read the file: No such file or directory"))
    }

    @Test("with only the job file's defaults, the shipped sample runs and reports every province")
    func shippedSample() throws {
        let scratch = try Scratch()
        let result = try CCHCProcess.run(["run", "--warehouse", scratch.path("w.sqlite"), "--reports", scratch.path("reports"),
                                          "--as-of", "2025-10-10"], in: CCHCProcess.repositoryRoot)
        #expect(result.status == 0, "\(result.stderr)")
        for province in ["12", "14"] {
            let rows = try scratch.csvRows("reports/2025-Q3/\(province)/ranking.csv")
            #expect(rows.count > 30)
            #expect(rows.dropFirst().first?.hasPrefix("1,") == true)
        }
    }
}
