#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation
import Testing
import Warehouse

/// The warehouse's surroundings (issue 8): an analyst's long read transaction in `sqlite3` during a
/// batch, a second batch, read-only access, a read-only or full disk.
@Suite("Reliability: concurrent analysts, read-only and full disks")
struct ReliabilityEnvironmentTests {
    /// An interactive `sqlite3` session whose answers the test reads back, like an analyst typing.
    final class AnalystSession {
        let process = Process()
        let input = Pipe(), output = Pipe()
        var buffer = Data()

        init(_ arguments: [String], in directory: URL) throws {
            process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
            process.arguments = ["sqlite3"] + arguments
            process.currentDirectoryURL = directory
            process.standardInput = input
            process.standardOutput = output
            process.standardError = output
            // sqlite3 may end first (a test failing midway): a write to its closed stdin must not kill the tests.
            signal(SIGPIPE, SIG_IGN)
            try process.run()
        }

        /// Types `sql` and returns what sqlite3 printed for it (up to a marker line).
        func ask(_ sql: String) -> String {
            let marker = "--end-\(UUID().uuidString)--"
            input.fileHandleForWriting.write(Data("\(sql)\n.print \(marker)\n".utf8))
            while true {
                if let range = buffer.range(of: Data("\(marker)\n".utf8)) {
                    let answer = String(decoding: buffer[..<range.lowerBound], as: UTF8.self)
                    buffer.removeSubrange(..<range.upperBound)
                    return answer
                }
                let more = output.fileHandleForReading.availableData
                if more.isEmpty { return String(decoding: buffer, as: UTF8.self) }
                buffer.append(more)
            }
        }

        func close() {
            try? input.fileHandleForWriting.close()
            process.waitUntilExit()
        }
    }

    static let factsSQL = "SELECT unit_code || ' ' || period_code || ' ' || indicator_code || ' ' || ifnull(value, '') FROM v_fact ORDER BY 1;"

    @Test("an analyst's long read transaction in sqlite3 neither blocks the batch nor sees it half done")
    func analystSnapshotDuringBatch() throws {
        let world = try ReliabilityCrashTests.baseWorld()
        defer { try? FileManager.default.removeItem(at: world.url) }
        let analyst = try AnalystSession(["-readonly", "wh/warehouse.sqlite"], in: world.url)
        defer { analyst.close() }
        #expect(analyst.ask("PRAGMA journal_mode;") == "wal\n")
        let before = analyst.ask("BEGIN; " + Self.factsSQL)
        #expect(before.split(separator: "\n").count > 10)
        let batch = try ReliabilityCrashTests.run(world, faultPoint: nil)
        #expect(batch.result.status == 0, "the batch must complete beside a reader: \(batch.result.stderr)")
        #expect(analyst.ask(Self.factsSQL) == before, "inside its transaction the analyst keeps the snapshot it began with")
        let after = analyst.ask("COMMIT; " + Self.factsSQL)
        #expect(after != before)
        #expect(after.contains("03721 2025-Q3 HAI_LONG 97.0"), "a new transaction sees the batch's facts")
        #expect(analyst.ask("PRAGMA integrity_check;") == "ok\n")
    }

