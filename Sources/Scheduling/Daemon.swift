import CCHCCore
import Foundation
import Logging
import Pipeline
import Warehouse

/// The current time, replaceable in tests.
public protocol WallClock: Sendable {
    /// Seconds since the Unix epoch.
    func now() -> Int64
}

public struct SystemClock: WallClock {
    public init() {}
    public func now() -> Int64 { Int64(Date().timeIntervalSince1970) }
}

/// A clock that always says the same time (`--now`, tests).
public struct FixedClock: WallClock {
    public var seconds: Int64
    public init(_ seconds: Int64) { self.seconds = seconds }
    public func now() -> Int64 { seconds }
}

/// Runs due jobs on time. Each job's last handled scheduled time is kept in its warehouse
/// (`sched_job`), so after downtime a job whose due times were missed runs once, for the latest of
/// them — not once per missed time. A job the daemon has never seen starts counting from that
/// moment (installing the daemon in November does not replay September). Jobs run one after another;
/// a stop request ends the loop between jobs, and a running batch between its steps.
public final class Daemon {
    /// What one pass did for one job.
    public enum Outcome: Sendable, Equatable {
        /// First sight of the job: its due times count from now.
        case started(job: String)
        case ran(job: String, scheduledFor: Int64, missed: Int, runID: Int64)
        case failed(job: String, scheduledFor: Int64, missed: Int, reason: String)
        /// Another batch holds the warehouse: tried again on the next pass.
        case busy(job: String, scheduledFor: Int64, reason: String)
    }

    /// Runs one batch and returns its run id (`Batch.run` outside tests).
    public typealias Runner = (BatchOptions, Batch.Environment) throws -> Int64

    let jobs: [ScheduledJob]
    let clock: any WallClock
    let environment: Batch.Environment
    let logger: Logger
    let runner: Runner

    public init(jobs: [ScheduledJob], clock: any WallClock = SystemClock(), environment: Batch.Environment = .live,
                logger: Logger = Logger(label: "cchc.daemon"),
                runner: @escaping Runner = { options, environment in try Batch.run(options, environment: environment).runID }) {
        self.jobs = jobs
        self.clock = clock
        self.environment = environment
        self.logger = logger
        self.runner = runner
    }

    /// Takes the daemon lock of every warehouse the jobs write (`<warehouse>.daemon.lock`): one
    /// daemon per warehouse. Keep the locks for as long as the daemon runs.
    public func lockWarehouses() throws -> [BatchLock] {
        try Set(jobs.map(\.file.warehousePath)).sorted().map { warehouse in
            try FileManager.default.createDirectory(atPath: (warehouse as NSString).deletingLastPathComponent.isEmpty ? "."
                                                    : (warehouse as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
            return try BatchLock(lockPath: warehouse + ".daemon.lock",
                                 busy: "another cchc daemon is running on \(warehouse); stop it first (SIGTERM) or use that one")
        }
    }

    /// One pass: runs every job that is due now, once.
    @discardableResult
    public func runDue() -> [Outcome] {
        var outcomes: [Outcome] = []
        for job in jobs {
            if let reason = environment.stopRequested() {
                logger.notice("stopping (\(reason)) before job \(job.name)")
                break
            }
            guard let schedule = job.schedule else { continue }
            do {
                if let outcome = try pass(job, schedule) { outcomes.append(outcome) }
            } catch {
                logger.error("job \(job.name): cannot read or record its schedule state: \(error)")
                outcomes.append(.failed(job: job.name, scheduledFor: clock.now(), missed: 0, reason: "\(error)"))
            }
        }
        return outcomes
    }

    func pass(_ job: ScheduledJob, _ schedule: Schedule) throws -> Outcome? {
        let now = clock.now()
        let warehouse = job.file.warehousePath
        let folder = (warehouse as NSString).deletingLastPathComponent
        try FileManager.default.createDirectory(atPath: folder.isEmpty ? "." : folder, withIntermediateDirectories: true)
        let store = try WarehouseStore(path: warehouse)
        guard let lastText = try store.lastScheduled(job: job.name), let last = Instant.parse(lastText) else {
            try store.setLastScheduled(job: job.name, scheduledFor: Instant.iso(now), runID: nil)
            let next = job.next(after: now).map { LocalTime(epochSeconds: $0, offsetSeconds: job.offsetSeconds).description } ?? "never"
            logger.info("job \(job.name): first seen; due times count from now; next due \(next)")
            return .started(job: job.name)
        }
        guard let (missed, latest) = schedule.dueTimes(after: last, through: now, offsetSeconds: job.offsetSeconds) else { return nil }
        let local = LocalTime(epochSeconds: latest, offsetSeconds: job.offsetSeconds)
        if missed > 1 {
            logger.notice("job \(job.name): \(missed) due times passed since \(LocalTime(epochSeconds: last, offsetSeconds: job.offsetSeconds)); running it once, for \(local)")
        } else {
            logger.info("job \(job.name): due \(local); running")
        }
        let options = job.options(at: latest, scheduled: true)
        do {
            let runID = try runner(options, environment)
            try store.setLastScheduled(job: job.name, scheduledFor: Instant.iso(latest), runID: runID)
            logger.info("job \(job.name): run \(runID) completed")
            return .ran(job: job.name, scheduledFor: latest, missed: missed, runID: runID)
        } catch let busy as BatchBusy {
            logger.warning("job \(job.name): \(busy.description); trying again on the next pass")
            return .busy(job: job.name, scheduledFor: latest, reason: busy.description)
        } catch where environment.stopRequested() != nil {
            // Stopped between steps: left due, so the next start resumes the run at once.
            logger.notice("job \(job.name): stopped (\(error)); still due, resumed at the next start")
            return .failed(job: job.name, scheduledFor: latest, missed: missed, reason: "\(error)")
        } catch {
            // Recorded as handled: the failed run is in etl_run, and the next run resumes it. Running
            // it again on every pass would only repeat a failure that needs a person.
            try store.setLastScheduled(job: job.name, scheduledFor: Instant.iso(latest), runID: nil)
            logger.error("job \(job.name): the run for \(local) failed: \(error)")
            return .failed(job: job.name, scheduledFor: latest, missed: missed, reason: "\(error)")
        }
    }

    /// Runs passes until a stop is requested, sleeping until the next due time (at most
    /// `pollSeconds`, so a busy warehouse or a changed clock is noticed) in one-second slices.
    public func run(pollSeconds: Int64 = 30) {
        logger.info("daemon started with \(jobs.count) job(s): \(jobs.map(\.name).joined(separator: ", "))")
        while environment.stopRequested() == nil {
            runDue()
            let now = clock.now()
            let next = jobs.compactMap { $0.next(after: now) }.min() ?? now + pollSeconds
            var remaining = max(1, min(next - now, pollSeconds))
            while remaining > 0, environment.stopRequested() == nil {
                environment.sleep(1)
                remaining -= 1
            }
        }
        logger.notice("daemon stopped (\(environment.stopRequested() ?? "done"))")
    }
}
