import ArgumentParser
import CCHCCore
import Foundation
import Pipeline

/// The whole batch (`cchc run` in-process, on a fresh warehouse), with the time of each step taken
/// from the batch's own progress lines: reference, import (the period and its previous one, or every
/// period from `--since`), score (both periods when new, or every period from `--since`), report
/// (every province), and the total.
struct BatchPhases: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "batch", abstract: "Runs the batch on a fresh warehouse, timing each step.")

    @Option var reference: String
    @Option var inbox: String
    @Option var warehouse: String
    @Option var reports: String
    @Option var period: String
    @Option(help: "First period of a run over several (cchc run --since).") var since: String?
    @Option(name: .customLong("as-of")) var asOf = "2025-10-01"
    @Option var workers = 2
    @Flag(help: "Keep an existing warehouse (default: delete it first, so every file is new).") var keep = false

    func run() throws {
        let period = try parsePeriod(period)
        if !keep {
            for suffix in ["", "-wal", "-shm", ".lock"] { try? FileManager.default.removeItem(atPath: warehouse + suffix) }
        }
        try? FileManager.default.removeItem(atPath: reports)
        var options = BatchOptions(reference: reference, inbox: inbox, warehouse: warehouse, reports: reports, period: period,
                                   asOf: asOf, workers: workers)
        options.since = try since.map(parsePeriod)
        let start = now()
        var marks: [String: Double] = [:]
        var rss: [String: Int] = [:]
        func mark(_ name: String) {
            marks[name] = now()
            rss[name] = peakRSSKiB()
        }
        let summary = try Batch.run(options) { line in
            if line.hasPrefix("reference:") { mark("reference") }
            else if line.hasPrefix("import \(period):") { mark("import") }  // the last period imported
            else if line.hasPrefix("score \(period):") { mark("score") }  // the last period scored
        }
        mark("end")
        guard let r = marks["reference"], let i = marks["import"], let s = marks["score"], let e = marks["end"] else {
            throw ValidationError("the batch did not report every step")
        }
        let facts = summary.imports.map { $0.factsWritten }.reduce(0, +)
        result([("tool", "cchc"), ("workers", "\(workers)"), ("facts", "\(facts)"), ("ranked", "\(summary.ranked ?? 0)"),
                ("reference_s", seconds(r - start)), ("import_s", seconds(i - r)), ("score_s", seconds(s - i)),
                ("report_s", seconds(e - s)), ("total_s", seconds(e - start)),
                ("import_rss_kb", "\(rss["import"] ?? 0)"), ("score_rss_kb", "\(rss["score"] ?? 0)"), ("peak_rss_kb", "\(peakRSSKiB())")])
    }
}
