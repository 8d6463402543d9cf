import CCHCCore
import Scoring
import Testing
import TestSupport
@testable import Warehouse

/// Migration 010: the import keeps a packed copy of each file's values (`etl_file_values`) and the
/// score step reads it instead of the file's rows. Whatever mix of packed and unpacked communes a
/// period has, the values read and everything scored from them must be those of the rows, bit for bit.
@Suite("packed values: the score step reads the copy of the file in force, same bits as the rows")
struct PackedValuesTests {
    static let q3 = Period("2025-Q3")!
    static let indicators = (0..<40).map { i in
        Indicator(code: "I\(100 + i)", domain: 1 + i % 8, nameVi: "I", nameEn: "I", unit: [.percent, .count, .boolean, .number][i % 4],
                  direction: i % 3 == 0 ? .lower : .higher, weight: [1, 0.5, 2, 0.1][i % 4],
                  aggregation: [.ratio, .sum, .mean, .mean][i % 4])
    }
    static let communes = (0..<24).map { c in
        AdministrativeUnit(code: "C\(100 + c)", name: "C", parentCode: c % 3 == 0 ? "P2" : "P1", level: .commune)
    }

    /// A warehouse with two provinces, the communes and the indicators; targets for most of them.
    static func store() throws -> WarehouseStore {
        let store = try WarehouseStore(path: try temporaryWarehousePath())
        let units = [AdministrativeUnit(code: "P1", name: "P1", parentCode: nil, level: .province),
                     AdministrativeUnit(code: "P2", name: "P2", parentCode: nil, level: .province)] + communes
        var targets: [Target] = []
        for (i, indicator) in indicators.enumerated() where i % 7 != 5 {
            for scope in ["P1", "P2"] {
                targets.append(Target(scopeCode: scope, year: 2025, indicatorCode: indicator.code,
                                      value: indicator.unit == .boolean ? Double(i % 2) : Double(i * 3 % 50) - 4.5, source: ""))
            }
        }
        targets.append(Target(scopeCode: "C101", year: 2025, indicatorCode: "I101", value: 12.25, source: ""))
        try store.replaceReference(ReferenceData(units: units, indicators: indicators, targets: targets))
        return store
    }

    /// Every kind of number a value can be: blank, zero, -0.0 (stored as 0), NaN (stored as NULL),
    /// negatives, fractions (some with two decimals), large, tiny.
    static func number(_ random: inout SplitMix) -> Double? {
        switch random.next() % 12 {
        case 0: nil
        case 1: 0
        case 2: -0.0
        case 3: .nan
        case 4: -Double(random.next() % 1000) / 16
        case 5: 1e300 / Double(1 + random.next() % 7)
        case 6: Double.leastNonzeroMagnitude * Double(random.next() % 9)
        case 7: Double(random.next() % 2)
        case 8: Double(Int64(random.next() % 200_000) - 100_000) / 100
        default: Double(random.next() % 100_000) / 7
        }
    }

    /// The facts of one file: most indicators, in a shuffled order, some with only a numerator and
    /// denominator, some blank.
    static func facts(_ random: inout SplitMix) -> [SentFact] {
        var facts: [SentFact] = []
        for indicator in indicators where random.next() % 8 != 0 {
            let value = random.next() % 5 == 0 ? nil : number(&random)
            let ratio = random.next() % 3 == 0
            facts.append(.init(indicatorCode: indicator.code, value: value, numerator: ratio ? number(&random) : nil,
                               denominator: ratio ? number(&random) : nil, note: nil, line: facts.count + 2))
        }
        if random.next() % 2 == 0 { facts.reverse() }
        if random.next() % 2 == 0, facts.count > 3 { facts.swapAt(1, facts.count - 2) }
        return facts
    }

