import CCHCCore
import Foundation
import Ingest
import Scoring
import Warehouse

/// The quarter-end batch (BRIEF §2): reference → import → score → report, recorded as a run with
/// its steps in the warehouse.
public enum Batch {
    public struct Summary: Sendable {
        public var period: Period
        public var runID: Int64
        public var imports: [ImportStep.Summary]
        public var ranked: Int
        public var reportFolders: [String]
    }

    public static func run(_ options: BatchOptions, progress: @escaping (String) -> Void = { _ in }) throws -> Summary {
        let reference = try ReferenceLoader.load(directory: options.reference)
        let period = try options.period ?? latestPeriod(inbox: options.inbox)
        try FileManager.default.createDirectory(atPath: (options.warehouse as NSString).deletingLastPathComponent.nonEmpty ?? ".",
                                                withIntermediateDirectories: true)
        let lock = try BatchLock(warehousePath: options.warehouse)
        defer { withExtendedLifetime(lock) {} }
        let store = try WarehouseStore(path: options.warehouse)
        let runID = try store.beginRun(job: options.job, period: period)
        do {
            try step(store, runID, "reference") {
                try store.replaceReference(reference)
                return "\(reference.units.count) units, \(reference.indicators.count) indicators, \(reference.targets.count) targets"
            }
            progress("reference: \(reference.units.count) units, \(reference.indicators.count) indicators, \(reference.targets.count) targets")
            var imports: [ImportStep.Summary] = []
            try step(store, runID, "import") {
                let importer = ImportStep(store: store, reference: reference, runID: runID)
                for p in [period.previous, period] {
                    let summary = try importer.run(inbox: Inbox(root: options.inbox), period: p)
                    progress("import \(p): \(summary.description)")
                    for warning in summary.warnings { progress("warning: \(warning)") }
                    imports.append(summary)
                }
                return imports.map(\.description).joined(separator: "; ")
            }
            var scores: PeriodScores?
            try step(store, runID, "score") {
                scores = try ScoreStep(store: store, workers: options.workers).run(period: period)
                return "\(scores!.units.filter { $0.status == .ranked }.count) communes ranked"
            }
            progress("score \(period): \(scores!.units.filter { $0.status == .ranked }.count) communes ranked")
            var folders: [String] = []
            try step(store, runID, "report") {
                folders = try ReportStep(store: store).run(scores: scores!, reportsRoot: options.reports,
                                                           asOf: options.asOf ?? Timestamp.todayInVietnam())
                return "\(folders.count) provinces"
            }
            try store.finishRun(runID, succeeded: true, message: nil, period: period)
            return Summary(period: period, runID: runID, imports: imports,
                           ranked: scores!.units.filter { $0.status == .ranked }.count, reportFolders: folders)
        } catch {
            try? store.finishRun(runID, succeeded: false, message: String(describing: error), period: period)
            throw error
        }
    }

    /// The most recent period with a folder in the inbox.
    public static func latestPeriod(inbox: String) throws -> Period {
        guard let latest = Inbox(root: inbox).periods().last else {
            throw PipelineError("no period folder (such as 2025-Q3) in the inbox \(inbox); give --period or check --inbox")
        }
        return latest
    }

    static func step(_ store: WarehouseStore, _ runID: Int64, _ name: String, _ body: () throws -> String) throws {
        try store.beginStep(runID, name)
        do {
            let detail = try body()
            try store.finishStep(runID, name, succeeded: true, detail: detail)
        } catch {
            try? store.finishStep(runID, name, succeeded: false, detail: String(describing: error))
            throw error
        }
    }
}

extension String {
    var nonEmpty: String? { isEmpty ? nil : self }
}
