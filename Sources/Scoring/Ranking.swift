import CCHCCore

/// Competition ranking within each province on scores rounded to 2 decimals (1, 2, 2, 4), ties
/// listed by unit code; unranked communes after, not_submitted before no_targets, each by code.
public enum Ranking {
    public static func rank(_ units: [UnitScore], previousRanks: [String: Int]) -> [UnitScore] {
        let byProvince = Dictionary(grouping: units, by: \.provinceCode)
        var result: [UnitScore] = []
        result.reserveCapacity(units.count)
        for province in byProvince.keys.sorted() {
            let members = byProvince[province]!
            var ranked = members.filter { $0.status == .ranked }
                .map { ($0, Rounding.scaled($0.score!)) }
                .sorted { $0.1 != $1.1 ? $0.1 > $1.1 : $0.0.unitCode < $1.0.unitCode }
            var previousKey: Int64?
            var currentRank = 0
            for index in ranked.indices {
                if ranked[index].1 != previousKey {
                    currentRank = index + 1
                    previousKey = ranked[index].1
                }
                ranked[index].0.rank = currentRank
                ranked[index].0.rankChange = previousRanks[ranked[index].0.unitCode].map { $0 - currentRank }
            }
            result += ranked.map(\.0)
            for status in [UnitStatus.notSubmitted, .noTargets] {
                result += members.filter { $0.status == status }.sorted { $0.unitCode < $1.unitCode }
            }
        }
        return result
    }
}