    @Test("a second batch on a warehouse whose lock is held is refused at once and changes nothing")
    func secondBatchRefused() throws {
        let world = try ReliabilityCrashTests.baseWorld()
        defer { try? FileManager.default.removeItem(at: world.url) }
        let before = try ReliabilityCrashTests.snapshot(world)
        // What a running batch holds: an exclusive flock on <warehouse>.lock.
        let fd = open(world.path("wh/warehouse.sqlite.lock"), O_RDWR | O_CREAT, 0o644)
        #expect(fd >= 0 && flock(fd, LOCK_EX | LOCK_NB) == 0)
        defer { close(fd) }
        let second = try ReliabilityCrashTests.run(world, faultPoint: nil)
        #expect(second.result.status == 1)
        #expect(second.result.stderr.contains("another cchc batch is running on wh/warehouse.sqlite; wait for it to finish, then run again"),
                "\(second.result.stderr)")
        #expect(try ReliabilityCrashTests.snapshot(world) == before)
        let database = try Database(path: world.path("wh/warehouse.sqlite"), readOnly: true)
        #expect(try database.scalarInt("SELECT count(*) FROM etl_run") == 1, "the refused batch records no run")
    }

    @Test("analysts read the warehouse read-only: sqlite3 -readonly and a file:…?mode=ro URI answer queries and refuse every write")
    func readOnlyAnalystAccess() throws {
        let world = try ReliabilityCrashTests.baseWorld()
        defer { try? FileManager.default.removeItem(at: world.url) }
        let path = world.path("wh/warehouse.sqlite")
        let before = try ReliabilityCrashTests.snapshot(world)
        for arguments in [["-readonly", path], ["file:\(path)?mode=ro"]] {
            let analyst = try AnalystSession(arguments, in: world.url)
            let ranking = analyst.ask("SELECT rank, unit_code FROM v_ranking WHERE period_code = '2025-Q3' AND province_code = '14' ORDER BY rank IS NULL, rank, unit_code;")
            #expect(ranking.hasPrefix("1|"), "\(arguments): \(ranking)")
            for write in ["DELETE FROM fact_indicator_value;", "DROP TABLE dim_unit;", "UPDATE dim_unit SET unit_name = 'x';",
                          "CREATE TABLE analyst_scratch (x);"] {
                let answer = analyst.ask(write)
                #expect(answer.contains("attempt to write a readonly database"), "\(arguments) \(write): \(answer)")
            }
            analyst.close()
        }
        #expect(try ReliabilityCrashTests.snapshot(world) == before)
    }

    @Test("a truncated or foreign warehouse file stops the batch with SQLite's reason and leaves the reports alone")
    func corruptWarehouse() throws {
        let world = try ReliabilityCrashTests.baseWorld()
        defer { try? FileManager.default.removeItem(at: world.url) }
        let before = try ReliabilityCrashTests.reports(world)
        let path = world.path("wh/warehouse.sqlite")
        let size = try FileManager.default.attributesOfItem(atPath: path)[.size] as? Int ?? 0
        for (damage, expected) in [(truncate(path, off_t(size / 3)), "database disk image is malformed"), (0, "file is not a database")] {
            #expect(damage == 0)
            if expected == "file is not a database" { try world.write("wh/warehouse.sqlite", String(repeating: "not a warehouse\n", count: 400)) }
            let run = try ReliabilityCrashTests.run(world, faultPoint: nil)
            #expect(run.result.status == 1)
            #expect(run.result.stderr.contains("Error: ") && run.result.stderr.contains(expected), "\(run.result.stderr)")
            #expect(try ReliabilityCrashTests.reports(world) == before)
        }
    }

    @Test("a warehouse on a read-only file system is refused before anything runs, saying why",
          .enabled(if: SmallDisk.available, "needs root to mount a tmpfs"))
    func readOnlyFileSystem() throws {
        let world = try ReliabilityCrashTests.baseWorld()
        defer { try? FileManager.default.removeItem(at: world.url) }
        let disk = try SmallDisk(at: world.path("wh"), megabytes: 8, keeping: true)
        defer { disk.unmount() }
        let before = try ReliabilityCrashTests.snapshot(world)
        try disk.remount(readOnly: true)
        let refused = try ReliabilityCrashTests.run(world, faultPoint: nil)
        #expect(refused.result.status == 1)
        #expect(refused.result.stderr.contains("Error: the warehouse wh/warehouse.sqlite cannot be written ("), "\(refused.result.stderr)")
        #expect(refused.result.stderr.contains("Read-only file system"), "\(refused.result.stderr)")
        #expect(try ReliabilityCrashTests.snapshot(world) == before)
        try disk.remount(readOnly: false)
        #expect(try ReliabilityCrashTests.run(world, faultPoint: nil).result.status == 0)
    }

    @Test("a user who may not write the warehouse, its folder or its lock is refused before anything runs",
          .enabled(if: nobodyCanRunCCHC, "needs root, setpriv, and a cchc that the user nobody may run"))
    func warehouseNotWritable() throws {
        let world = try ReliabilityCrashTests.baseWorld()
        defer { try? FileManager.default.removeItem(at: world.url) }
        let before = try ReliabilityCrashTests.snapshot(world)
        chmod(world.url.path, 0o777)
        chmod(world.path("out"), 0o777)
        // Folder writable, warehouse file not; then the folder not (no -wal, -shm or lock can be made).
        chmod(world.path("wh"), 0o777)
        for (folderMode, expected) in [(mode_t(0o777), "(wh/warehouse.sqlite: Permission denied)"), (0o755, "(wh: Permission denied)")] {
            chmod(world.path("wh"), folderMode)
            if folderMode == 0o755 {
                for name in try FileManager.default.contentsOfDirectory(atPath: world.path("wh")) { chmod(world.path("wh/" + name), 0o666) }
            }
            let process = Process()
            process.executableURL = URL(fileURLWithPath: "/usr/bin/setpriv")
            process.arguments = ["--reuid=65534", "--regid=65534", "--clear-groups", CCHCProcess.executable.path] + Scenario.runArguments
            process.currentDirectoryURL = world.url
            process.environment = ["SWIFT_BACKTRACE": "enable=no", "PATH": "/usr/bin:/bin"]
            let err = Pipe()
            process.standardError = err
            process.standardOutput = FileHandle.nullDevice
            try process.run()
            let stderr = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            process.waitUntilExit()
            #expect(process.terminationStatus == 1)
            #expect(stderr.contains("Error: the warehouse wh/warehouse.sqlite cannot be written \(expected)"), "\(stderr)")
        }
        chmod(world.path("wh"), 0o755)
        #expect(try ReliabilityCrashTests.snapshot(world) == before)
    }

    @Test("a full disk stops the batch with a clear error, loses nothing, and the run after freeing space finishes the job",
          .enabled(if: SmallDisk.available, "needs root to mount a tmpfs"))
    func diskFull() throws {
        let world = try ReliabilityCrashTests.baseWorld()
        defer { try? FileManager.default.removeItem(at: world.url) }
        let before = try ReliabilityCrashTests.snapshot(world)
        let reference = try ReliabilityCrashTests.copy(world)
        defer { try? FileManager.default.removeItem(at: reference.url) }
        #expect(try ReliabilityCrashTests.run(reference, faultPoint: nil).result.status == 0)
        let complete = try ReliabilityCrashTests.snapshot(reference)
        let known = ReliabilityCrashTests.factsByFile([before, complete])

        // The warehouse's disk: full after a few more KB, the second wave does not fit.
        let disk = try SmallDisk(at: world.path("wh"), megabytes: 8, keeping: true)
        defer { disk.unmount() }
        var failures = 0
        for leave in [0, 4_096, 16_384, 65_536] {
            try disk.fill(leaving: leave)
            let full = try ReliabilityCrashTests.run(world, faultPoint: nil)
            if full.result.status != 0 {
                failures += 1
                #expect(full.result.status == 1)
                #expect(full.result.stderr.contains("database or disk is full"), "\(full.result.stderr)")
            }
            // Space is freed before the warehouse is read: a reader of a WAL warehouse may need to
            // grow its -shm index, which a full disk refuses (SQLITE_IOERR_SHMSIZE), whatever the
            // failed run left. Freeing space changes nothing in the files being checked.
            disk.emptyFiller()
            #expect(try ReliabilityCrashTests.warehouseProblems(world, knownFacts: known) == [], "with \(leave) bytes free")
            let torn = try ReliabilityCrashTests.snapshot(world).reports.filter { $0.value != before.reports[$0.key] && $0.value != complete.reports[$0.key] }
            #expect(torn.isEmpty)
        }
        #expect(failures >= 1, "the disk never filled up")
        #expect(try ReliabilityCrashTests.run(world, faultPoint: nil).result.status == 0)
        #expect(try ReliabilityCrashTests.snapshot(world) == complete)
        disk.unmount()
    }

    @Test("a full disk under the reports keeps every earlier report whole and names the province",
          .enabled(if: SmallDisk.available, "needs root to mount a tmpfs"))
    func reportsDiskFull() throws {
        let world = try ReliabilityCrashTests.baseWorld()
        defer { try? FileManager.default.removeItem(at: world.url) }
        let before = try ReliabilityCrashTests.snapshot(world)
        let disk = try SmallDisk(at: world.path("out"), megabytes: 4, keeping: true)
        defer { disk.unmount() }
        try disk.fill(leaving: 0)
        let full = try ReliabilityCrashTests.run(world, faultPoint: nil)
        #expect(full.result.status == 1)
        #expect(full.result.stderr.contains("No space left on device"), "\(full.result.stderr)")
        let after = try ReliabilityCrashTests.snapshot(world).reports
        let changed = Set(after.keys).union(before.reports.keys).filter { $0 != ".filler" && after[$0] != before.reports[$0] }
        #expect(changed.isEmpty, "the reports of before, byte for byte: changed \(changed.sorted()) \(full.result.stderr)")
        disk.emptyFiller()
        #expect(try ReliabilityCrashTests.run(world, faultPoint: nil).result.status == 0)
    }
}