    /// Writes one file for `commune`, its facts batched with a packed copy, or one by one without.
    @discardableResult
    static func send(_ store: WarehouseStore, _ writer: SubmissionWriter, _ commune: String, mtime: String, packed: Bool,
                     _ facts: [SentFact]) throws -> Int64 {
        let periodID = try store.periodID(q3)
        let file = SubmissionWriter.FileMetadata(path: "P/\(commune)-\(mtime).csv", provinceCode: "P1", period: q3,
                                                 sha256: "\(commune)-\(mtime)", size: 1, mtime: mtime, encoding: "utf-8")
        return try store.database.savepoint {
            let fileID = try writer.beginFile(file)
            if try writer.claim(unitCode: commune, periodID: periodID, fileID: fileID, file: file) {
                if packed {
                    try writer.insertFacts(periodID: periodID, unitCode: commune, fileID: fileID, try facts.map { fact in
                        SubmissionWriter.Fact(indicatorID: try #require(writer.indicatorID(code: fact.indicatorCode)), value: fact.value,
                                              numerator: fact.numerator, denominator: fact.denominator, note: fact.note, line: fact.line)
                    })
                } else {
                    for fact in facts {
                        try writer.insertFact(periodID: periodID, unitCode: commune, indicatorCode: fact.indicatorCode, value: fact.value,
                                              numerator: fact.numerator, denominator: fact.denominator, note: nil, fileID: fileID,
                                              line: fact.line)
                    }
                }
            }
            try writer.finishFile(fileID, unitCode: commune, rows: facts.count, rejections: [])
            return fileID
        }
    }

    static func count(_ store: WarehouseStore, _ sql: String) throws -> Int64 {
        try store.database.scalarInt(sql) ?? -1
    }

    /// The values read, as bits, with both ways of reading (one connection, two slices).
    static func values(_ store: WarehouseStore) throws -> [[UInt64]] {
        let whole = try ValuesInForceSliceTests.rows(store, sliceFrom: .max)
        let sliced = try ValuesInForceSliceTests.rows(store, sliceFrom: 2)
        #expect(ValuesInForceSliceTests.bits(sliced.rows) == ValuesInForceSliceTests.bits(whole.rows))
        #expect(sliced.submittedFiles == whole.submittedFiles)
        return ValuesInForceSliceTests.bits(whole.rows)
    }

    /// The period's values as a plain SELECT of the rows gives them, in key order, blanks as NaN's bits.
    static func rowValues(_ store: WarehouseStore) throws -> [[UInt64]] {
        let facts = try ValuesInForceSliceTests.rows(store, sliceFrom: .max)
        let unitSlots = Dictionary(uniqueKeysWithValues: facts.unitCodes.enumerated().map { ($1, UInt64($0)) })
        let indicatorSlots = Dictionary(uniqueKeysWithValues: facts.indicatorCodes.enumerated().map { ($1, UInt64($0)) })
        return try store.database.prepare("""
            SELECT u.unit_code, i.indicator_code, f.value, f.numerator, f.denominator
            FROM fact_indicator_value f JOIN dim_unit u USING (unit_id) JOIN dim_indicator i USING (indicator_id)
            JOIN dim_period p USING (period_id) WHERE p.period_code = '2025-Q3' ORDER BY f.unit_id, f.indicator_id
            """).rows { s in
            [unitSlots[s.text(0)]!, indicatorSlots[s.text(1)]!] + [2, 3, 4].map { (s.doubleOrNil($0) ?? .nan).bitPattern }
        }
    }

    /// Scores the period as the score step does and returns everything it produced: the kernel's
    /// result and every score table and view of the period, numbers as bits.
    static func scored(_ store: WarehouseStore, workers: Int = 2) throws -> [String] {
        let scores = try ScoreIndicatorViewTests().score(store, workers: workers)
        var dump = [String(describing: scores)]
        for table in ["score_submission", "score_target", "score_indicator_rule", "score_unit", "score_province_indicator", "score_indicator"] {
            let columns = try store.database.prepare("SELECT name FROM pragma_table_info(?) ORDER BY cid").rows(.text(table)) { $0.text(0) }
            let select = columns.map { "typeof(\($0)), \($0)" }.joined(separator: ", ")
            let rows = try store.database.prepare("SELECT \(select) FROM \(table) ORDER BY \(columns.joined(separator: ", "))").rows { s in
                (0..<columns.count).map { c in
                    let column = Int32(2 * c + 1)
                    return s.text(column - 1) == "real" ? "r\(s.double(column).bitPattern)" : s.text(column)
                }.joined(separator: " ")
            }
            #expect(!rows.isEmpty, "\(table) is empty")
            dump += rows.map { "\(table): \($0)" }
        }
        return dump
    }

