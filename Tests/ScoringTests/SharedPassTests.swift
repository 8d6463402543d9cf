import CCHCCore
import Synchronization
import Testing
import TestSupport
@testable import Scoring

/// The plan is built in passes shared by the workers (chunks taken in any order, a row table per
/// worker): whatever the workers and the order of the input rows, the value in force is the last
/// row and the target in force the last target, as in one pass in input order.
@Suite("The kernel's shared passes")
struct SharedPassTests {
    typealias F = Fixture

    @Test("every index is visited once, by a worker numbered below the worker count", arguments: [1, 2, 8])
    func chunksCoverEachIndexOnce(workers: Int) {
        for (count, chunk) in [(0, 1), (1, 1), (10, 3), (1_000, 64), (5, 100)] {
            let indices = Parallel.array(count: count, chunk: chunk, workers: workers) { range, slots in
                for index in range { slots.initialize(index, to: index) }
            }
            #expect(indices == Array(0..<count))
            let workerCount = Parallel.workerCount((count + chunk - 1) / chunk, workers: workers)
            let seen = Mutex((started: Set<Int>(), visits: [Int](repeating: 0, count: count)))
            Parallel.forEachChunk(count, chunk: chunk, workers: workers, start: { worker in
                seen.withLock { _ = $0.started.insert(worker) }
            }) { worker, range in
                #expect(worker < workerCount)
                seen.withLock { for index in range { $0.visits[index] += 1 } }
            }
            seen.withLock {
                #expect($0.visits.allSatisfy { $0 == 1 })
                #expect($0.started == Set(0..<workerCount))
            }
        }
    }

    @Test("grouping keeps each group's indices in order and skips negative keys")
    func grouping() {
        let grouping = Grouping(keys: [2, -1, 0, 2, 1, 0], keyCount: 4)
        #expect((0..<4).map { Array(grouping[$0]) } == [[2, 5], [4], [0, 3], []])
        #expect((0..<4).map { grouping[$0].startIndex } == [0, 2, 3, 5])
    }

    @Test("the last row of a commune and indicator is in force, rows in any order", arguments: [1, 2, 8])
    func lastRowWins(workers: Int) {
        var random = SplitMix(seed: 7)
        let indicators = (0..<12).map { F.indicator("I\($0)") }
        let units = [F.province("P")] + (0..<40).map { F.commune("c\($0)", of: "P") }
        var values: [ReportedValue] = []
        var last: [String: Double?] = [:]
        // Several row chunks, each commune and indicator in many of them.
        for _ in 0..<40_000 {
            let commune = "c\(random.next() % 40)", indicator = "I\(random.next() % 12)"
            let value: Double? = random.next() % 10 == 0 ? nil : Double(random.next() % 1_000)
            values.append(F.value(commune, indicator, value))
            last["\(commune) \(indicator)"] = value
        }
        let scores = F.score(units: units, indicators: indicators, targets: indicators.map { F.target("P", $0.code, 500) },
                             values: values, workers: workers)
        #expect(scores.indicators.count == last.count)
        for score in scores.indicators {
            #expect(last["\(score.unitCode) \(score.indicatorCode)"] == .some(score.value), "\(score.unitCode) \(score.indicatorCode)")
        }
    }

    @Test("the last target of a scope and indicator is in force, a commune's own before its province's", arguments: [1, 2, 8])
    func lastTargetWins(workers: Int) {
        var random = SplitMix(seed: 11)
        let indicators = (0..<10).map { F.indicator("I\($0)") }
        let provinces = ["P", "Q"]
        let communes = provinces.flatMap { p in (0..<30).map { "\(p)\($0)" } }
        let units = provinces.map(F.province) + communes.map { F.commune($0, of: String($0.prefix(1))) }
        var targets: [Target] = []
        var last: [String: Double] = [:]
        // Several target chunks, scopes in no order.
        for _ in 0..<3_000 {
            let scope = random.next() % 4 == 0 ? provinces[Int(random.next() % 2)] : communes[Int(random.next() % 60)]
            let indicator = "I\(random.next() % 10)", value = Double(random.next() % 100)
            targets.append(F.target(scope, indicator, value, year: random.next() % 10 == 0 ? 2024 : 2025))
            if targets.last!.year == 2025 { last["\(scope) \(indicator)"] = value }
        }
        let values = communes.flatMap { c in indicators.map { F.value(c, $0.code, 50) } }
        let scores = F.score(units: units, indicators: indicators, targets: targets, values: values, workers: workers)
        for commune in communes {
            for indicator in indicators.map(\.code) {
                let own = last["\(commune) \(indicator)"], inherited = last["\(commune.prefix(1)) \(indicator)"]
                let score = scores.indicator(commune, indicator)
                #expect(score?.target == own ?? inherited, "\(commune) \(indicator)")
                let scope: IndicatorScore.TargetScope? = own != nil ? .commune : inherited != nil ? .province : nil
                #expect(score?.targetScope == scope, "\(commune) \(indicator)")
            }
        }
        for rollup in scores.rollups {
            #expect(rollup.target == last["\(rollup.provinceCode) \(rollup.indicatorCode)"])
        }
    }

    @Test("a code listed twice: the province is rolled up once per listing and ranked once; the communes share their own targets, the first takes the values",
          arguments: [1, 2, 8])
    func codesListedTwice(workers: Int) {
        let units = [F.province("P"), F.province("Q"), F.province("P"), F.commune("c1", of: "P"), F.commune("c1", of: "Q"),
                     F.commune("c2", of: "Q")]
        let scores = F.score(units: units, indicators: [F.indicator("A")],
                             targets: [F.target("P", "A", 10), F.target("Q", "A", 20), F.target("c1", "A", 12)],
                             values: [F.value("c1", "A", 15), F.value("c2", "A", 30)], workers: workers)
        #expect(scores.units.map(\.unitCode) == ["c1", "c2", "c1"])
        #expect(scores.units.map(\.provinceCode) == ["P", "Q", "Q"])
        #expect(scores.rollups.map(\.provinceCode) == ["P", "P", "Q"])
        #expect(scores.indicators.map(\.unitCode) == ["c1", "c1", "c2"])
        #expect(scores.indicators.map(\.target) == [12, 12, 20])
        #expect(scores.indicators.map(\.value) == [15, nil, 30])
    }
}