/// Whether the tests may run `cchc` as the user nobody (root, setpriv, a build folder nobody can reach).
let nobodyCanRunCCHC: Bool = {
    guard getuid() == 0, FileManager.default.isExecutableFile(atPath: "/usr/bin/setpriv") else { return false }
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/setpriv")
    process.arguments = ["--reuid=65534", "--regid=65534", "--clear-groups", CCHCProcess.executable.path, "--help"]
    process.standardOutput = FileHandle.nullDevice
    process.standardError = FileHandle.nullDevice
    guard (try? process.run()) != nil else { return false }
    process.waitUntilExit()
    return process.terminationStatus == 0
}()

/// A small tmpfs mounted over a folder of a test (root only), its earlier content copied in.
final class SmallDisk {
    let mountPoint: String
    var filler: String { mountPoint + "/.filler" }
    private var mounted = true

    /// Whether this process may mount (root, in a container that allows it): tried once.
    static let available: Bool = {
        guard getuid() == 0 else { return false }
        let probe = FileManager.default.temporaryDirectory.appendingPathComponent("cchc-mount-probe-\(getpid())").path
        try? FileManager.default.createDirectory(atPath: probe, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: probe) }
        guard (try? SmallDisk.mount(["-t", "tmpfs", "-o", "size=64k", "tmpfs", probe])) == 0 else { return false }
        _ = try? SmallDisk.mount(["-l", probe], command: "/bin/umount")
        return true
    }()

    static func mount(_ arguments: [String], command: String = "/bin/mount") throws -> Int32 {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: command)
        process.arguments = arguments
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        return process.terminationStatus
    }

    struct MountFailed: Error {}

    init(at folder: String, megabytes: Int, keeping: Bool) throws {
        mountPoint = folder
        let saved = folder + ".saved"
        if keeping { try FileManager.default.moveItem(atPath: folder, toPath: saved) }
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        guard try Self.mount(["-t", "tmpfs", "-o", "size=\(megabytes)m", "tmpfs", folder]) == 0 else { throw MountFailed() }
        if keeping {
            for name in try FileManager.default.contentsOfDirectory(atPath: saved) {
                try FileManager.default.copyItem(atPath: saved + "/" + name, toPath: folder + "/" + name)
            }
            try FileManager.default.removeItem(atPath: saved)
        }
    }

    func remount(readOnly: Bool) throws {
        guard try Self.mount(["-o", "remount,\(readOnly ? "ro" : "rw")", mountPoint]) == 0 else { throw MountFailed() }
    }

    /// Fills the disk with a filler file until `leaving` bytes are free.
    func fill(leaving: Int) throws {
        var stats = statvfs()
        guard statvfs(mountPoint, &stats) == 0 else { throw MountFailed() }
        let free = Int(stats.f_bavail) * Int(stats.f_frsize)
        let fd = open(filler, O_WRONLY | O_CREAT | O_APPEND, 0o644)
        defer { close(fd) }
        let chunk = [UInt8](repeating: 0x20, count: 4_096)
        var left = free - leaving
        while left > 0 {
            let written = chunk.withUnsafeBytes { write(fd, $0.baseAddress, min(left, $0.count)) }
            if written <= 0 { break }
            left -= written
        }
    }

    func emptyFiller() { unlink(filler) }

    func unmount() {
        guard mounted else { return }
        mounted = false
        _ = try? Self.mount(["-l", mountPoint], command: "/bin/umount")
    }
}
