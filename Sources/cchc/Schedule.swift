import ArgumentParser
import Scheduling

extension CCHC {
    struct Schedule: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Print each job's next due times and whether it is due now.",
            discussion: """
            Schedules are read in the job's timezone_offset (Asia/Ho_Chi_Minh, +07:00, by default). \
            "Due now" compares the schedule with the last due time the daemon handled, kept in the job's \
            warehouse (read-only here; nothing is created).
            """)

        @Argument(help: "Job files (default: every Jobs/*.json).")
        var jobs: [String] = []

        @Option(help: "The time to compute from, e.g. 2025-09-10T07:05+07:00 or 2025-09-10T00:05Z (default: now).")
        var now: String?

        @Option(help: "How many next due times to list per job.")
        var count: Int = 3

        func validate() throws {
            if let now, Instant.parse(now) == nil { throw ValidationError("--now \(now): expected a time such as 2025-09-10T07:00+07:00") }
            if count < 1 { throw ValidationError("--count \(count): expected 1 or more") }
        }

        func run() throws {
            let at = now.flatMap { Instant.parse($0) } ?? SystemClock().now()
            for line in StatusReport.scheduleLines(jobs: try JobFiles.load(jobs), now: at, count: count) { print(line) }
        }
    }
}
