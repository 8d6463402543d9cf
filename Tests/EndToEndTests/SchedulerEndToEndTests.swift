#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import CCHCCore
import Foundation
import Testing
import Warehouse

/// A `cchc` started in the background, so a test can watch it, kill it, or race it.
final class BackgroundCCHC {
    let process = Process()
    let stderrFile: URL

    init(_ arguments: [String], in directory: URL) throws {
        stderrFile = directory.appendingPathComponent("stderr-\(UUID().uuidString).txt")
        _ = FileManager.default.createFile(atPath: stderrFile.path, contents: nil)
        process.executableURL = CCHCProcess.executable
        process.arguments = arguments
        process.currentDirectoryURL = directory
        process.standardOutput = FileHandle.nullDevice
        process.standardError = try FileHandle(forWritingTo: stderrFile)
        try process.run()
    }

    /// Polls `condition` every 2 ms until it holds (true) or the process ends or 60 s pass (false).
    func wait(until condition: () -> Bool) -> Bool {
        let deadline = Date().addingTimeInterval(60)
        while Date() < deadline {
            if condition() { return true }
            if !process.isRunning { return condition() }
            usleep(2_000)
        }
        return false
    }

    func finish() -> (status: Int32, stderr: String) {
        process.waitUntilExit()
        return (process.terminationStatus, (try? String(contentsOf: stderrFile, encoding: .utf8)) ?? "")
    }
}

/// A scalar from a warehouse opened read-only beside a running batch; nil while it cannot be read yet.
func peek(_ path: String, _ sql: String) -> Int64? {
    guard FileManager.default.fileExists(atPath: path), let db = try? Database(path: path, readOnly: true) else { return nil }
    db.setBusyTimeout(milliseconds: 1_000)
    return (try? db.scalarInt(sql)) ?? nil
}

/// One province with `communes` communes, each with a 2025-Q3 submission: enough files for a kill to
/// land in the middle of the import.
func writeLargeScenario(into scratch: Scratch, communes: Int) throws {
    var units = "unit_code,unit_name,parent_code,level\n14,Tỉnh Sơn La,,province\n"
    for n in 0..<communes { units += "9\(String(format: "%04d", n)),Xã Thử \(n),14,commune\n" }
    try scratch.write("reference/units.csv", units)
    try scratch.write("reference/indicators.csv", Scenario.indicators)
    try scratch.write("reference/targets.csv", """
        scope_code,year,indicator_code,target,source
        14,2025,TTHC_DUNG_HAN,100,test plan
        14,2025,HAI_LONG,90,test plan
        14,2025,HS_TRUC_TUYEN,70,test plan
        14,2025,DN_MOI,1,test plan

        """)
    for n in 0..<communes {
        let code = "9\(String(format: "%04d", n))"
        try scratch.write("inbox/2025-Q3/14/\(code).csv", Scenario.submission(code, "2025-Q3", [
            ("TTHC_DUNG_HAN", "\(90 + n % 10)", "", ""), ("HAI_LONG", "\(80 + n % 20)", "", ""), ("HS_TRUC_TUYEN", "\(50 + n % 40)", "", ""),
            ("DN_MOI", "\(n % 3)", "", ""),
        ]))
    }
}

