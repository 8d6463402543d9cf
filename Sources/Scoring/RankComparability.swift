import CCHCCore

/// Which previous ranks may be compared with this period's. A commune that did not exist for the
/// whole previous period, or that absorbed another unit since then (the 2025 mergers), gets a blank
/// rank change rather than a misleading one.
public enum RankComparability {
    public static func comparable(_ previousRanks: [String: Int], units: [AdministrativeUnit], period: Period) -> [String: Int] {
        let previous = period.previous
        var changed: Set<String> = []
        for unit in units {
            if let from = unit.validFrom, from > previous.startDate { changed.insert(unit.code) }
            if let successor = unit.successorCode, let to = unit.validTo, to >= previous.startDate, to <= period.endDate {
                changed.insert(successor)
            }
        }
        return previousRanks.filter { !changed.contains($0.key) }
    }
}
