import CCHCCore

/// Competition ranking within each province on scores rounded to 2 decimals (1, 2, 2, 4), ties
/// listed by unit code; unranked communes after, not_submitted before no_targets, each by code.
public enum Ranking {
    public static func rank(_ units: [UnitScore], previousRanks: [String: Int]) -> [UnitScore] {
        let byProvince = Dictionary(grouping: units, by: \.provinceCode)
        var result: [UnitScore] = []
        result.reserveCapacity(units.count)
        for province in byProvince.keys.sorted() {
            result += rank(province: byProvince[province]!, previousRanks: previousRanks)
        }
        return result
    }

    /// The communes of one province (`members`), in ranking order.
    static func rank(province members: [UnitScore], previousRanks: [String: Int]) -> [UnitScore] {
        // The ranked are sorted as indices with their rounded scores: moving `UnitScore`s is dearer.
        let ranked = members.indices.filter { members[$0].status == .ranked }
            .map { ($0, Rounding.scaled(members[$0].score!)) }
            .sorted { $0.1 != $1.1 ? $0.1 > $1.1 : members[$0.0].unitCode < members[$1.0].unitCode }
        var result: [UnitScore] = []
        result.reserveCapacity(members.count)
        var previousKey: Int64?
        var currentRank = 0
        for (position, (index, key)) in ranked.enumerated() {
            if key != previousKey {
                currentRank = position + 1
                previousKey = key
            }
            var unit = members[index]
            unit.rank = currentRank
            unit.rankChange = previousRanks[unit.unitCode].map { $0 - currentRank }
            result.append(unit)
        }
        for status in [UnitStatus.notSubmitted, .noTargets] {
            result += members.filter { $0.status == status }.sorted { $0.unitCode < $1.unitCode }
        }
        return result
    }
}
