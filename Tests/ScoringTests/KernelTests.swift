import CCHCCore
import Testing
import TestSupport
@testable import Scoring

@Suite("Scores, ranks and roll-ups")
struct KernelTests {
    typealias F = Fixture

    @Test("domain and total scores are weighted means of attainment, ×100")
    func domainAndTotal() {
        let indicators = [F.indicator("A", domain: 3, weight: 2), F.indicator("B", domain: 3, weight: 1),
                          F.indicator("C", domain: 7, weight: 1), F.indicator("D", domain: 8, weight: 1)]
        let scores = F.score(units: [F.province("P"), F.commune("c1", of: "P")], indicators: indicators,
                             targets: [F.target("P", "A", 100), F.target("P", "B", 80), F.target("P", "C", 50)],
                             values: [F.value("c1", "A", 90), F.value("c1", "B", 40), F.value("c1", "C", nil), F.value("c1", "D", 10)])
        let unit = scores.unit("c1")!
        // d3 = 100·(2·0.9 + 1·0.5)/3 = 76.666…; d7 = 0 (missing); D has no target: not counted.
        #expect(abs(unit.domainScores[2]! - 230.0 / 3) < 1e-9)
        #expect(unit.domainScores[6] == 0)
        #expect(unit.domainScores[7] == nil)
        #expect(unit.domainScores[0] == nil)
        // s = 100·(1.8 + 0.5 + 0)/4 = 57.5
        #expect(abs(unit.score! - 57.5) < 1e-9)
        #expect((unit.met, unit.missed, unit.missing) == (0, 2, 1))
        #expect(scores.indicator("c1", "D") == nil)
    }

    @Test("a commune's own target overrides its province's")
    func communeOverride() {
        let scores = F.score(units: [F.province("P"), F.commune("c1", of: "P"), F.commune("c2", of: "P")],
                             indicators: [F.indicator("SAT")],
                             targets: [F.target("P", "SAT", 90), F.target("c2", "SAT", 95)],
                             values: [F.value("c1", "SAT", 92), F.value("c2", "SAT", 92)])
        #expect(scores.indicator("c1", "SAT")?.status == .met)
        #expect(scores.indicator("c1", "SAT")?.targetScope == .province)
        #expect(scores.indicator("c2", "SAT")?.status == .missed)
        #expect(scores.indicator("c2", "SAT")?.target == 95)
        #expect(scores.indicator("c2", "SAT")?.targetScope == .commune)
    }

    @Test("targets of another year are ignored")
    func targetsOfAnotherYear() {
        let scores = F.score(units: [F.province("P"), F.commune("c1", of: "P")], indicators: [F.indicator("A")],
                             targets: [F.target("P", "A", 90, year: 2024)], values: [F.value("c1", "A", 92)])
        #expect(scores.unit("c1")?.status == .noTargets)
        #expect(scores.unit("c1")?.score == nil)
    }

    @Test("equal rounded scores share a rank, the next skips; ties listed by code; unranked after")
    func competitionRanking() {
        // Scores: a 90, b 80.004 → 80.00, c 79.995 → 80.00 (half away from zero), d 70; e did not submit.
        let units = [F.province("P")] + ["a", "b", "c", "d", "e"].map { F.commune($0, of: "P") }
        let scores = F.score(units: units, indicators: [F.indicator("A")], targets: [F.target("P", "A", 100)],
                             values: [F.value("a", "A", 90), F.value("c", "A", 79.995), F.value("b", "A", 80.004), F.value("d", "A", 70)])
        #expect(scores.units.map(\.unitCode) == ["a", "b", "c", "d", "e"])
        #expect(scores.units.map(\.rank) == [1, 2, 2, 4, nil])
        #expect(scores.units.last?.status == .notSubmitted)
        #expect(scores.units.last?.met == nil)
    }

    @Test("ties are ordered by unit code, not by input order")
    func tieOrder() {
        let units = [F.province("P"), F.commune("z9", of: "P"), F.commune("a1", of: "P")]
        let scores = F.score(units: units, indicators: [F.indicator("A")], targets: [F.target("P", "A", 100)],
                             values: [F.value("z9", "A", 50), F.value("a1", "A", 50)])
        #expect(scores.units.map(\.unitCode) == ["a1", "z9"])
        #expect(scores.units.map(\.rank) == [1, 1])
    }

    @Test("rank change is previous rank minus current rank, blank when not ranked before")
    func rankChange() {
        let units = [F.province("P")] + ["a", "b", "c"].map { F.commune($0, of: "P") }
        let scores = F.score(units: units, indicators: [F.indicator("A")], targets: [F.target("P", "A", 100)],
                             values: [F.value("a", "A", 90), F.value("b", "A", 80), F.value("c", "A", 70)],
                             previousRanks: ["a": 3, "b": 2])
        #expect(scores.units.map(\.rankChange) == [2, 0, nil])
    }

