import CCHCCore
import Dispatch
import Synchronization

/// Scores, ranks and rolls up one period (BRIEF §4).
///
/// Communes are scored in parallel with `DispatchQueue.concurrentPerform`; each worker reads shared
/// immutable inputs and writes only its own slots, and every sum runs in a fixed order, so the
/// result is bit-identical whatever the number of workers.
public struct ScoringKernel: Sendable {
    public let workers: Int

    public init(workers: Int = ProcessInfoLite.activeProcessorCount) {
        self.workers = max(1, workers)
    }

    public func score(_ input: ScoringInput) -> PeriodScores {
        let plan = ScoringPlan(input)
        let communes = plan.communes
        let slots = Mutex([CommuneOutcome?](repeating: nil, count: communes.count))
        let workerCount = min(workers, max(1, communes.count))
        DispatchQueue.concurrentPerform(iterations: workerCount) { worker in
            let range = (worker * communes.count / workerCount)..<((worker + 1) * communes.count / workerCount)
            var local: [CommuneOutcome] = []
            local.reserveCapacity(range.count)
            for index in range { local.append(plan.scoreCommune(at: index)) }
            slots.withLock { slots in
                for (offset, outcome) in local.enumerated() { slots[range.lowerBound + offset] = outcome }
            }
        }
        let outcomes = slots.withLock { $0.map { $0! } }
        let units = Ranking.rank(outcomes.map(\.unit), previousRanks: input.previousRanks)
        let indicators = outcomes.flatMap(\.indicators)
        let rollups = Rollup.compute(plan: plan)
        return PeriodScores(period: input.period, units: units, indicators: indicators, rollups: rollups)
    }
}

/// One commune's scores before ranking.
struct CommuneOutcome: Sendable {
    var unit: UnitScore
    var indicators: [IndicatorScore]
}
