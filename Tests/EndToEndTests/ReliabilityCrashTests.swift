#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation
import Testing
import Warehouse

/// Crash safety (issue 8): `cchc run` is killed with SIGKILL at every visit of every fault point
/// (`CCHC_FAULT_POINT`, Sources/CCHCCore/FaultPoint.swift) — inside each migration, inside and after
/// each file's import transaction, before the scores are stored, after each report file, before the
/// run is recorded — and after each kill the warehouse must be intact, the facts in force exactly
/// those of the newest fully accepted file of each commune, every report file a complete good
/// version (the one before or the one after, never a torn one), and the next run must finish the job
/// with the same warehouse and byte-identical reports as a run that was never killed.
@Suite("Reliability: SIGKILL at every fault point")
struct ReliabilityCrashTests {
    /// Everything a world's state is judged by.
    struct Snapshot: Equatable {
        /// `unit period indicator value numerator denominator source_file`, sorted.
        var facts: [String]
        /// Report path (relative to `out/`) → bytes.
        var reports: [String: Data]
    }

    /// Writes the Scenario, runs it (reports "A"), then drops a second wave of files into the inbox:
    /// a newer accepted file, a newer rejected one, a first submission, another province's newer file
    /// and a late file of the previous quarter.
    static func baseWorld() throws -> Scratch {
        let scratch = try Scratch()
        try Scenario.write(into: scratch)
        let first = try CCHCProcess.run(Scenario.runArguments, in: scratch.url)
        #expect(first.status == 0, "\(first.stderr)")
        let later = Date().addingTimeInterval(120)
        try scratch.write("inbox/2025-Q3/14/03721-v2.csv", Scenario.submission("03721", "2025-Q3", [
            ("TTHC_DUNG_HAN", "99", "99", "100"), ("HAI_LONG", "97", "", ""), ("HS_TRUC_TUYEN", "80", "", ""), ("DN_MOI", "4", "", ""),
        ]), modified: later)
        try scratch.write("inbox/2025-Q3/14/03724-v2.csv", Scenario.submission("03724", "2025-Q3", [
            ("TTHC_DUNG_HAN", "150", "", ""), ("HAI_LONG", "99", "", ""),
        ]), modified: later)
        try scratch.write("inbox/2025-Q3/14/03730.csv", Scenario.submission("03730", "2025-Q3", [
            ("TTHC_DUNG_HAN", "88", "", ""), ("HAI_LONG", "91", "", ""), ("HS_TRUC_TUYEN", "71", "", ""), ("DN_MOI", "0", "", ""),
        ]), modified: later)
        try scratch.write("inbox/2025-Q3/12/03550-v2.csv", Scenario.submission("03550", "2025-Q3", [
            ("TTHC_DUNG_HAN", "", "49", "50"), ("HAI_LONG", "97", "", ""), ("HS_TRUC_TUYEN", "61", "", ""),
        ]), modified: later)
        try scratch.write("inbox/2025-Q2/14/03727.csv", Scenario.submission("03727", "2025-Q2", [
            ("TTHC_DUNG_HAN", "100", "", ""), ("HAI_LONG", "99", "", ""), ("HS_TRUC_TUYEN", "90", "", ""), ("DN_MOI", "5", "", ""),
        ]), modified: later)
        return scratch
    }

    /// A copy of `scratch` in a fresh folder (warehouse, WAL, reports and inbox, mtimes kept).
    static func copy(_ scratch: Scratch) throws -> Scratch {
        let copy = try Scratch()
        try FileManager.default.removeItem(at: copy.url)
        try FileManager.default.copyItem(at: scratch.url, to: copy.url)
        return copy
    }

    static func snapshot(_ scratch: Scratch) throws -> Snapshot {
        let database = try Database(path: scratch.path("wh/warehouse.sqlite"), readOnly: true)
        let facts = try database.prepare("""
            SELECT unit_code, period_code, indicator_code, value, numerator, denominator, source_file FROM v_fact
            ORDER BY unit_code, period_code, indicator_code
            """).rows { row in (0..<7).map { row.textOrNil(Int32($0)) ?? "∅" }.joined(separator: " ") }
        return Snapshot(facts: facts, reports: try reports(scratch))
    }

