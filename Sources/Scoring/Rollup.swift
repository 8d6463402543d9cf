import CCHCCore
import Dispatch
import Synchronization

/// Province roll-up of every indicator targeted for at least one of the province's communes.
enum Rollup {
    /// Provinces are independent: they are rolled up on `workers` threads (each worker a contiguous
    /// run of provinces, written to its own slot) and concatenated in province order.
    static func compute(plan: ScoringPlan, workers: Int = 1) -> [ProvinceRollup] {
        let communesByProvince = Dictionary(grouping: plan.communes.indices, by: { plan.communes[$0].provinceCode })
        let count = plan.provinces.count
        let workerCount = min(max(1, workers), max(1, count))
        let slots = Mutex([[ProvinceRollup]](repeating: [], count: workerCount))
        DispatchQueue.concurrentPerform(iterations: workerCount) { worker in
            var local: [ProvinceRollup] = []
            for p in (worker * count / workerCount)..<((worker + 1) * count / workerCount) {
                local += compute(plan: plan, province: plan.provinces[p].code, targets: plan.provinces[p].targets,
                                 members: communesByProvince[plan.provinces[p].code] ?? [])
            }
            slots.withLock { $0[worker] = local }
        }
        return slots.withLock { $0.flatMap { $0 } }
    }

    /// One province's roll-up, indicator by indicator.
    static func compute(plan: ScoringPlan, province: String, targets: [Double?], members: [Int]) -> [ProvinceRollup] {
        var result: [ProvinceRollup] = []
        for (i, indicator) in plan.rules.enumerated() {
            let targeted = members.filter { plan.communes[$0].targets[i] != nil }
            guard !targeted.isEmpty else { continue }
            let reported = members.compactMap { plan.reading(at: $0, i) }
            let values = reported.compactMap(\.value)
            var met = 0, missed = 0, missing = 0
            for member in targeted {
                let commune = plan.communes[member]
                let status = commune.submitted
                    ? Attainment.status(plan.reading(at: member, i)?.value, target: commune.targets[i]!.value, direction: indicator.direction)
                    : .missing
                switch status {
                case .met: met += 1
                case .missed: missed += 1
                case .missing: missing += 1
                }
            }
            result.append(ProvinceRollup(
                provinceCode: province, indicatorCode: indicator.code, target: targets[i],
                value: aggregate(indicator.aggregation, values: values, reported: reported),
                min: values.min(), median: median(values), max: values.max(),
                met: met, missed: missed, missing: missing))
        }
        return result
    }

    static func aggregate(_ aggregation: Indicator.Aggregation, values: [Double], reported: [ScoringPlan.Reading]) -> Double? {
        switch aggregation {
        case .ratio:
            var numerator = 0.0, denominator = 0.0
            for r in reported {
                guard let n = r.numerator, let d = r.denominator else { continue }
                numerator += n
                denominator += d
            }
            return denominator > 0 ? 100 * numerator / denominator : nil
        case .sum:
            return values.isEmpty ? nil : values.reduce(0, +)
        case .mean:
            return values.isEmpty ? nil : values.reduce(0, +) / Double(values.count)
        }
    }

    static func median(_ values: [Double]) -> Double? {
        guard !values.isEmpty else { return nil }
        let sorted = values.sorted()
        let middle = sorted.count / 2
        return sorted.count % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2
    }
}
