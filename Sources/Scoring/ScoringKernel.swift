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
        let count = plan.communes.count
        // Each commune's indicator scores go straight to their place in one flat array (offsets from
        // the counts known before scoring): no per-commune arrays, one copy of the ~270,000 scores.
        var starts = [Int](repeating: 0, count: count + 1)
        for index in 0..<count { starts[index + 1] = starts[index] + plan.indicatorScoreCount(at: index) }
        let offsets = starts
        let slots = Mutex([UnitScore?](repeating: nil, count: count))
        let workerCount = min(workers, max(1, count))
        let indicators = [IndicatorScore](unsafeUninitializedCapacity: offsets[count]) { buffer, initialized in
            let shared = DisjointSlices(buffer: buffer)
            DispatchQueue.concurrentPerform(iterations: workerCount) { worker in
                let range = (worker * count / workerCount)..<((worker + 1) * count / workerCount)
                var local: [UnitScore] = []
                local.reserveCapacity(range.count)
                for index in range {
                    let slice = UnsafeMutableBufferPointer(rebasing: shared.buffer[offsets[index]..<offsets[index + 1]])
                    local.append(plan.scoreCommune(at: index, into: slice))
                }
                slots.withLock { slots in
                    for (offset, unit) in local.enumerated() { slots[range.lowerBound + offset] = unit }
                }
            }
            initialized = offsets[count]
        }
        let units = Ranking.rank(slots.withLock { $0.map { $0! } }, previousRanks: input.previousRanks)
        let rollups = Rollup.compute(plan: plan, workers: workers)
        return PeriodScores(period: input.period, units: units, indicators: indicators, rollups: rollups)
    }
}

/// The kernel's output buffer, shared by the workers.
///
/// `@unchecked Sendable` is safe because each worker initialises only the slice of the communes
/// it was given (the ranges are disjoint), and the buffer is read only after `concurrentPerform`
/// returns, which happens-after every worker's writes.
private struct DisjointSlices: @unchecked Sendable {
    let buffer: UnsafeMutableBufferPointer<IndicatorScore>
}
