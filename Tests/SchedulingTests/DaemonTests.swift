import CCHCCore
import Foundation
import Logging
import Pipeline
import Synchronization
import Testing
import Warehouse
@testable import Scheduling

/// Records the batches the daemon asks for instead of running them (each gets a real, empty run
/// row, so the scheduler state can refer to it).
final class RecordingRunner: Sendable {
    let calls = Mutex<[BatchOptions]>([])
    let failWith = Mutex<(any Error)?>(nil)

    var runner: Daemon.Runner {
        { [self] options, _ in
            if let error = failWith.withLock({ $0 }) { throw error }
            calls.withLock { $0.append(options) }
            let store = try WarehouseStore(path: options.warehouse)
            let runID = try store.beginRun(job: options.job, period: options.period, scheduledFor: options.scheduledFor)
            try store.finishRun(runID, succeeded: true, message: "recorded by the test", period: options.period)
            return runID
        }
    }

    var recorded: [BatchOptions] { calls.withLock { $0 } }
}

func quarterJob(_ folder: String) throws -> ScheduledJob {
    try ScheduledJob(file: JobFile.parse(Array("""
        {
          "name": "quarter-end",
          "parameters": {"warehouse": "\(folder)/wh.sqlite", "period": "previous-quarter"},
          "schedule": "10 days after the end of each quarter at 07:00"
        }
        """.utf8), path: "job.json"))
}

func daemon(_ job: ScheduledJob, at time: String, _ runner: RecordingRunner) -> Daemon {
    Daemon(jobs: [job], clock: FixedClock(at(time)), environment: Batch.Environment(sleep: { _ in }),
           logger: Logger(label: "test", factory: { _ in SwiftLogNoOpLogHandler() }), runner: runner.runner)
}

@Suite("The daemon's catch-up")
struct DaemonTests {
    @Test("after downtime over three due times the job runs once, for the latest, and not again")
    func catchUpOnce() throws {
        let folder = try scratchFolder()
        let job = try quarterJob(folder)
        let runner = RecordingRunner()
        // First sight on 5 January: counting starts there; nothing runs.
        #expect(daemon(job, at: "2025-01-05T09:00+07:00", runner).runDue() == [.started(job: "quarter-end")])
        // The server was off until 20 October: 10 January, 10 April, 10 July and 10 October were missed.
        let back = daemon(job, at: "2025-10-20T08:00+07:00", runner)
        #expect(back.runDue() == [.ran(job: "quarter-end", scheduledFor: at("2025-10-10T07:00+07:00"), missed: 4, runID: 1)])
        #expect(runner.recorded.count == 1)
        #expect(runner.recorded.first?.period == Period("2025-Q3"))
        #expect(runner.recorded.first?.scheduledFor == "2025-10-10T00:00:00Z")
        // The next pass, and a restart the same day, find nothing due.
        #expect(back.runDue() == [])
        #expect(daemon(job, at: "2025-10-20T09:00+07:00", runner).runDue() == [])
        // The next due time, on time, runs the quarter that just ended.
        #expect(daemon(job, at: "2026-01-10T07:00+07:00", runner).runDue()
                == [.ran(job: "quarter-end", scheduledFor: at("2026-01-10T07:00+07:00"), missed: 1, runID: 2)])
        #expect(runner.recorded.last?.period == Period("2025-Q4"))
        let store = try WarehouseStore(path: folder + "/wh.sqlite")
        #expect(try store.lastScheduled(job: "quarter-end") == "2026-01-10T00:00:00Z")
    }

    @Test("one minute before the due time nothing runs; at the minute it does")
    func onTime() throws {
        let folder = try scratchFolder()
        let job = try quarterJob(folder)
        let runner = RecordingRunner()
        daemon(job, at: "2025-09-01T00:00+07:00", runner).runDue()
        #expect(daemon(job, at: "2025-10-10T06:59+07:00", runner).runDue() == [])
        #expect(daemon(job, at: "2025-10-10T07:00+07:00", runner).runDue().count == 1)
    }

    @Test("a busy warehouse is tried again on the next pass; a failed run is not repeated every pass")
    func busyAndFailed() throws {
        let folder = try scratchFolder()
        let job = try quarterJob(folder)
        let runner = RecordingRunner()
        daemon(job, at: "2025-09-01T00:00+07:00", runner).runDue()
        runner.failWith.withLock { $0 = BatchBusy(description: "another cchc batch is running") }
        #expect(daemon(job, at: "2025-10-10T07:01+07:00", runner).runDue()
                == [.busy(job: "quarter-end", scheduledFor: at("2025-10-10T07:00+07:00"), reason: "another cchc batch is running")])
        runner.failWith.withLock { $0 = PipelineError("step import failed: disk full") }
        #expect(daemon(job, at: "2025-10-10T07:02+07:00", runner).runDue()
                == [.failed(job: "quarter-end", scheduledFor: at("2025-10-10T07:00+07:00"), missed: 1, reason: "step import failed: disk full")])
        runner.failWith.withLock { $0 = nil }
        #expect(daemon(job, at: "2025-10-10T07:03+07:00", runner).runDue() == [])
    }

    @Test("a stop request before a job leaves it due for the next start")
    func stopBeforeJob() throws {
        let folder = try scratchFolder()
        let job = try quarterJob(folder)
        let runner = RecordingRunner()
        daemon(job, at: "2025-09-01T00:00+07:00", runner).runDue()
        let stopped = Daemon(jobs: [job], clock: FixedClock(at("2025-10-11T00:00+07:00")),
                             environment: Batch.Environment(sleep: { _ in }, stopRequested: { "SIGTERM" }),
                             logger: Logger(label: "test", factory: { _ in SwiftLogNoOpLogHandler() }), runner: runner.runner)
        #expect(stopped.runDue() == [])
        #expect(daemon(job, at: "2025-10-11T00:00+07:00", runner).runDue().count == 1)
    }
}

@Suite("The daemon stopped mid-run")
struct DaemonStopTests {
    @Test("a run stopped by SIGTERM between steps stays due, so the next start resumes it")
    func stoppedRunStaysDue() throws {
        let folder = try scratchFolder()
        let job = try quarterJob(folder)
        let runner = RecordingRunner()
        daemon(job, at: "2025-09-01T00:00+07:00", runner).runDue()
        let stop = Mutex<String?>(nil)
        let stopping = Daemon(jobs: [job], clock: FixedClock(at("2025-10-10T07:00+07:00")),
                              environment: Batch.Environment(sleep: { _ in }, stopRequested: { stop.withLock { $0 } }),
                              logger: Logger(label: "test", factory: { _ in SwiftLogNoOpLogHandler() }), runner: { _, _ in
            stop.withLock { $0 = "SIGTERM" }
            throw PipelineError("stopped (SIGTERM) before step score; the next run resumes from there")
        })
        #expect(stopping.runDue().count == 1)
        #expect(daemon(job, at: "2025-10-10T07:01+07:00", runner).runDue()
                == [.ran(job: "quarter-end", scheduledFor: at("2025-10-10T07:00+07:00"), missed: 1, runID: 1)])
    }
}
