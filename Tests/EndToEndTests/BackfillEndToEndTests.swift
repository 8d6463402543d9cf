import Foundation
import Testing

/// `cchc run --since P0 --period P`: a run over several periods (history loaded at once) imports and
/// scores every period from P0 through P, oldest first, and writes P's reports. What it stores must be
/// what one run per period, oldest first, stores.
@Suite("cchc run --since (several periods in one run)")
struct BackfillEndToEndTests {
    static let periods = ["2024-Q4", "2025-Q1", "2025-Q2", "2025-Q3"]

    /// A scratch folder holding a generated country (`data/`), removed after `body`.
    static func withGeneratedCountry(_ body: (Scratch) throws -> Void) throws {
        let scratch = try Scratch()
        defer { try? FileManager.default.removeItem(at: scratch.url) }
        try generate(into: scratch)
        try body(scratch)
    }

    /// A generated country (scripts/bench/gen_scale.py) of 2 provinces × 6 communes × 12 indicators
    /// over `periods`: blank values, absent rows, communes that send nothing, commune targets.
    static func generate(into scratch: Scratch) throws {
        let generator = Process()
        generator.executableURL = URL(fileURLWithPath: ScaleGeneratorSmokeTests.python!)
        generator.arguments = [CCHCProcess.repositoryRoot.appendingPathComponent("scripts/bench/gen_scale.py").path,
                               "--provinces", "2", "--communes-per-province", "6", "--indicators", "12",
                               "--periods", periods.joined(separator: ","), "--out", scratch.path("data")]
        generator.standardError = Pipe()
        try generator.run()
        generator.waitUntilExit()
        try #require(generator.terminationStatus == 0)
    }

    static func run(_ extra: [String], in scratch: Scratch, environment: [String: String] = [:]) throws -> CCHCProcess.Result {
        try CCHCProcess.run(["run", "--reference", "data/reference", "--inbox", "data/inbox", "--warehouse", "wh/w.sqlite",
                             "--reports", "out", "--as-of", "2025-10-01"] + extra, in: scratch.url, environment: environment)
    }

    /// The rows of `query` in the warehouse, as `sqlite3 -csv` prints them (header left out).
    static func rows(_ scratch: Scratch, _ query: String) throws -> [String] {
        Array(try AnalystSQLTests.sqlite3(scratch.path("wh/w.sqlite"), query).dropFirst())
    }

    /// What an analyst reads of the scores: every scored period's ranking, indicator results and roll-up.
    static func scoreTables(_ scratch: Scratch) throws -> [String] {
        try [
            "SELECT * FROM v_ranking",
            """
            SELECT p.period_code, u.unit_code, i.indicator_code, s.target, s.target_scope, s.value, s.attainment, s.weight, s.status
            FROM score_indicator s JOIN dim_period p USING (period_id)
            JOIN dim_unit u USING (unit_id) JOIN dim_indicator i USING (indicator_id) ORDER BY 1, 2, 3
            """,
            """
            SELECT p.period_code, u.unit_code, i.indicator_code, s.target, s.value, s.min_value, s.median_value, s.max_value, s.met,
                s.missed, s.missing
            FROM score_province_indicator s JOIN dim_period p USING (period_id) JOIN dim_unit u ON u.unit_id = s.province_id
            JOIN dim_indicator i USING (indicator_id) ORDER BY 1, 2, 3
            """,
        ].flatMap { try Self.rows(scratch, $0) }
    }

