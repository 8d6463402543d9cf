import CCHCCore

/// Scores, ranks and rolls up one period (BRIEF §4).
///
/// The workers (`Parallel`) share every pass over the data: building the plan, scoring the
/// communes, ranking and rolling up the provinces; in between, only a few array passes over the
/// communes run on one thread. Each worker reads shared immutable inputs and writes only its own
/// slots, and every sum runs in a fixed order, so the result is bit-identical whatever the number
/// of workers.
public struct ScoringKernel: Sendable {
    public let workers: Int

    public init(workers: Int = ProcessInfoLite.activeProcessorCount) {
        self.workers = max(1, workers)
    }

    public func score(_ input: ScoringInput) -> PeriodScores {
        let plan = ScoringPlan(input, workers: workers)
        let count = plan.communes.count
        // Each commune's indicator scores go straight to their place in one flat array (offsets from
        // the counts known before scoring): no per-commune arrays, one copy of the ~270,000 scores.
        var starts = [Int](repeating: 0, count: count + 1)
        for index in 0..<count { starts[index + 1] = starts[index] + plan.indicatorScoreCount(at: index) }
        let offsets = starts
        var scored: [UnitScore] = []
        let indicators = [IndicatorScore](unsafeUninitializedCapacity: offsets[count]) { buffer, initialized in
            let shared = DisjointSlots(buffer: buffer)
            scored = Parallel.array(count: count, chunk: 32, workers: workers) { range, units in
                for index in range {
                    let slice = UnsafeMutableBufferPointer(rebasing: shared.buffer[offsets[index]..<offsets[index + 1]])
                    units.initialize(index, to: plan.scoreCommune(at: index, into: slice))
                }
            }
            initialized = offsets[count]
        }
        // Per province: its roll-up and, for the first province of its code, the ranking of its
        // communes. Groups are in province code order, so the ranking goes where the group's slice
        // of `plan.members` is (its indices are positions in the grouped order).
        let units = scored
        var rollups: [[ProvinceRollup]] = []
        let ranked = [UnitScore](unsafeUninitializedCapacity: count) { buffer, initialized in
            let shared = DisjointSlots(buffer: buffer)
            rollups = Parallel.array(count: plan.provinces.count, chunk: 1, workers: workers) { range, slots in
                for p in range {
                    slots.initialize(p, to: Rollup.compute(plan: plan, province: p))
                    let group = plan.groupOfProvince[p]
                    guard p == 0 || plan.groupOfProvince[p - 1] != group else { continue }
                    let members = plan.members[group]
                    for (offset, unit) in Ranking.rank(province: members.map { units[$0] }, previousRanks: input.previousRanks).enumerated() {
                        shared.initialize(members.startIndex + offset, to: unit)
                    }
                }
            }
            initialized = count
        }
        return PeriodScores(period: input.period, units: ranked, indicators: indicators, rollups: rollups.flatMap { $0 })
    }
}