    /// Every file under `out/` (hidden ones too), relative path → bytes.
    static func reports(_ scratch: Scratch) throws -> [String: Data] {
        var reports: [String: Data] = [:]
        let root = scratch.path("out")
        for relative in (try? FileManager.default.subpathsOfDirectory(atPath: root)) ?? [] {
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: root + "/" + relative, isDirectory: &isDirectory), !isDirectory.boolValue else { continue }
            reports[relative] = try Data(contentsOf: URL(fileURLWithPath: root + "/" + relative))
        }
        return reports
    }

    /// The warehouse after a kill: intact, each commune's facts those of its newest accepted file and
    /// nothing else, a rejected file never in force. Returns what is wrong.
    static func warehouseProblems(_ scratch: Scratch, knownFacts: [String: [String]]) throws -> [String] {
        let path = scratch.path("wh/warehouse.sqlite")
        guard FileManager.default.fileExists(atPath: path) else { return [] }
        let database = try Database(path: path)
        var problems = try database.prepare("PRAGMA integrity_check").rows { $0.text(0) }.filter { $0 != "ok" }
        problems += try database.prepare("PRAGMA foreign_key_check").rows { "foreign key: \($0.text(0))" }
        // A kill during the first migrations leaves a schema without the views yet (each migration
        // commits on its own; the next run applies the rest): there are no facts to check then.
        guard try database.scalarInt("SELECT count(*) FROM sqlite_schema WHERE name IN ('fact_submission', 'v_fact')") == 2 else {
            return problems
        }
        // The newest accepted file of each commune and period (mtime, then name) is the one in force.
        var newest: [String: String] = [:]
        let accepted = try database.prepare("SELECT unit_code || ' ' || period_code, path FROM etl_file WHERE status = 'accepted' ORDER BY mtime, path")
            .rows { ($0.text(0), $0.text(1)) }
        for (key, file) in accepted { newest[key] = file }
        let inForce = try database.prepare("""
            SELECT u.unit_code || ' ' || p.period_code, f.path, f.status FROM fact_submission s
            JOIN dim_unit u USING (unit_id) JOIN dim_period p USING (period_id) JOIN etl_file f USING (file_id)
            """).rows { ($0.text(0), $0.text(1), $0.text(2)) }
        if Set(inForce.map(\.0)) != Set(newest.keys) { problems.append("communes in force \(inForce.map(\.0)) ≠ accepted \(newest.keys.sorted())") }
        for (key, file, status) in inForce {
            if status != "accepted" { problems.append("\(key): the rejected file \(file) is in force") }
            if newest[key] != file { problems.append("\(key): \(file) in force, but the newest accepted file is \(newest[key] ?? "none")") }
        }
        let facts = try database.prepare("""
            SELECT source_file, unit_code, period_code, indicator_code, value, numerator, denominator FROM v_fact ORDER BY 2, 3, 4
            """).rows { row in (row.text(0), (1..<7).map { row.textOrNil(Int32($0)) ?? "∅" }.joined(separator: " ")) }
        let byFile = Dictionary(grouping: facts, by: \.0).mapValues { $0.map(\.1) }
        for (_, file, _) in inForce where byFile[file] != knownFacts[file] {
            problems.append("facts of \(file): \(byFile[file] ?? []) ≠ the file's rows \(knownFacts[file] ?? [])")
        }
        for file in byFile.keys where !inForce.contains(where: { $0.1 == file }) { problems.append("facts of \(file), not in force") }
        return problems
    }

    /// Facts per source file, from snapshots of complete runs.
    static func factsByFile(_ snapshots: [Snapshot]) -> [String: [String]] {
        var result: [String: [String]] = [:]
        for snapshot in snapshots {
            var perFile: [String: [String]] = [:]
            for fact in snapshot.facts {
                let fields = fact.split(separator: " ").map(String.init)
                guard let file = fields.last else { continue }
                perFile[file, default: []].append(fields.dropLast().joined(separator: " "))
            }
            result.merge(perFile) { a, _ in a }
        }
        return result
    }

    /// Runs `cchc run` on `scratch` with `CCHC_FAULT_POINT=faultPoint` in its own environment only
    /// (tests run in parallel: the test process's environment is never touched).
    static func run(_ scratch: Scratch, faultPoint: String?) throws -> (killed: Bool, result: CCHCProcess.Result) {
        var environment = ["SWIFT_BACKTRACE": "enable=no"]
        environment["CCHC_FAULT_POINT"] = faultPoint
        let result = try CCHCProcess.run(Scenario.runArguments, in: scratch.url, environment: environment)
        return (result.signal == SIGKILL, result)
    }

    /// The fault points of a run over a warehouse that exists (migrations are tried on a fresh one).
    static let batchPoints = ["import.file", "import.committed", "score.save", "score.write", "report.file", "run.finish"]

    /// Kills the batch at visit 1, 2, … of `point` until a run passes every visit; checks each kill.
    /// Returns the number of kills made.
    static func killAtEveryVisit(of point: String, start: Scratch, complete: Snapshot, before: Snapshot) throws -> Int {
        let known = factsByFile([before, complete])
        var kills = 0
        for visit in 1...40 {
            let world = try copy(start)
            defer { try? FileManager.default.removeItem(at: world.url) }
            let (killed, result) = try run(world, faultPoint: "\(point):\(visit)")
            guard killed else {
                // The point has fewer visits than this: the run went through untouched.
                #expect(result.status == 0, "\(point):\(visit) not reached, yet the run failed: \(result.stderr)")
                #expect(try snapshot(world) == complete, "\(point):\(visit) not reached, yet the outputs differ")
                break
            }
            kills += 1
            #expect(try warehouseProblems(world, knownFacts: known) == [], "after a kill at \(point):\(visit)")
            // Every report file is whole: the good one from before, or the new one.
            let torn = try snapshot(world).reports.filter { path, bytes in bytes != before.reports[path] && bytes != complete.reports[path] }
            #expect(torn.isEmpty, "after a kill at \(point):\(visit), torn or stray report files: \(torn.keys.sorted())")
            let resumed = try run(world, faultPoint: nil)
            #expect(resumed.result.status == 0, "the run after a kill at \(point):\(visit) failed: \(resumed.result.stderr)")
            #expect(try snapshot(world) == complete, "the run after a kill at \(point):\(visit) did not finish the job as an unbroken run does")
            #expect(try warehouseProblems(world, knownFacts: known) == [])
        }
        return kills
    }

    @Test("a batch killed at any fault point leaves the warehouse and reports whole, and the next run finishes the job",
          arguments: batchPoints)
    func killDuringBatch(point: String) throws {
        let start = try Self.baseWorld()
        defer { try? FileManager.default.removeItem(at: start.url) }
        let before = try Self.snapshot(start)
        let reference = try Self.copy(start)
        defer { try? FileManager.default.removeItem(at: reference.url) }
        let unbroken = try Self.run(reference, faultPoint: nil)
        #expect(unbroken.result.status == 0, "\(unbroken.result.stderr)")
        let complete = try Self.snapshot(reference)
        #expect(complete.facts != before.facts, "the second wave must change the facts")
        let kills = try Self.killAtEveryVisit(of: point, start: start, complete: complete, before: before)
        #expect(kills >= 1, "\(point) was never reached")
        print("reliability: \(point): \(kills) kills, each recovered")
    }

    @Test("a batch killed inside each migration leaves the schema at the previous version, and the next run migrates and finishes")
    func killDuringMigration() throws {
        let fresh = try Scratch()
        defer { try? FileManager.default.removeItem(at: fresh.url) }
        try Scenario.write(into: fresh)
        let reference = try Self.copy(fresh)
        defer { try? FileManager.default.removeItem(at: reference.url) }
        #expect(try Self.run(reference, faultPoint: nil).result.status == 0)
        let complete = try Self.snapshot(reference)
        let empty = Snapshot(facts: [], reports: [:])
        var kills = 0
        for visit in 1...20 {
            let world = try Self.copy(fresh)
            defer { try? FileManager.default.removeItem(at: world.url) }
            let (killed, result) = try Self.run(world, faultPoint: "migration:\(visit)")
            guard killed else {
                #expect(result.status == 0, "\(result.stderr)")
                break
            }
            kills += 1
            let database = try Database(path: world.path("wh/warehouse.sqlite"))
            #expect(try database.scalarInt("PRAGMA user_version") == Int64(visit - 1), "killed inside migration \(visit)")
            #expect(try database.prepare("PRAGMA integrity_check").rows { $0.text(0) } == ["ok"])
            #expect(!FileManager.default.fileExists(atPath: world.path("out")), "no report before the schema is ready")
            let resumed = try Self.run(world, faultPoint: nil)
            #expect(resumed.result.status == 0, "after a kill in migration \(visit): \(resumed.result.stderr)")
            #expect(try Self.snapshot(world) == complete)
            #expect(try Self.warehouseProblems(world, knownFacts: Self.factsByFile([complete, empty])) == [])
        }
        #expect(kills >= 5, "every migration is a crash point")
        print("reliability: migration: \(kills) kills, each recovered")
    }

    @Test("a batch killed at arbitrary moments (not only at fault points) always recovers")
    func killAtRandomMoments() throws {
        let fresh = try Scratch()
        defer { try? FileManager.default.removeItem(at: fresh.url) }
        try writeLargeScenario(into: fresh, communes: 300)
        let reference = try Self.copy(fresh)
        defer { try? FileManager.default.removeItem(at: reference.url) }
        let started = Date()
        #expect(try Self.run(reference, faultPoint: nil).result.status == 0)
        let duration = Date().timeIntervalSince(started)
        let complete = try Self.snapshot(reference)
        let known = Self.factsByFile([complete])
        var kills = 0
        // Moments spread over the run's length, the same ones every time (the machine's speed moves them).
        for step in 0..<8 {
            let world = try Self.copy(fresh)
            defer { try? FileManager.default.removeItem(at: world.url) }
            let batch = try BackgroundCCHC(Scenario.runArguments, in: world.url)
            usleep(useconds_t(duration * Double(step * 2 + 1) / 16 * 1_000_000))
            kill(batch.process.processIdentifier, SIGKILL)
            let ended = batch.finish()
            guard ended.status == SIGKILL else { continue }
            kills += 1
            #expect(try Self.warehouseProblems(world, knownFacts: known) == [], "killed after \(step * 2 + 1)/16 of a run")
            // A `.<name>.partial` may be left by a kill mid-write: not a report, and the next run replaces it.
            let torn = try Self.reports(world).filter { !$0.key.hasSuffix(".partial") && complete.reports[$0.key] != $0.value }
            #expect(torn.isEmpty, "torn report files: \(torn.keys.sorted())")
            #expect(try Self.run(world, faultPoint: nil).result.status == 0)
            #expect(try Self.snapshot(world) == complete)
        }
        // How many land before the run ends depends on the machine's load; the fault points above are the exact ones.
        #expect(kills >= 1, "no kill landed before the run ended")
        print("reliability: random moments: \(kills) kills, each recovered")
    }

    @Test("the half-written temporary a kill leaves beside a report is replaced by the next run, never shown as a report")
    func partialFileReplaced() throws {
        let world = try Self.baseWorld()
        defer { try? FileManager.default.removeItem(at: world.url) }
        let reference = try Self.copy(world)
        defer { try? FileManager.default.removeItem(at: reference.url) }
        #expect(try Self.run(reference, faultPoint: nil).result.status == 0)
        // What a kill in the middle of writing report.html leaves: a torn temporary, the good file untouched.
        try world.write("out/2025-Q3/14/.report.html.partial", "<!DOCTYPE html><html><body><table><tr><td>Xã Thu")
        #expect(try Self.run(world, faultPoint: nil).result.status == 0)
        #expect(try Self.snapshot(world) == Self.snapshot(reference), "no .partial left, the reports as an unbroken run writes them")
    }
}