    @Test("ranking is within each province")
    func perProvince() {
        let units = [F.province("P"), F.province("Q"), F.commune("p1", of: "P"), F.commune("q1", of: "Q")]
        let scores = F.score(units: units, indicators: [F.indicator("A")], targets: [F.target("P", "A", 100), F.target("Q", "A", 100)],
                             values: [F.value("p1", "A", 10), F.value("q1", "A", 20)])
        #expect(scores.unit("p1")?.rank == 1)
        #expect(scores.unit("q1")?.rank == 1)
    }

    @Test("units outside their validity are absent from the period")
    func validity() {
        let units = [F.province("P"), F.commune("old", of: "P", validTo: "2025-06-30"), F.commune("new", of: "P", validFrom: "2025-07-01")]
        let scores = F.score(units: units, indicators: [F.indicator("A")], targets: [F.target("P", "A", 100)],
                             values: [F.value("old", "A", 90), F.value("new", "A", 90)])
        #expect(scores.units.map(\.unitCode) == ["new"])
    }

    @Test("ratio roll-up is Σnumerator/Σdenominator, not the mean of percentages")
    func ratioRollup() {
        let units = [F.province("P"), F.commune("a", of: "P"), F.commune("b", of: "P"), F.commune("c", of: "P")]
        let scores = F.score(units: units, indicators: [F.indicator("ON_TIME")], targets: [F.target("P", "ON_TIME", 95)],
                             values: [F.value("a", "ON_TIME", 100, 10, 10), F.value("b", "ON_TIME", 50, 450, 900)],
                             submitted: ["a", "b"])
        let rollup = scores.rollups.first!
        // 100·(10 + 450)/(10 + 900) = 50.549…, whereas the mean of 100 and 50 would be 75.
        #expect(abs(rollup.value! - 46000.0 / 910) < 1e-9)
        #expect(rollup.target == 95)
        #expect((rollup.min, rollup.median, rollup.max) == (50, 75, 100))
        #expect((rollup.met, rollup.missed, rollup.missing) == (1, 1, 1))  // c did not submit: missing
    }

    @Test("sum and mean roll-ups, median of an odd count, province target blank when only communes set one")
    func sumAndMean() {
        let units = [F.province("P"), F.commune("a", of: "P"), F.commune("b", of: "P"), F.commune("c", of: "P")]
        let indicators = [F.indicator("NEW_FIRMS", unit: .count, aggregation: .sum), F.indicator("GROWTH", unit: .number, aggregation: .mean)]
        let scores = F.score(units: units, indicators: indicators,
                             targets: [F.target("a", "NEW_FIRMS", 1), F.target("P", "GROWTH", 8)],
                             values: [F.value("a", "NEW_FIRMS", 2), F.value("b", "NEW_FIRMS", 5), F.value("c", "NEW_FIRMS", nil),
                                      F.value("a", "GROWTH", 6), F.value("b", "GROWTH", 9), F.value("c", "GROWTH", 12)])
        let firms = scores.rollups.first { $0.indicatorCode == "NEW_FIRMS" }!
        #expect(firms.target == nil)
        #expect(firms.value == 7)
        #expect((firms.met, firms.missed, firms.missing) == (1, 0, 0))  // only a has a target
        let growth = scores.rollups.first { $0.indicatorCode == "GROWTH" }!
        #expect(growth.value == 9)
        #expect(growth.median == 9)
        #expect((growth.met, growth.missed, growth.missing) == (2, 1, 0))
    }

    @Test("results are identical for 1, 2 and 8 workers")
    func deterministicAcrossWorkers() {
        var generator = SplitMix(seed: 42)
        let provinces = ["P", "Q"]
        var indicators: [Indicator] = []
        for i in 0..<12 {
            let unit: Indicator.MeasureUnit = i % 5 == 0 ? .boolean : .percent
            let direction: Indicator.Direction = i % 3 == 0 ? .lower : .higher
            indicators.append(F.indicator("I\(i)", domain: i % 8 + 1, unit: unit, direction: direction, weight: Double(i % 4 + 1) / 2))
        }
        var units = provinces.map(F.province)
        var targets: [Target] = []
        var values: [ReportedValue] = []
        for p in provinces {
            for i in indicators {
                let t: Double = i.unit == Indicator.MeasureUnit.boolean ? 1 : Double(generator.next() % 100)
                targets.append(F.target(p, i.code, t))
            }
            for c in 0..<40 {
                let code = "\(p)\(c)"
                units.append(F.commune(code, of: p))
                for i in indicators where generator.next() % 10 != 0 {
                    var v: Double? = nil
                    if generator.next() % 20 != 0 {
                        v = i.unit == Indicator.MeasureUnit.boolean ? Double(generator.next() % 2) : Double(generator.next() % 10_001) / 100
                    }
                    values.append(F.value(code, i.code, v))
                }
            }
        }
        let one = F.score(units: units, indicators: indicators, targets: targets, values: values, workers: 1)
        for workers in [2, 8] {
            let other = F.score(units: units, indicators: indicators, targets: targets, values: values, workers: workers)
            #expect(other.units == one.units)
            #expect(other.indicators == one.indicators)
            #expect(other.rollups == one.rollups)
        }
    }
}

