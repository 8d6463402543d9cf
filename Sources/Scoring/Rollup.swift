import CCHCCore

/// Province roll-up of every indicator targeted for at least one of the province's communes.
/// Provinces are independent: the kernel rolls them up on its workers.
enum Rollup {
    /// Province `p` of the plan: its roll-up over the communes of its code.
    static func compute(plan: ScoringPlan, province p: Int) -> [ProvinceRollup] {
        compute(plan: plan, province: plan.provinces[p].code, targets: plan.provinces[p].targets,
                members: plan.members[plan.groupOfProvince[p]])
    }

    /// One province's roll-up. Each member's readings are taken in indicator order, where the plan
    /// keeps them together (indicator by indicator across the members, every value was a cache
    /// miss), and each indicator keeps its own tally and values in member order: sums run in member
    /// order from 0, as `reduce(0, +)` over the values did, min and max keep the first of equal
    /// values, and the median sees the values in the same order.
    static func compute(plan: ScoringPlan, province: String, targets: [Double?], members: ArraySlice<Int>) -> [ProvinceRollup] {
        let indicatorCount = plan.rules.count, memberCount = members.count
        var tallies = [Tally](repeating: Tally(), count: indicatorCount)
        // Indicator i's values are values[(i × memberCount)...].prefix(tallies[i].values).
        var values = [Double](repeating: 0, count: indicatorCount * memberCount)
        for member in members {
            let submitted = plan.communes[member].submitted
            for i in 0..<indicatorCount {
                let reading = plan.reading(at: member, i)
                if let reading {
                    if let n = reading.numerator, let d = reading.denominator {
                        tallies[i].numerator += n
                        tallies[i].denominator += d
                    }
                    if let v = reading.value {
                        if tallies[i].values == 0 || v < tallies[i].low { tallies[i].low = v }
                        if tallies[i].values == 0 || tallies[i].high < v { tallies[i].high = v }
                        values[i * memberCount + tallies[i].values] = v
                        tallies[i].values += 1
                        tallies[i].sum += v
                    }
                }
                guard let target = plan.target(at: member, i) else { continue }
                tallies[i].targeted += 1
                let status = submitted ? Attainment.status(reading?.value, target: target.value, direction: plan.rules[i].direction) : .missing
                switch status {
                case .met: tallies[i].met += 1
                case .missed: tallies[i].missed += 1
                case .missing: tallies[i].missing += 1
                }
            }
        }
        var result: [ProvinceRollup] = []
        var reported: [Double] = []
        reported.reserveCapacity(memberCount)
        for (i, indicator) in plan.rules.enumerated() {
            let tally = tallies[i]
            guard tally.targeted > 0 else { continue }
            let value: Double? = switch indicator.aggregation {
            case .ratio: tally.denominator > 0 ? 100 * tally.numerator / tally.denominator : nil
            case .sum: tally.values == 0 ? nil : tally.sum
            case .mean: tally.values == 0 ? nil : tally.sum / Double(tally.values)
            }
            reported.removeAll(keepingCapacity: true)
            reported.append(contentsOf: values[(i * memberCount)...].prefix(tally.values))
            let median = medianSorting(&reported)
            result.append(ProvinceRollup(
                provinceCode: province, indicatorCode: indicator.code, target: targets[i], value: value,
                min: tally.values > 0 ? tally.low : nil, median: median, max: tally.values > 0 ? tally.high : nil,
                met: tally.met, missed: tally.missed, missing: tally.missing))
        }
        return result
    }

    /// One indicator's counts and sums over a province's members.
    private struct Tally {
        var targeted = 0, met = 0, missed = 0, missing = 0
        var numerator = 0.0, denominator = 0.0
        /// How many members reported a value, their sum, least and greatest.
        var values = 0
        var sum = 0.0, low = 0.0, high = 0.0
    }

    /// The median of `values` (reordered in place), as the middle of their sorted order, found by
    /// selection rather than a sort. Values equal under `==` have the same bits except -0.0 and 0.0,
    /// whose order only the stable sort of the values as given decides: with a -0.0 among them, they
    /// are sorted.
    static func medianSorting(_ values: inout [Double]) -> Double? {
        guard !values.isEmpty else { return nil }
        let middle = values.count / 2
        guard !values.contains(where: { $0 == 0 && $0.sign == .minus }) else {
            values.sort()
            return values.count % 2 == 1 ? values[middle] : (values[middle - 1] + values[middle]) / 2
        }
        let upper = select(middle, in: &values)
        guard values.count % 2 == 0 else { return upper }
        // Selection left values[..<middle] ≤ upper: the lower middle is their maximum.
        var lower = values[0]
        for v in values[1..<middle] where lower < v { lower = v }
        return (lower + upper) / 2
    }

    /// Puts the `k`-th smallest of `values` (no NaN) at `k`, smaller or equal ones before it and
    /// greater or equal ones after it (Hoare's FIND), and returns it.
    static func select(_ k: Int, in values: inout [Double]) -> Double {
        values.withUnsafeMutableBufferPointer { v in
            var low = 0, high = v.count - 1
            while low < high {
                let pivot = v[low + (high - low) / 2]
                var i = low, j = high
                while i <= j {
                    while v[i] < pivot { i += 1 }
                    while pivot < v[j] { j -= 1 }
                    if i <= j {
                        v.swapAt(i, j)
                        i += 1
                        j -= 1
                    }
                }
                if k <= j { high = j } else if k >= i { low = i } else { break }
            }
            return v[k]
        }
    }
}
