import ArgumentParser
import Pipeline
import Scheduling

extension CCHC {
    struct Daemon: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Run the jobs' batches when they are due, until SIGTERM or SIGINT.",
            discussion: """
            One daemon per warehouse (<warehouse>.daemon.lock). Jobs run one after another. After downtime a \
            job whose due times were missed runs once, for the latest of them; a job never seen before counts \
            from the daemon's first sight of it. SIGTERM or SIGINT stops it between steps: the stopped run is \
            recorded as failed and the next run resumes it. Logs go to stderr.
            """)

        @Argument(help: "Job files (default: every Jobs/*.json).")
        var jobs: [String] = []

        @Flag(help: "Run what is due now, then exit (exit status 1 when a run failed).")
        var once = false

        @Option(help: "With --once: the time to run at, e.g. 2025-09-10T07:05+07:00 (default: now).")
        var now: String?

        func validate() throws {
            if now != nil && !once { throw ValidationError("--now needs --once (a daemon that loops follows the real clock)") }
            if let now, Instant.parse(now) == nil { throw ValidationError("--now \(now): expected a time such as 2025-09-10T07:00+07:00") }
        }

        func run() throws {
            StatusReport.bootstrapLogging()
            let loaded = try JobFiles.load(jobs)
            guard !loaded.isEmpty else { throw ValidationError("no job files given and none in Jobs/") }
            let stop = StopSignal()
            stop.install()
            let clock: any WallClock = now.flatMap { Instant.parse($0) }.map { FixedClock($0) } ?? SystemClock()
            let environment = Batch.Environment(sleep: Batch.Environment.live.sleep, stopRequested: { stop.reason })
            let daemon = Scheduling.Daemon(jobs: loaded, clock: clock, environment: environment)
            let locks = try daemon.lockWarehouses()
            defer { withExtendedLifetime(locks) {} }
            if once {
                let outcomes = daemon.runDue()
                for outcome in outcomes {
                    switch outcome {
                    case .started(let job): print("\(job): first seen; due times count from now")
                    case .ran(let job, let at, let missed, let runID):
                        print("\(job): run \(runID) completed for \(Instant.iso(at))" + (missed > 1 ? " (\(missed) due times missed, run once)" : ""))
                    case .failed(let job, let at, _, let reason): print("\(job): the run for \(Instant.iso(at)) failed: \(reason)")
                    case .busy(let job, _, let reason): print("\(job): not run: \(reason)")
                    }
                }
                if outcomes.isEmpty { print("nothing due") }
                if outcomes.contains(where: { if case .failed = $0 { true } else if case .busy = $0 { true } else { false } }) {
                    throw ExitCode(1)
                }
            } else {
                daemon.run()
            }
        }
    }
}
