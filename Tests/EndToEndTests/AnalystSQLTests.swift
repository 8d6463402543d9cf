import Foundation
import Testing

/// The queries README.md shows analysts, run as they would run them: the stock `sqlite3` CLI,
/// read-only, on a warehouse scored by `cchc run` on the test scenario.
@Suite("The README's analyst queries, in sqlite3")
struct AnalystSQLTests {
    /// The `sql` block of README.md's warehouse section, one query per `-- N.` heading.
    static func readmeQueries() throws -> [String] {
        let readme = try String(contentsOf: CCHCProcess.repositoryRoot.appendingPathComponent("README.md"), encoding: .utf8)
        guard let section = readme.range(of: "Questions an analyst types"),
              let open = readme.range(of: "```sql\n", range: section.upperBound..<readme.endIndex),
              let close = readme.range(of: "```", range: open.upperBound..<readme.endIndex)
        else { return [] }
        return readme[open.upperBound..<close.lowerBound]
            .components(separatedBy: "\n\n")
            .map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }
            .filter { !$0.isEmpty }
    }

    /// `sqlite3 -readonly -csv -header WAREHOUSE` with the query typed on its standard input: the rows as the CLI prints them.
    static func sqlite3(_ warehouse: String, _ query: String) throws -> [String] {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["sqlite3", "-readonly", "-csv", "-header", "-bail", warehouse]
        let input = Pipe(), out = Pipe(), err = Pipe()
        process.standardInput = input
        process.standardOutput = out
        process.standardError = err
        try process.run()
        input.fileHandleForWriting.write(Data((query + "\n").utf8))
        try input.fileHandleForWriting.close()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        let errors = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationStatus == 0 && errors.isEmpty, "sqlite3: \(errors)")
        return String(decoding: data, as: UTF8.self).components(separatedBy: .newlines).map { $0.replacingOccurrences(of: "\r", with: "") }
            .filter { !$0.isEmpty }
    }

    @Test("every query of the README returns the expected rows on the scored scenario")
    func readmeQueriesReturnExpectedRows() throws {
        let scratch = try Scratch()
        try Scenario.write(into: scratch)
        let result = try CCHCProcess.run(Scenario.runArguments, in: scratch.url)
        #expect(result.status == 0, "\(result.stderr)")
        let queries = try Self.readmeQueries()
        try #require(queries.count == 6, "README.md shows six analyst queries")
        let warehouse = scratch.path("wh/warehouse.sqlite")
        let answers = try queries.map { try Self.sqlite3(warehouse, $0) }

        #expect(answers[0] == [
            "rank,unit_code,unit_name,score,met,missed,missing,rank_change",
            "1,03721,\"Xã Thuận Châu\",91.0,2,2,0,1",
            "1,03727,\"Xã Mường É\",91.0,2,2,0,",
            "3,03724,\"Xã Bình Thuận\",79.0,2,1,1,-2",
            ",03730,\"Xã Long Hẹ, cũ\",,,,,",
        ])
        // Every province's communes under 70 % online, lowest first; the tie at 56 in name order (M before T).
        #expect(answers[1] == [
            "province_code,unit_code,unit_name,value,numerator,denominator",
            "12,03550,\"Xã Sì Lở Lầu\",30.0,,",
            "14,03727,\"Xã Mường É\",56.0,,",
            "14,03721,\"Xã Thuận Châu\",56.0,,",
            "12,03549,\"Xã Phong Thổ\",66.0,,",
        ])
        // Contributions 100·w·a/Σw with Σw = 5 add up to the score 91.00 (19 + 20 + 20 + 32).
        #expect(answers[2] == [
            "indicator_code,value,target,target_scope,a,weight,points,status",
            "TTHC_DUNG_HAN,95.0,100.0,province,0.95,1.0,19.0,missed",
            "DN_MOI,2.0,1.0,province,1.0,1.0,20.0,met",
            "HAI_LONG,90.0,90.0,province,1.0,1.0,20.0,met",
            "HS_TRUC_TUYEN,56.0,70.0,province,0.8,2.0,32.0,missed",
        ])
        // 2025-Q2: 100·(0.9 + 80/90 + 2·50/70 + 1)/5 = 84.35, rank 2 behind Bình Thuận.
        #expect(answers[3] == [
            "period_label,status,score,rank,rank_change",
            "\"Quý II/2025\",ranked,84.35,2,",
            "\"Quý III/2025\",ranked,91.0,1,1",
        ])
        // Bình Thuận's own satisfaction target (95) is the one it is measured against.
        #expect(answers[4] == [
            "unit_name,indicator_code,target,value,status",
            "\"Xã Bình Thuận\",DN_MOI,1.0,,missing",
            "\"Xã Bình Thuận\",HAI_LONG,95.0,90.25,missed",
            "\"Xã Mường É\",HAI_LONG,90.0,85.5,missed",
            "\"Xã Mường É\",HS_TRUC_TUYEN,70.0,56.0,missed",
            "\"Xã Thuận Châu\",HS_TRUC_TUYEN,70.0,56.0,missed",
            "\"Xã Thuận Châu\",TTHC_DUNG_HAN,100.0,95.0,missed",
        ])
        #expect(answers[5] == [
            "column_name,description_en,description_vi",
            "rank_change,\"previous period's rank − this rank; NULL when not ranked then\",\"thứ hạng kỳ trước − thứ hạng kỳ này; NULL nếu kỳ trước không xếp hạng\"",
        ])
    }
}