@Suite("The scheduler, end to end")
struct SchedulerEndToEndTests {
    @Test("a batch killed with SIGKILL during the import is marked interrupted and the next run resumes and completes")
    func killMidRunThenResume() throws {
        let scratch = try Scratch()
        let communes = 600
        try writeLargeScenario(into: scratch, communes: communes)
        let warehouse = scratch.path("wh/warehouse.sqlite")
        let batch = try BackgroundCCHC(Scenario.runArguments, in: scratch.url)
        let midImport = batch.wait { (peek(warehouse, "SELECT count(*) FROM etl_file") ?? 0) >= 20 }
        kill(batch.process.processIdentifier, SIGKILL)
        let killed = batch.finish()
        #expect(midImport, "the import never started: \(killed.stderr)")
        #expect(killed.status == SIGKILL)
        let received = try #require(peek(warehouse, "SELECT count(*) FROM etl_file"))
        #expect(received < Int64(communes), "the batch finished before it was killed; make the scenario bigger")
        #expect(peek(warehouse, "SELECT count(*) FROM etl_run WHERE status = 'running'") == 1)

        let resumed = try CCHCProcess.run(Scenario.runArguments, in: scratch.url)
        #expect(resumed.status == 0, "\(resumed.stderr)")
        #expect(resumed.stderr.contains("run 1 was interrupted (its process died before it finished); marked failed"))
        #expect(resumed.stderr.contains("resuming run 1 of quarter-end for 2025-Q3: skipping reference (done there)"))
        #expect(resumed.stderr.contains("import 2025-Q3: \(Int64(communes) - received) accepted, 0 rejected, \(received) unchanged"))

        let store = try WarehouseStore(path: warehouse)
        #expect(try store.database.prepare("PRAGMA integrity_check").rows { $0.text(0) } == ["ok"])
        #expect(try store.consistencyProblems() == [])
        #expect(try store.database.scalarInt("SELECT count(*) FROM etl_file") == Int64(communes))
        #expect(try store.database.scalarInt("SELECT count(*) FROM fact_indicator_value") == Int64(communes * 4))
        let runs = try store.recentRuns(limit: 5)
        #expect(runs.map(\.id) == [2, 1])
        #expect(runs.map(\.status) == ["succeeded", "failed"])
        #expect(runs[1].message?.hasPrefix("interrupted: the process ended without finishing") == true)
        #expect(runs[0].resumedFrom == 1)
        #expect(try store.steps(ofRun: 1).map { "\($0.step) \($0.status) \($0.error ?? "")" } == ["reference succeeded ", "import failed interrupted"])
        let steps = try store.steps(ofRun: 2)
        #expect(steps.map { "\($0.step) \($0.status)" } == ["reference skipped", "import succeeded", "score succeeded", "report succeeded"])
        #expect(steps[1].counts.filesUnchanged == Int(received))
        #expect(steps[1].counts.filesAccepted == communes - Int(received))
        #expect(steps[2].counts.communesRanked == communes)
        #expect(try scratch.csvRows("out/2025-Q3/14/ranking.csv").count == communes + 1)

        let status = try CCHCProcess.run(["status", "--warehouse", "wh/warehouse.sqlite"], in: scratch.url)
        #expect(status.status == 0)
        #expect(status.stdout.contains("  run 2  quarter-end  2025-Q3  succeeded"))
        #expect(status.stdout.contains("(manual, resumes run 1)"))
        #expect(status.stdout.contains("    why: interrupted: the process ended without finishing"))
        #expect(status.stdout.contains("    import     succeeded: \(communes - Int(received)) accepted, 0 rejected, \(received) unchanged"))
    }

    @Test("a second batch on a warehouse being written is refused at once with exit 1; the first completes")
    func concurrentRuns() throws {
        let scratch = try Scratch()
        try Scenario.write(into: scratch)
        // A job whose first step holds the batch for two seconds: a province's slow export hook.
        try scratch.write("slow.json", """
            {
              "name": "slow",
              "parameters": {"reference": "reference", "inbox": "inbox", "warehouse": "wh/warehouse.sqlite", "reports": "out"},
              "steps": [
                {"name": "hold", "kind": "command", "command": "sleep 2"},
                {"name": "reference", "depends_on": ["hold"]},
                {"name": "import", "depends_on": ["reference"]},
                {"name": "score", "depends_on": ["import"]},
                {"name": "report", "depends_on": ["score"]}
              ]
            }
            """)
        let warehouse = scratch.path("wh/warehouse.sqlite")
        let first = try BackgroundCCHC(["run", "slow.json", "--as-of", "2025-10-10"], in: scratch.url)
        #expect(first.wait { peek(warehouse, "SELECT count(*) FROM etl_step WHERE step = 'hold' AND status = 'running'") == 1 })
        let second = try CCHCProcess.run(Scenario.runArguments, in: scratch.url)
        #expect(second.status == 1)
        #expect(second.stderr == "Error: another cchc batch is running on wh/warehouse.sqlite; wait for it to finish, then run again\n")
        let done = first.finish()
        #expect(done.status == 0, "\(done.stderr)")
        let store = try WarehouseStore(path: warehouse)
        #expect(try store.recentRuns().map(\.status) == ["succeeded"])
    }

    @Test("one province's unwritable report folder fails the run with the reason; the other province's reports are written")
    func provinceIsolation() throws {
        let scratch = try Scratch()
        try Scenario.write(into: scratch)
        // A file where Lai Châu's folder should be: its reports cannot be written.
        try scratch.write("out/2025-Q3/12", "not a folder")
        let result = try CCHCProcess.run(Scenario.runArguments, in: scratch.url)
        #expect(result.status == 1)
        #expect(result.stderr.contains("Error: step report failed: province 12: out/2025-Q3/12: "))
        #expect(try scratch.csvRows("out/2025-Q3/14/ranking.csv").count == 5)
        let store = try WarehouseStore(path: scratch.path("wh/warehouse.sqlite"))
        let report = try #require(try store.steps(ofRun: 1).last)
        #expect(report.step == "report")
        #expect(report.status == "failed")
        #expect(report.counts.provincesWritten == 1)
        #expect(report.counts.provincesFailed == 1)
        #expect(report.error?.hasPrefix("province 12: out/2025-Q3/12: ") == true)
        let status = try CCHCProcess.run(["status", "--warehouse", "wh/warehouse.sqlite"], in: scratch.url)
        #expect(status.stdout.contains("failed, not yet run again successfully:\n  quarter-end 2025-Q3: run 1: step report failed: province 12"))
    }