    @Test("every commune packed: the same values and scores, bit for bit, as from the rows alone", arguments: 0..<4)
    func allPacked(seed: UInt64) throws {
        var random = SplitMix(seed: seed)
        let store = try Self.store()
        let writer = try store.submissionWriter(runID: try store.beginRun(job: "test", period: Self.q3))
        for commune in Self.communes where random.next() % 6 != 0 {
            try Self.send(store, writer, commune.code, mtime: "2025-10-01", packed: true, Self.facts(&random))
        }
        let copies = try Self.count(store, "SELECT count(*) FROM etl_file_values")
        let packedFacts = try Self.count(store, "SELECT sum(fact_count) FROM etl_file_values")
        #expect(try copies == Self.count(store, "SELECT count(*) FROM fact_submission"))
        #expect(try packedFacts == Self.count(store, "SELECT count(*) FROM fact_indicator_value"))
        let packed = try Self.values(store)
        #expect(try packed == Self.rowValues(store))
        let scores = try Self.scored(store)

        try Self.expectSameFromRowsAlone(store, values: packed, scores: scores)
        #expect(try Self.scored(store, workers: 1) == scores)
    }

    @Test("some communes packed, some read from rows (one fact at a time): the same as from the rows alone", arguments: 0..<4)
    func mixed(seed: UInt64) throws {
        var random = SplitMix(seed: seed)
        let store = try Self.store()
        let writer = try store.submissionWriter(runID: try store.beginRun(job: "test", period: Self.q3))
        for commune in Self.communes where random.next() % 6 != 0 {
            try Self.send(store, writer, commune.code, mtime: "2025-10-01", packed: random.next() % 3 != 0, Self.facts(&random))
        }
        let copies = try Self.count(store, "SELECT count(*) FROM etl_file_values")
        let submissions = try Self.count(store, "SELECT count(*) FROM fact_submission")
        #expect(copies > 0 && copies < submissions)
        let mixed = try Self.values(store)
        #expect(try mixed == Self.rowValues(store))
        let scores = try Self.scored(store)

        try Self.expectSameFromRowsAlone(store, values: mixed, scores: scores)
    }

    /// With every packed copy dropped, the values and scores read from the rows alone are `values` and `scores`.
    static func expectSameFromRowsAlone(_ store: WarehouseStore, values: [[UInt64]], scores: [String]) throws {
        try store.database.execute("DELETE FROM etl_file_values")
        #expect(try Self.values(store) == values)
        #expect(try Self.scored(store) == scores)
    }

