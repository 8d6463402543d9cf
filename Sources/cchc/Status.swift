import ArgumentParser
import Foundation
import Pipeline
import Scheduling

extension CCHC {
    struct Status: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Show the recent runs and their steps, what failed and why, and what is due but not run.",
            discussion: """
            Reads the warehouse read-only: it never creates one (a missing warehouse is reported as such) \
            and is safe while a batch runs. Pending jobs are those of the job files (default: every \
            Jobs/*.json) that write this warehouse and have a due time the daemon has not handled.
            """)

        @Option(help: "Warehouse file (SQLite).")
        var warehouse: String = "Warehouse/warehouse.sqlite"

        @Option(help: "How many runs to show.")
        var limit: Int = 10

        @Option(name: .customLong("job"), help: "A job file whose pending due times to show (repeatable; default: Jobs/*.json).")
        var jobs: [String] = []

        @Option(help: "The time to compute what is due at, e.g. 2025-09-10T07:05+07:00 (default: now).")
        var now: String?

        func validate() throws {
            if limit < 1 { throw ValidationError("--limit \(limit): expected 1 or more") }
            if let now, Instant.parse(now) == nil { throw ValidationError("--now \(now): expected a time such as 2025-09-10T07:00+07:00") }
        }

        func run() throws {
            let at = now.flatMap { Instant.parse($0) } ?? SystemClock().now()
            for line in try StatusReport.lines(warehouse: warehouse, jobs: try JobFiles.load(jobs), now: at, limit: limit) {
                print(line)
            }
        }
    }
}
