import Foundation
import Testing

/// `--workers` sets the threads of every parallel part of the batch (validating files, scoring,
/// rendering provinces); what the batch writes does not depend on it.
@Suite("cchc run --workers")
struct WorkersEndToEndTests {
    @Test("1, 2 and 8 workers write the same reports, byte for byte, and the same facts and scores")
    func sameOutputs() throws {
        var outputs: [[String: Data]] = []
        var tables: [String] = []
        for workers in ["1", "2", "8"] {
            let scratch = try Scratch()
            try ReportEndToEndTests.writeScenario(into: scratch)
            let arguments = ReportEndToEndTests.arguments.dropLast(2) + ["--workers", workers, "--excel-vi"]
            let result = try CCHCProcess.run(Array(arguments), in: scratch.url)
            #expect(result.status == 0, "\(result.stderr)")
            outputs.append(try ReliabilityCrashTests.reports(scratch))
            tables.append(try [
                "SELECT period_id, unit_id, indicator_id, value, numerator, denominator, note, source_line FROM fact_indicator_value ORDER BY 1, 2, 3",
                "SELECT * FROM score_unit ORDER BY 1, 2", "SELECT * FROM score_indicator ORDER BY 1, 2, 3",
                "SELECT * FROM score_province_indicator ORDER BY 1, 2, 3",
            ].flatMap { try AnalystSQLTests.sqlite3(scratch.path("wh/warehouse.sqlite"), $0) }.joined(separator: "\n"))
        }
        #expect(!outputs[0].isEmpty && outputs[0].keys.contains("2025-Q3/14/report.html"))
        #expect(outputs[1] == outputs[0] && outputs[2] == outputs[0])
        #expect(tables[1] == tables[0] && tables[2] == tables[0])
    }
}