    @Test("a newer file replaces an older one: the copy of the file in force is read, never the older one's")
    func supersession() throws {
        var random = SplitMix(seed: 42)
        let store = try Self.store()
        let writer = try store.submissionWriter(runID: try store.beginRun(job: "test", period: Self.q3))
        for commune in Self.communes.prefix(6) {
            try Self.send(store, writer, commune.code, mtime: "2025-10-01", packed: true, Self.facts(&random))
        }
        let old = try Self.count(store, "SELECT file_id FROM fact_submission s JOIN dim_unit u USING (unit_id) WHERE u.unit_code = 'C101'")
        let oldCopy = try store.database.prepare("SELECT fact_count, packed FROM etl_file_values WHERE file_id = ?").rows(.integer(old)) {
            ($0.int64(0), $0.blob(1))
        }[0]
        let newer = try Self.send(store, writer, "C101", mtime: "2025-10-05", packed: true, [
            .init(indicatorCode: "I100", value: 1.25, numerator: nil, denominator: nil, note: nil, line: 2),
            .init(indicatorCode: "I105", value: nil, numerator: 3, denominator: 4, note: nil, line: 3),
        ])
        // The replaced file's copy goes with its rows.
        #expect(try Self.count(store, "SELECT count(*) FROM etl_file_values WHERE file_id = \(old)") == 0)
        #expect(try Self.count(store, "SELECT count(*) FROM etl_file_values WHERE file_id = \(newer)") == 1)
        // Even were it still there, only the file in force is read.
        try store.database.prepare("INSERT INTO etl_file_values VALUES (?, ?, ?)").run(.integer(old), .integer(oldCopy.0), .blob(oldCopy.1))
        let values = try Self.values(store)
        #expect(try values == Self.rowValues(store))
        let c101 = try ValuesInForceSliceTests.rows(store, sliceFrom: .max)
        let rows = c101.rows.filter { c101.unitCodes[Int($0.unitSlot)] == "C101" }
        #expect(rows.map { c101.indicatorCodes[Int($0.indicatorSlot)] } == ["I100", "I105"])
        #expect(rows.map(\.value.bitPattern) == [Double(1.25).bitPattern, Double.nan.bitPattern])
        #expect(rows[1].numerator == 3 && rows[1].denominator == 4)

        // A still newer file written one fact at a time (no copy): its rows are read.
        try Self.send(store, writer, "C101", mtime: "2025-10-07", packed: false, [
            .init(indicatorCode: "I107", value: -2, numerator: nil, denominator: nil, note: nil, line: 2),
        ])
        #expect(try Self.count(store, "SELECT count(*) FROM etl_file_values WHERE file_id = \(newer)") == 0)
        #expect(try Self.count(store, "SELECT count(*) FROM etl_file_values WHERE file_id = \(old)") == 1)  // the stale copy stays unread
        #expect(try Self.values(store) == Self.rowValues(store))
        let latest = try ValuesInForceSliceTests.rows(store, sliceFrom: 2)
        #expect(latest.rows.filter { latest.unitCodes[Int($0.unitSlot)] == "C101" }.map(\.value) == [-2])
        _ = try Self.scored(store)
    }

    @Test("a damaged copy stops the read with an error naming the file, and deleting the copy reads the rows")
    func damagedCopy() throws {
        var random = SplitMix(seed: 9)
        let store = try Self.store()
        let writer = try store.submissionWriter(runID: try store.beginRun(job: "test", period: Self.q3))
        for commune in Self.communes.prefix(4) {
            try Self.send(store, writer, commune.code, mtime: "2025-10-01", packed: true, Self.facts(&random))
        }
        let expected = try Self.rowValues(store)
        let fileID = try Self.count(store, "SELECT max(file_id) FROM etl_file_values")
        try store.database.execute("UPDATE etl_file_values SET packed = substr(packed, 1, length(packed) - 1) WHERE file_id = \(fileID)")
        for sliceFrom in [2, Int.max] {
            let error = #expect(throws: WarehouseError.self) { try ValuesInForceSliceTests.rows(store, sliceFrom: sliceFrom) }
            #expect(error?.description.contains("packed values of file \(fileID)") == true)
        }
        try store.database.execute("DELETE FROM etl_file_values WHERE file_id = \(fileID)")
        #expect(try Self.values(store) == expected)
    }

