import ArgumentParser
import Foundation
import Pipeline

/// The batch's steps on their own (BRIEF §7): the same flags and job file as `run`, only some steps.
/// Each is recorded as its own run (`<job>/<command>` in `etl_run.job`), so a full run's resume
/// never mistakes a step run for part of itself.
extension CCHC {
    struct Import: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Load the reference data, then the inbox's files for the period and the period before it.",
            discussion: "Rejected files are recorded with their errors; nothing is scored or reported.")

        @OptionGroup var flags: BatchFlags

        func run() throws {
            try runSteps([.reference, .importFiles], named: "import", flags: flags)
        }
    }

    struct Score: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Score and rank the period from what the warehouse holds (run import first).",
            discussion: "Writes score_unit, score_indicator and score_province_indicator for the period; no reports.")

        @OptionGroup var flags: BatchFlags

        func run() throws {
            try runSteps([.score], named: "score", flags: flags)
        }
    }

    struct Report: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Write the period's reports from what the warehouse holds (scoring it again first, which changes nothing).")

        @OptionGroup var flags: BatchFlags

        func run() throws {
            let (summary, options) = try runSteps([.score, .report], named: "report", flags: flags)
            printReportPaths(summary, reportsRoot: options.reports)
        }
    }
}

/// Runs the built-in steps of `kinds` alone, with the job's and the flags' options.
@discardableResult
private func runSteps(_ kinds: [StepSpec.Kind], named command: String, flags: BatchFlags) throws
    -> (Batch.Summary, BatchOptions) {
    var options = try flags.options()
    let names = Set(kinds.map(\.name))
    options.steps = StepSpec.standard.filter { names.contains($0.kind.name) }.map { spec in
        var spec = spec
        spec.dependsOn = spec.dependsOn.filter(names.contains)
        return spec
    }
    options.job += "/\(command)"
    let summary = try Batch.run(options, environment: TerminalProgress.standardError.batchEnvironment, progress: progress)
    progress("run \(summary.runID) completed: \(command) \(summary.period)")
    return (summary, options)
}
