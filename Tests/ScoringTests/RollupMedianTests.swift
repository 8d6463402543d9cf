import Testing
@testable import Scoring

/// The roll-up's median is found by selection; it must equal the middle of the sorted values bit for
/// bit, with duplicates, negative and positive zeros, and odd and even counts.
@Suite("roll-up median by selection")
struct RollupMedianTests {
    @Test("equals the sorted median bit for bit", arguments: 0..<2000)
    func equalsSortedMedian(seed: Int) {
        var state = UInt64(seed) &* 0x9E37_79B9_7F4A_7C15 &+ 1
        func next(_ n: Int) -> Int {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int((state >> 33) % UInt64(n))
        }
        let pool: [Double] = [0, -0.0, 1, -1, 2.5, 100, 1e-300, -3.75, 42, 42, 7]
        let values = (0..<next(40)).map { _ in next(3) == 0 ? pool[next(pool.count)] : Double(next(2001) - 1000) / 8 }
        var reordered = values
        let median = Rollup.medianSorting(&reordered)
        let sorted = values.sorted()
        let expected = sorted.isEmpty ? nil
            : sorted.count % 2 == 1 ? sorted[sorted.count / 2] : (sorted[sorted.count / 2 - 1] + sorted[sorted.count / 2]) / 2
        #expect(median?.bitPattern == expected?.bitPattern, "\(values)")
        #expect(reordered.sorted() == sorted)
    }

    @Test("selection puts the k-th smallest at k, smaller before, greater after")
    func selectPartitions() {
        for values: [Double] in [[3, 1, 2], [5, 5, 5, 5], [9, 8, 7, 6, 5, 4, 3, 2, 1], [1], [2, 1]] {
            for k in values.indices {
                var v = values
                let x = Rollup.select(k, in: &v)
                #expect(x == values.sorted()[k])
                #expect(v[..<k].allSatisfy { $0 <= x } && v[(k + 1)...].allSatisfy { $0 >= x })
            }
        }
    }
}