    @Test("numbers round-trip in their shortest exact kind, as SQLite stores them")
    func encoding() throws {
        let encoder = PackedValues.Encoder()
        encoder.start(facts: 40)
        let numbers: [Double?] = [nil, 0, -0.0, .nan, 7, -7, 1234567, 27.09, -0.33, 0.1, 1.0 / 3, 1e300, -1e-300, .leastNonzeroMagnitude,
                                  .infinity, -.infinity, 9_007_199_254_740_991, 9_007_199_254_740_992, -9_007_199_254_740_994,
                                  90_071_992_547_409.91, 0.005, 12.345, 2_147_483_647, -2_147_483_648, 2_147_483_648, 21_474_836.47, -21_474_836.48, 21_474_836.49]
        for (i, number) in numbers.enumerated() {
            encoder.append(indicatorID: Int64(i * 3 - 2), value: number, numerator: number.map { -$0 }, denominator: nil)
        }
        encoder.append(indicatorID: 1 << 40, value: 1, numerator: nil, denominator: 2)
        let facts = try PackedValues.decode(encoder.bytes, factCount: numbers.count + 1, fileID: 1)
        func stored(_ x: Double?) -> UInt64? {
            guard let x, !x.isNaN else { return nil }
            return (x == 0 ? 0 : x).bitPattern
        }
        #expect(facts.map(\.indicatorID) == numbers.indices.map { Int64($0 * 3 - 2) } + [1 << 40])
        #expect(facts.map { $0.value?.bitPattern } == numbers.map(stored) + [Double(1).bitPattern])
        #expect(facts.map { $0.numerator?.bitPattern } == numbers.map { stored($0.map { -$0 }) } + [nil])
        #expect(facts.map { $0.denominator?.bitPattern } == numbers.map { _ in nil } + [Double(2).bitPattern])
        // A whole number, a count and a value with two decimals take 4 bytes, not 8.
        encoder.start(facts: 1)
        encoder.append(indicatorID: 1, value: 27.09, numerator: 765, denominator: 2824)
        #expect(encoder.bytes.count == 1 + 1 + 1 + 4 + 4 + 4)
    }