    @Test("three quarters in one run store the same scores as three runs one quarter at a time, and the same reports for the last",
          .enabled(if: ScaleGeneratorSmokeTests.python != nil, "needs python3"))
    func sameAsOneRunPerPeriod() throws {
        let oneAtATime = try Scratch(), atOnce = try Scratch()
        defer {
            try? FileManager.default.removeItem(at: oneAtATime.url)
            try? FileManager.default.removeItem(at: atOnce.url)
        }
        try Self.generate(into: oneAtATime)
        try Self.generate(into: atOnce)
        for period in Self.periods.dropFirst() {
            let result = try Self.run(["--period", period], in: oneAtATime)
            try #require(result.status == 0, "\(result.stderr)")
        }
        let result = try Self.run(["--since", "2025-Q1", "--period", "2025-Q3"], in: atOnce)
        try #require(result.status == 0, "\(result.stderr)")
        for period in Self.periods {
            #expect(result.stderr.contains("import \(period): "), "each period imported once: \(result.stderr)")
        }
        for period in Self.periods.dropFirst() {
            #expect(result.stderr.contains("score \(period): "), "each period scored: \(result.stderr)")
        }

        let scores = try Self.scoreTables(atOnce)
        #expect(scores == (try Self.scoreTables(oneAtATime)))
        let periodsScored = Set(try Self.rows(atOnce, "SELECT DISTINCT period_code FROM v_ranking"))
        #expect(periodsScored == Set(Self.periods))
        // Rank changes are there from the second quarter on: each period was scored after the one before.
        let withChange = try Self.rows(atOnce, "SELECT count(*) FROM v_ranking WHERE period_code = '2025-Q2' AND rank_change IS NOT NULL")
        #expect(withChange != ["0"])

        // The reports are the last period's only, byte for byte those of the last one-quarter run.
        let written = try FileManager.default.contentsOfDirectory(atPath: atOnce.path("out"))
        #expect(written == ["2025-Q3"])
        for province in ["01", "02"] {
            for file in ["ranking.csv", "missed-targets.csv", "indicators.csv", "rejections.csv", "report.html"] {
                let relative = "out/2025-Q3/\(province)/\(file)"
                #expect(FileManager.default.contents(atPath: atOnce.path(relative)) == FileManager.default.contents(atPath: oneAtATime.path(relative)),
                        "\(relative) differs")
            }
        }
        // One run, recorded with the periods it covered.
        let runs = try Self.rows(atOnce, "SELECT period_code, status, message FROM etl_run")
        #expect(runs.count == 1 && runs[0].hasPrefix("2025-Q3,succeeded,\"2025-Q3 (3 periods from 2025-Q1), "), "\(runs)")
        let importDetail = try Self.rows(atOnce, "SELECT detail FROM etl_step WHERE step = 'import'")
        #expect(importDetail.count == 1 && Self.periods.allSatisfy { importDetail[0].contains("\($0): ") }, "\(importDetail)")
    }

    @Test("a run over several periods after a failed one-period run does every step again, so no earlier period is left out",
          .enabled(if: ScaleGeneratorSmokeTests.python != nil, "needs python3"))
    func resumesWithoutSkipping() throws {
        try Self.withGeneratedCountry { scratch in
            // The one-period run dies after its import: its import step succeeded, for 2025-Q2 and 2025-Q3 only.
            let killed = try Self.run(["--period", "2025-Q3"], in: scratch, environment: ["CCHC_FAULT_POINT": "score.save"])
            try #require(killed.signal == SIGKILL, "\(killed.stderr)")
            let result = try Self.run(["--since", "2025-Q1", "--period", "2025-Q3"], in: scratch)
            try #require(result.status == 0, "\(result.stderr)")
            #expect(result.stderr.contains("import 2025-Q1: "), "\(result.stderr)")
            #expect(result.stderr.contains("import 2024-Q4: "), "\(result.stderr)")
            let periodsScored = Set(try Self.rows(scratch, "SELECT DISTINCT period_code FROM v_ranking"))
            #expect(periodsScored == Set(Self.periods))
            let steps = try Self.rows(scratch, "SELECT step, status FROM etl_step WHERE run_id = 2 ORDER BY rowid")
            #expect(steps == ["reference,succeeded", "import,succeeded", "score,succeeded", "report,succeeded"])
        }
    }

    @Test("a period of the range with no inbox folder is scored with no submission, and the run says so",
          .enabled(if: ScaleGeneratorSmokeTests.python != nil, "needs python3"))
    func periodWithoutFolder() throws {
        try Self.withGeneratedCountry { scratch in
            let result = try Self.run(["--since", "2024-Q2", "--period", "2025-Q1"], in: scratch)
            try #require(result.status == 0, "\(result.stderr)")
            #expect(result.stderr.contains("warning: the inbox data/inbox has no folder for 2024-Q2, 2024-Q3: those periods are scored with no submission"),
                    "\(result.stderr)")
            let statuses = try Self.rows(scratch, "SELECT period_code, status, count(*) FROM v_ranking GROUP BY 1, 2 ORDER BY 1, 2")
            #expect(statuses.filter { $0.hasPrefix("2024-Q2,") } == ["2024-Q2,not_submitted,12"], "\(statuses)")
            #expect(statuses.contains { $0.hasPrefix("2025-Q1,ranked,") }, "\(statuses)")
        }
    }

    @Test("--since after --period, or of another kind, is a usage error (exit 2) naming both", arguments: [
        (["--since", "2025-Q3", "--period", "2025-Q1"], "--since 2025-Q3 comes after the period 2025-Q1"),
        (["--since", "2024", "--period", "2025-Q1"], "--since 2024 and the period 2025-Q1 are not of the same kind"),
        (["--since", "2025-Q5", "--period", "2025-Q1"], "--since 2025-Q5: expected a period such as 2023-Q1"),
    ])
    func usageErrors(arguments: [String], message: String) throws {
        let scratch = try Scratch()
        defer { try? FileManager.default.removeItem(at: scratch.url) }
        let result = try CCHCProcess.run(["run", "--warehouse", "wh/w.sqlite"] + arguments, in: scratch.url)
        #expect(result.status == 2)
        #expect(result.stderr.contains(message), "\(result.stderr)")
        #expect(!FileManager.default.fileExists(atPath: scratch.path("wh/w.sqlite")))
    }

    @Test("--since of another kind than the inbox's latest period fails before the warehouse is touched (exit 1)",
          .enabled(if: ScaleGeneratorSmokeTests.python != nil, "needs python3"))
    func sinceAgainstInboxPeriod() throws {
        try Self.withGeneratedCountry { scratch in
            let result = try Self.run(["--since", "2025-H1"], in: scratch)
            #expect(result.status == 1)
            #expect(result.stderr.contains("--since 2025-H1 and the period 2025-Q3 are not of the same kind"), "\(result.stderr)")
            #expect(!FileManager.default.fileExists(atPath: scratch.path("wh/w.sqlite")))
        }
    }
}