    @Test("daemon --once: first sight counts from now, a due job runs once for its quarter, then nothing is due")
    func daemonOnce() throws {
        let scratch = try Scratch()
        try Scenario.write(into: scratch)
        try scratch.write("jobs/q.json", """
            {
              "name": "q",
              "parameters": {"reference": "reference", "inbox": "inbox", "warehouse": "wh/warehouse.sqlite", "reports": "out",
                             "period": "current-quarter"},
              "schedule": "0 7 10 3,6,9,12 *"
            }
            """)
        let first = try CCHCProcess.run(["daemon", "jobs/q.json", "--once", "--now", "2025-06-20T09:00+07:00"], in: scratch.url)
        #expect(first.status == 0, "\(first.stderr)")
        #expect(first.stdout == "q: first seen; due times count from now\n")
        let pending = try CCHCProcess.run(["status", "--warehouse", "wh/warehouse.sqlite", "--job", "jobs/q.json",
                                           "--now", "2025-09-10T07:05+07:00"], in: scratch.url)
        #expect(pending.stdout.hasSuffix("pending (due, not run yet):\n  q: due 2025-09-10 07:00 +07:00\n"))
        let schedule = try CCHCProcess.run(["schedule", "jobs/q.json", "--now", "2025-09-10T07:05+07:00"], in: scratch.url)
        #expect(schedule.stdout == """
            q: "0 7 10 3,6,9,12 *" at UTC+07:00  [jobs/q.json]
              next: 2025-12-10 07:00 +07:00, 2026-03-10 07:00 +07:00, 2026-06-10 07:00 +07:00
              due now: due 2025-09-10 07:00 +07:00

            """)
        // Back on 10 September at 07:05 (the 07:00 pass was missed): the quarter runs once.
        let due = try CCHCProcess.run(["daemon", "jobs/q.json", "--once", "--now", "2025-09-10T07:05+07:00"], in: scratch.url)
        #expect(due.status == 0, "\(due.stderr)")
        #expect(due.stdout == "q: run 1 completed for 2025-09-10T00:00:00Z\n")
        #expect(due.stderr.contains("job q: due 2025-09-10 07:00 +07:00; running"))
        #expect(try scratch.csvRows("out/2025-Q3/14/ranking.csv").count == 5)
        let again = try CCHCProcess.run(["daemon", "jobs/q.json", "--once", "--now", "2025-09-10T08:00+07:00"], in: scratch.url)
        #expect(again.stdout == "nothing due\n")
        let status = try CCHCProcess.run(["status", "--warehouse", "wh/warehouse.sqlite", "--job", "jobs/q.json",
                                          "--now", "2025-09-10T08:00+07:00"], in: scratch.url)
        #expect(status.stdout.contains("  run 1  q  2025-Q3  succeeded"))
        #expect(status.stdout.contains("(scheduled for 2025-09-10T00:00:00Z)"))
        #expect(status.stdout.hasSuffix("pending (due, not run yet):\n  none\n"))
    }

    @Test("a malformed job file stops the run with its line and column, exit 1; status never creates a warehouse")
    func malformedJobAndStatus() throws {
        let scratch = try Scratch()
        try scratch.write("bad.json", "{\n  \"name\": \"q\",\n  \"steps\": [\n    {\"name\": \"reference\"}\n    {\"name\": \"import\"}\n  ]\n}\n")
        let bad = try CCHCProcess.run(["run", "bad.json"], in: scratch.url)
        #expect(bad.status == 1)
        #expect(bad.stderr == "Error: bad.json:5:5: not valid JSON: found '{\"name\": \"im'; expected ',' or ']' (a missing comma?)\n")
        let status = try CCHCProcess.run(["status", "--warehouse", "none/warehouse.sqlite"], in: scratch.url)
        #expect(status.status == 0)
        #expect(status.stdout.hasPrefix("no warehouse at none/warehouse.sqlite: no run has been recorded there yet (status creates nothing)\n"))
        #expect(!FileManager.default.fileExists(atPath: scratch.path("none")))
    }
}
