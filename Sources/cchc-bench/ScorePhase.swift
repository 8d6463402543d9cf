import ArgumentParser
import CCHCCore
import Foundation
import Pipeline
import Scoring
import Warehouse

/// Score + rank + roll-up on a warehouse the batch already loaded: the score step of `cchc run`
/// (read the values in force, compute, write `score_*`) for the period and its previous period,
/// forced to recompute both; and the kernel alone (compute only) with the given workers.
struct ScorePhase: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "score", abstract: "Times the score step and the kernel on a loaded warehouse.")

    @Option var warehouse: String
    @Option var period: String
    @Option var workers = 2
    @Option(name: .customLong("repeat"), help: "Times to repeat; the median is printed.") var repetitions = 3

    func run() throws {
        let period = try parsePeriod(period)
        let store = try WarehouseStore(path: warehouse)
        var stepTimes: [Double] = []
        var kernelTimes: [Double] = []
        for _ in 0..<max(1, repetitions) {
            try store.database.execute("DELETE FROM score_period")  // forget fingerprints: both periods are scored again
            let t0 = now()
            _ = try ScoreStep(store: store, workers: workers).run(period: period)
            stepTimes.append(now() - t0)
        }
        let reference = try store.reference()
        let kernel = ScoringKernel(workers: workers)
        let step = ScoreStep(store: store, workers: workers)
        let inputs = try [period.previous, period].map { p in
            step.input(p, reference: reference, facts: try step.facts(p), previousRanks: [:])
        }
        for _ in 0..<max(1, repetitions) {
            let t0 = now()
            for input in inputs { _ = kernel.score(input) }
            kernelTimes.append(now() - t0)
        }
        result([("tool", "cchc-score"), ("workers", "\(workers)"), ("score_step_s", seconds(median(stepTimes))),
                ("kernel_s", seconds(median(kernelTimes))), ("peak_rss_kb", "\(peakRSSKiB())")])
    }

    func median(_ xs: [Double]) -> Double {
        let s = xs.sorted()
        return s.count % 2 == 1 ? s[s.count / 2] : (s[s.count / 2 - 1] + s[s.count / 2]) / 2
    }
}
