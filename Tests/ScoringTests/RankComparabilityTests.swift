import CCHCCore
import Testing
@testable import Scoring

@Suite("Rank change across the 2025 reform")
struct RankComparabilityTests {
    let q3 = Period("2025-Q3")!

    func commune(_ code: String, from: String? = nil, to: String? = nil, successor: String? = nil) -> AdministrativeUnit {
        AdministrativeUnit(code: code, name: "Xã \(code)", parentCode: "14", level: .commune,
                           validFrom: from, validTo: to, successorCode: successor)
    }

    @Test("a commune that absorbed another since the previous period gets no rank change; others keep theirs")
    func mergedSuccessorIsNotCompared() {
        let units = [
            commune("A"),
            commune("B", to: "2025-06-30", successor: "A"),  // merged into A at the end of Q2
            commune("C"),
        ]
        let previous = ["A": 1, "B": 2, "C": 3]
        #expect(RankComparability.comparable(previous, units: units, period: q3) == ["B": 2, "C": 3])
    }

    @Test("a commune created during the previous period or later is not compared with a rank it never had whole")
    func newUnitIsNotCompared() {
        let units = [commune("N", from: "2025-07-01"), commune("M", from: "2025-05-15"), commune("O", from: "2025-04-01")]
        let previous = ["N": 1, "M": 2, "O": 3]
        #expect(RankComparability.comparable(previous, units: units, period: q3) == ["O": 3])
    }

    @Test("a merger long before the previous period does not blank today's rank change")
    func oldMergerIsIrrelevant() {
        let units = [commune("A"), commune("B", to: "2024-12-31", successor: "A")]
        #expect(RankComparability.comparable(["A": 4], units: units, period: q3) == ["A": 4])
    }

    @Test("end to end through the kernel: the successor's rank change is blank, the retired unit is absent")
    func kernel() {
        let units = [
            AdministrativeUnit(code: "14", name: "Tỉnh Sơn La", parentCode: nil, level: .province),
            commune("A"), commune("B", to: "2025-06-30", successor: "A"), commune("C"),
        ]
        let indicator = Indicator(code: "X", domain: 3, nameVi: "X", nameEn: "X", unit: .percent, direction: .higher,
                                  weight: 1, aggregation: .mean)
        let targets = [Target(scopeCode: "14", year: 2025, indicatorCode: "X", value: 100, source: "")]
        let values = ["A", "C"].map { ReportedValue(unitCode: $0, indicatorCode: "X", value: $0 == "A" ? 90 : 80) }
        let previous = RankComparability.comparable(["A": 3, "B": 1, "C": 2], units: units, period: q3)
        let scores = ScoringKernel(workers: 2).score(ScoringInput(
            period: q3, units: units, indicators: [indicator], targets: targets, values: values,
            submitted: ["A", "C"], previousRanks: previous))
        #expect(scores.units.map(\.unitCode) == ["A", "C"])
        #expect(scores.units.map(\.rankChange) == [nil, 0])
    }
}
