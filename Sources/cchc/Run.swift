import ArgumentParser
import CCHCCore
import Foundation
import Pipeline
import Scheduling

/// The job file and the flags that override its values, shared by `run` and the step commands.
struct BatchFlags: ParsableArguments {
    @Argument(help: "Job file (default: Jobs/quarter-end.json).")
    var job: String?

    @Option(help: "Period to run, e.g. 2025-Q3 (default: the most recent period folder in the inbox).")
    var period: String?

    @Option(help: ArgumentHelp("First period of a run over several, e.g. 2023-Q1: every period from it through --period is imported and scored, oldest first (history loaded at once); the reports are --period's.",
                               valueName: "period"))
    var since: String?

    @Option(help: "Reference data folder (units.csv, indicators.csv, targets.csv).")
    var reference: String?

    @Option(help: "Inbox folder: <period>/<province_code>/**/*.csv.")
    var inbox: String?

    @Option(help: "Warehouse file (SQLite).")
    var warehouse: String?

    @Option(help: "Reports folder; reports go to <reports>/<period>/<province_code>/.")
    var reports: String?

    @Option(name: .customLong("as-of"), help: "Report date yyyy-mm-dd (default: today in Vietnam), for reproducible reports.")
    var asOf: String?

    @Option(help: "Worker threads for validating files, scoring and writing reports (default: all cores).")
    var workers: Int?

    @Flag(name: .customLong("excel-vi"),
          help: "Also write the CSV reports for Excel with Vietnamese settings (';' between cells, decimal comma) into <province_code>/excel-vi/.")
    var excelVietnamese = false

    func validate() throws {
        if let period, Period(period) == nil { throw ValidationError("--period \(period): expected a period such as 2025-Q3, 2025-H2, 2025 or 2025-07") }
        if let since {
            guard let first = Period(since) else {
                throw ValidationError("--since \(since): expected a period such as 2023-Q1, 2023-H1, 2023 or 2023-01")
            }
            if let period, let last = Period(period) {
                do { _ = try BatchOptions.periods(since: first, through: last) } catch { throw ValidationError("\(error)") }
            }
        }
        if let workers, workers < 1 { throw ValidationError("--workers \(workers): expected 1 or more") }
        if let asOf, asOf.count != 10 || Period(String(asOf.prefix(7))) == nil {
            throw ValidationError("--as-of \(asOf): expected a date yyyy-mm-dd")
        }
    }

    /// The job file's values (relative periods read at today's date in the job's time zone),
    /// overridden by the flags given.
    func options() throws -> BatchOptions {
        var options: BatchOptions
        if let job {
            options = try ScheduledJob.load(path: job).options(at: SystemClock().now(), scheduled: false)
        } else if FileManager.default.fileExists(atPath: JobFile.defaultPath) {
            options = try ScheduledJob.load(path: JobFile.defaultPath).options(at: SystemClock().now(), scheduled: false)
        } else {
            options = BatchOptions()
        }
        if let period { options.period = Period(period) }
        if let since { options.since = Period(since) }
        if let reference { options.reference = reference }
        if let inbox { options.inbox = inbox }
        if let warehouse { options.warehouse = warehouse }
        if let reports { options.reports = reports }
        if let asOf { options.asOf = asOf }
        if let workers { options.workers = workers }
        if excelVietnamese { options.excelVietnamese = true }
        return options
    }
}

extension CCHC {
    struct Run: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Run the whole batch for one period: reference → import → score → reports.",
            discussion: """
            With no arguments, runs Jobs/quarter-end.json: the sample inbox shipped with the repository, \
            the warehouse Warehouse/warehouse.sqlite, reports in Reports/<period>/<province_code>/.
            Rejected submissions are data (listed in rejections.csv), not a failure: the exit status is 0 \
            when the batch completed, 1 when it could not.
            A run left unfinished by a dead process is marked failed ('interrupted') and the next run of the \
            same job and period resumes from its first step that did not succeed. A second batch on a \
            warehouse that is being written is refused at once (exit status 1).
            """)

        @OptionGroup var flags: BatchFlags

        func run() throws {
            let options = try flags.options()
            let summary = try Batch.run(options, environment: TerminalProgress.standardError.batchEnvironment, progress: progress)
            progress("run \(summary.runID) completed: \(summary.period)" + (summary.ranked.map { ", \($0) communes ranked" } ?? ""))
            print("warehouse: \(options.warehouse)")
            printReportPaths(summary, reportsRoot: options.reports)
        }
    }
}

/// The files the report step wrote, one path a line on stdout: each province's, then the national
/// comparison when several provinces took part.
func printReportPaths(_ summary: Batch.Summary, reportsRoot: String) {
    for folder in summary.reportFolders {
        for file in ["ranking.csv", "missed-targets.csv", "indicators.csv", "rejections.csv", "report.html"] {
            print("\(folder)/\(file)")
        }
    }
    let national = "\(reportsRoot)/\(summary.period)/national"
    if summary.reportFolders.count > 1, FileManager.default.fileExists(atPath: national + ".html") {
        print(national + ".csv")
        print(national + ".html")
    }
}
