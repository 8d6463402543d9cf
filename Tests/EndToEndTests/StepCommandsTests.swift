import Foundation
import Testing

@Suite("The steps on their own: cchc import, score, report")
struct StepCommandsTests {
    @Test("import, then score, then report write the same reports as one run, and each is recorded")
    func stepsEqualRun() throws {
        let whole = try Scratch(), steps = try Scratch()
        try Scenario.write(into: whole)
        try Scenario.write(into: steps)
        #expect(try CCHCProcess.run(Scenario.runArguments, in: whole.url).status == 0)

        let flags = Array(Scenario.runArguments.dropFirst())
        let imported = try CCHCProcess.run(["import"] + flags, in: steps.url)
        #expect(imported.status == 0, "\(imported.stderr)")
        #expect(imported.stderr.contains("import 2025-Q3: 5 accepted, 1 rejected"))
        #expect(!FileManager.default.fileExists(atPath: steps.path("out")), "import writes no report")

        let scored = try CCHCProcess.run(["score"] + flags, in: steps.url)
        #expect(scored.status == 0, "\(scored.stderr)")
        #expect(scored.stderr.contains("score 2025-Q3: 5 communes ranked"))

        let reported = try CCHCProcess.run(["report"] + flags, in: steps.url)
        #expect(reported.status == 0, "\(reported.stderr)")
        #expect(reported.stdout.contains("out/2025-Q3/14/ranking.csv"))
        #expect(reported.stdout.contains("out/2025-Q3/national.html"))
        #expect(try steps.read("out/2025-Q3/national.csv") == whole.read("out/2025-Q3/national.csv"))
        for file in ["ranking.csv", "missed-targets.csv", "indicators.csv", "rejections.csv"] {
            for province in ["12", "14"] {
                let path = "out/2025-Q3/\(province)/\(file)"
                #expect(try steps.read(path) == whole.read(path), "\(path)")
            }
        }
        let jobs = try AnalystSQLTests.sqlite3(steps.path("wh/warehouse.sqlite"),
                                              "SELECT job, status FROM etl_run ORDER BY run_id;")
        #expect(jobs == ["job,status", "quarter-end/import,succeeded", "quarter-end/score,succeeded", "quarter-end/report,succeeded"])
    }

    @Test("score or report on a warehouse where nothing was imported fails and says what to run first")
    func scoreBeforeImport() throws {
        for command in ["score", "report"] {
            let scratch = try Scratch()
            try Scenario.write(into: scratch)
            let result = try CCHCProcess.run([command] + Array(Scenario.runArguments.dropFirst()), in: scratch.url)
            #expect(result.status == 1)
            #expect(result.stderr.contains("holds no communes: load the reference data and the submissions first (cchc import, or cchc run)"),
                    "\(result.stderr)")
            #expect(!FileManager.default.fileExists(atPath: scratch.path("out")))
        }
    }
}