    @Test("the decoder rejects anything but exactly fact_count facts of format 1 in indicator order")
    func decoderRejects() throws {
        let encoder = PackedValues.Encoder()
        encoder.start(facts: 40)
        encoder.append(indicatorID: 3, value: -0.0, numerator: .nan, denominator: 2.5)
        encoder.append(indicatorID: 7, value: nil, numerator: 1, denominator: 1.0 / 3)
        encoder.append(indicatorID: 1 << 40, value: -1e-300, numerator: nil, denominator: nil)
        let good = Array(encoder.bytes)
        #expect(try good.withUnsafeBytes { try PackedValues.decode($0, factCount: 3, fileID: 1) }.count == 3)

        let outOfOrder: [UInt8] = [1, 5, 0, 0, 0]  // indicator 5, then 5 again (a step of 0)
        var badKinds = good
        badKinds[2] |= 0x40
        var overlong = [PackedValues.format] + [UInt8](repeating: 0xFF, count: 11) + [0x01, 0x00]
        overlong[11] = 0x7F
        let bad: [(String, [UInt8], Int)] = [
            ("empty", [], 0), ("format", [2] + good.dropFirst(), 3), ("truncated", Array(good.dropLast()), 3),
            ("a byte too many", good + [0], 3), ("fewer facts than counted", good, 4), ("more facts than counted", good, 2),
            ("kinds byte", badKinds, 3), ("order", outOfOrder, 2), ("cut in a fact's header", Array(good.prefix(2)), 1),
            ("cut in the bits of a number", Array(good.prefix(good.count - 3)), 3), ("negative count", good, -1),
            ("overlong varint", overlong, 1),
        ]
        for (what, bytes, count) in bad {
            let error = #expect(throws: WarehouseError.self, "\(what)") {
                try bytes.withUnsafeBytes { try PackedValues.decode($0, factCount: count, fileID: 77) }
            }
            #expect(error?.description.contains("packed values of file 77") == true, "\(what)")
        }
        #expect(try [UInt8]([1]).withUnsafeBytes { try PackedValues.decode($0, factCount: 0, fileID: 1) }.isEmpty)
    }

    @Test("a warehouse of version 9 migrates to 10 with no copies, scores from its rows, and gains copies for new files")
    func migration() throws {
        let path = try temporaryWarehousePath()
        var random = SplitMix(seed: 5)
        // Reference and facts written at version 9, as its import wrote them (rows only).
        var sent: [(String, [SentFact])] = []
        for commune in Self.communes.prefix(10) { sent.append((commune.code, Self.facts(&random))) }
        do {
            let store = try Self.store(at: path, version: 9)
            let db = store.database
            let periodID = try store.periodID(Self.q3)
            try db.execute("INSERT INTO etl_run (run_id, job, started_at, status) VALUES (1, 'test', '2025-10-01T00:00:00Z', 'succeeded')")
            for (n, (commune, facts)) in sent.enumerated() {
                let fileID = Int64(100 + n)
                try db.prepare("""
                    INSERT INTO etl_file (file_id, sha256, size, mtime, path, province_code, period_code, encoding, status, row_count, run_id, content)
                    VALUES (?, ?, 1, '2025-10-01', ?, 'P1', '2025-Q3', 'utf-8', 'accepted', ?, 1, x'')
                    """).run(.integer(fileID), .text(commune), .text("P1/\(commune).csv"), .integer(Int64(facts.count)))
                try db.prepare("INSERT INTO fact_submission SELECT ?, unit_id, ? FROM dim_unit WHERE unit_code = ?")
                    .run(.integer(periodID), .integer(fileID), .text(commune))
                let insert = try db.prepare("""
                    INSERT INTO fact_indicator_value (period_id, unit_id, indicator_id, value, numerator, denominator, file_id, source_line)
                    SELECT ?, u.unit_id, i.indicator_id, ?, ?, ?, ?, ? FROM dim_unit u, dim_indicator i WHERE u.unit_code = ? AND i.indicator_code = ?
                    """)
                for fact in facts {
                    try insert.run(.integer(periodID), .optional(fact.value), .optional(fact.numerator), .optional(fact.denominator),
                                   .integer(fileID), .integer(Int64(fact.line)), .text(commune), .text(fact.indicatorCode))
                }
            }
            #expect(try Self.count(store, "PRAGMA user_version") == 9)
        }
        let store = try WarehouseStore(path: path)
        #expect(try Self.count(store, "PRAGMA user_version") == 10)
        #expect(try Self.count(store, "SELECT count(*) FROM etl_file_values") == 0)
        #expect(try store.consistencyProblems() == [])
        let fromRows = try Self.values(store)
        #expect(try !fromRows.isEmpty && fromRows == Self.rowValues(store))
        let scores = try Self.scored(store)
        #expect(scores.contains { $0.hasPrefix("score_unit: ") && $0.contains("ranked") })

        // New files after the migration are packed; the period reads the same as from rows.
        let writer = try store.submissionWriter(runID: try store.beginRun(job: "test", period: Self.q3))
        try Self.send(store, writer, "C103", mtime: "2025-10-09", packed: true, Self.facts(&random))
        try Self.send(store, writer, "C120", mtime: "2025-10-09", packed: true, Self.facts(&random))
        #expect(try Self.count(store, "SELECT count(*) FROM etl_file_values") == 2)
        let mixed = try Self.values(store)
        #expect(try mixed == Self.rowValues(store))
        let mixedScores = try Self.scored(store)
        try store.database.execute("DELETE FROM etl_file_values")
        #expect(try Self.scored(store) == mixedScores)
    }

    /// A warehouse at `path` migrated to `version` only, with the reference of `store()` and two targets.
    static func store(at path: String, version: Int) throws -> WarehouseStore {
        let store = try WarehouseStore(path: path, migrator: Migrator(migrations: try Migrator.bundled().migrations.filter { $0.version <= version }))
        let units = [AdministrativeUnit(code: "P1", name: "P1", parentCode: nil, level: .province),
                     AdministrativeUnit(code: "P2", name: "P2", parentCode: nil, level: .province)] + communes
        try store.replaceReference(ReferenceData(units: units, indicators: indicators, targets: [
            Target(scopeCode: "P1", year: 2025, indicatorCode: "I101", value: 10, source: ""),
            Target(scopeCode: "P2", year: 2025, indicatorCode: "I102", value: 1, source: ""),
        ]))
        return store
    }
}

/// A fact as a test sends it, by indicator code (`SubmissionWriter.Fact` takes the warehouse's key).
struct SentFact {
    var indicatorCode: String
    var value: Double?
    var numerator: Double?
    var denominator: Double?
    var note: String?
    var line: Int
}
