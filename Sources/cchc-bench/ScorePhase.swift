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
        var step: [Double] = []
        var kernelTimes: [Double] = []
        for _ in 0..<max(1, repetitions) {
            try store.database.execute("DELETE FROM score_period")  // forget fingerprints: both periods are scored again
            let t0 = now()
            _ = try ScoreStep(store: store, workers: workers).run(period: period)
            step.append(now() - t0)
        }
        let reference = try store.reference()
        let kernel = ScoringKernel(workers: workers)
        let inputs = try [period.previous, period].map { p in
            let values = try store.valuesInForce(p)
            return ScoringInput(period: p, units: reference.units, indicators: reference.indicators,
                                targets: reference.targets.filter { $0.year == p.year }, values: values.values, submitted: values.submitted)
        }
        for _ in 0..<max(1, repetitions) {
            let t0 = now()
            for input in inputs { _ = kernel.score(input) }
            kernelTimes.append(now() - t0)
        }
        result([("tool", "cchc-score"), ("workers", "\(workers)"), ("score_step_s", seconds(median(step))),
                ("kernel_s", seconds(median(kernelTimes))), ("peak_rss_kb", "\(peakRSSKiB())")])
    }

    func median(_ xs: [Double]) -> Double {
        let s = xs.sorted()
        return s.count % 2 == 1 ? s[s.count / 2] : (s[s.count / 2 - 1] + s[s.count / 2]) / 2
    }
}
