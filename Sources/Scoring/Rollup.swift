import CCHCCore

/// Province roll-up of every indicator targeted for at least one of the province's communes.
/// Provinces are independent: the kernel rolls them up on its workers.
enum Rollup {
    /// Province `p` of the plan: its roll-up over the communes of its code.
    static func compute(plan: ScoringPlan, province p: Int) -> [ProvinceRollup] {
        compute(plan: plan, province: plan.provinces[p].code, targets: plan.provinces[p].targets,
                members: plan.members[plan.groupOfProvince[p]])
    }

    /// One province's roll-up, indicator by indicator: one pass over the members per indicator, the
    /// values kept (for the median) in one array reused across indicators. Sums run in member order
    /// from 0, as `reduce(0, +)` over the values did; min and max keep the first of equal values.
    static func compute(plan: ScoringPlan, province: String, targets: [Double?], members: ArraySlice<Int>) -> [ProvinceRollup] {
        var result: [ProvinceRollup] = []
        var values: [Double] = []
        values.reserveCapacity(members.count)
        for (i, indicator) in plan.rules.enumerated() {
            values.removeAll(keepingCapacity: true)
            var targeted = 0, met = 0, missed = 0, missing = 0
            var numerator = 0.0, denominator = 0.0, sum = 0.0
            var low = Double.infinity, high = -Double.infinity
            for member in members {
                let reading = plan.reading(at: member, i)
                if let reading {
                    if let n = reading.numerator, let d = reading.denominator {
                        numerator += n
                        denominator += d
                    }
                    if let v = reading.value {
                        if values.isEmpty || v < low { low = v }
                        if values.isEmpty || high < v { high = v }
                        values.append(v)
                        sum += v
                    }
                }
                guard let target = plan.target(at: member, i) else { continue }
                targeted += 1
                let status = plan.communes[member].submitted
                    ? Attainment.status(reading?.value, target: target.value, direction: indicator.direction)
                    : .missing
                switch status {
                case .met: met += 1
                case .missed: missed += 1
                case .missing: missing += 1
                }
            }
            guard targeted > 0 else { continue }
            let value: Double? = switch indicator.aggregation {
            case .ratio: denominator > 0 ? 100 * numerator / denominator : nil
            case .sum: values.isEmpty ? nil : sum
            case .mean: values.isEmpty ? nil : sum / Double(values.count)
            }
            let reported = !values.isEmpty
            let median = medianSorting(&values)
            result.append(ProvinceRollup(
                provinceCode: province, indicatorCode: indicator.code, target: targets[i], value: value,
                min: reported ? low : nil, median: median, max: reported ? high : nil,
                met: met, missed: missed, missing: missing))
        }
        return result
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
