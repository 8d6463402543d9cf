import Foundation
import Testing

@Suite("Targets over time")
struct TargetHistoryTests {
    @Test("a changed target applies to the period being run; the period scored before keeps its target; the old one is in history")
    func changedTargetKeepsHistory() throws {
        let scratch = try Scratch()
        try Scenario.write(into: scratch)
        #expect(try CCHCProcess.run(Scenario.runArguments, in: scratch.url).status == 0)
        // The province raises its online target from 70 to 80 % and drops the new-enterprise target.
        try scratch.write("reference/targets.csv", Scenario.targets
            .replacingOccurrences(of: "14,2025,HS_TRUC_TUYEN,70,test plan", with: "14,2025,HS_TRUC_TUYEN,80,QĐ sửa đổi")
            .replacingOccurrences(of: "14,2025,DN_MOI,1,test plan\n", with: ""))
        let result = try CCHCProcess.run(Scenario.runArguments, in: scratch.url)
        #expect(result.status == 0, "\(result.stderr)")

        let warehouse = scratch.path("wh/warehouse.sqlite")
        #expect(try AnalystSQLTests.sqlite3(warehouse, """
            SELECT period_code, indicator_code, target FROM v_score_breakdown
            WHERE unit_code = '03721' AND indicator_code IN ('HS_TRUC_TUYEN', 'DN_MOI') ORDER BY period_code, indicator_code;
            """) == [
                "period_code,indicator_code,target",
                "2025-Q2,DN_MOI,1.0",
                "2025-Q2,HS_TRUC_TUYEN,70.0",
                "2025-Q3,HS_TRUC_TUYEN,80.0",
            ])
        #expect(try AnalystSQLTests.sqlite3(warehouse, """
            SELECT u.unit_code, h.year, i.indicator_code, h.target, h.source, h.change
            FROM fact_target_history h JOIN dim_unit u ON u.unit_id = h.scope_unit_id JOIN dim_indicator i USING (indicator_id)
            ORDER BY i.indicator_code;
            """) == [
                "unit_code,year,indicator_code,target,source,change",
                "14,2025,DN_MOI,1.0,\"test plan\",removed",
                "14,2025,HS_TRUC_TUYEN,70.0,\"test plan\",changed",
            ])
        // 2025-Q3 against the new targets: Thuận Châu 100·(0.95 + 1 + 2·56/80)/4 = 83.75; Bình Thuận's
        // blank DN_MOI no longer counts: 100·(1 + 0.95 + 2·70/80)/4 = 92.50, first.
        #expect(try scratch.csvRows("out/2025-Q3/14/ranking.csv")[1...2] == [
            "1,03724,Xã Bình Thuận,92.50,,,97.50,,,,87.50,,1,2,0,0,ranked",
            "2,03721,Xã Thuận Châu,83.75,,,97.50,,,,70.00,,1,2,0,0,ranked",
        ])
    }
}
