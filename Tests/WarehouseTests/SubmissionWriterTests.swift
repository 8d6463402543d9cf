import CCHCCore
import Foundation
import Testing
@testable import Warehouse

/// The import's writer: a file recorded in one statement, its facts written many to a statement,
/// and the file all or nothing inside its savepoint.
@Suite("SubmissionWriter: file records, batched facts, all or nothing")
struct SubmissionWriterTests {
    static let period = Period("2025-Q3")!
    static let indicators = (1...40).map { n in
        Indicator(code: String(format: "I%03d", n), domain: 1 + n % 8, nameVi: "Chỉ tiêu \(n)", nameEn: "Indicator \(n)",
                  unit: .number, direction: .higher, weight: 1, aggregation: .mean)
    }

    func store() throws -> WarehouseStore {
        let store = try WarehouseStore(path: try temporaryWarehousePath())
        let units = [AdministrativeUnit(code: "14", name: "Sơn La", parentCode: nil, level: .province)]
            + ["03721", "03722"].map { AdministrativeUnit(code: $0, name: "Xã \($0)", parentCode: "14", level: .commune) }
        try store.replaceReference(ReferenceData(units: units, indicators: Self.indicators, targets: []))
        return store
    }

    func metadata(_ name: String, sha256: String, province: String = "14", size: Int) -> SubmissionWriter.FileMetadata {
        .init(path: "2025-Q3/\(province)/\(name)", provinceCode: province, period: Self.period, sha256: sha256, size: Int64(size),
              mtime: "2025-10-01T00:00:00.000000000Z", encoding: "utf-8")
    }

    func facts(_ codes: [String], _ writer: SubmissionWriter) -> [SubmissionWriter.Fact] {
        codes.enumerated().map { line, code in
            .init(indicatorID: writer.indicatorID(code: code) ?? -1, value: Double(line) + 0.5, numerator: nil, denominator: nil, note: line == 3 ? "ghi chú, \"trích\"" : nil,
                  line: line + 2)
        }
    }

    func count(_ store: WarehouseStore, _ sql: String) throws -> Int64 {
        try store.database.prepare(sql).rows { $0.int64(0) }[0]
    }

    @Test("a file recorded in one statement keeps its bytes, status, commune and row count; 40 facts go in two statements in order")
    func recordAndFacts() throws {
        let store = try store()
        let writer = try store.submissionWriter(runID: try store.beginRun(job: "test", period: Self.period))
        let periodID = try store.periodID(Self.period)
        #expect(try writer.knownDigests(period: Self.period).isEmpty)
        let bytes = Array("unit_code,period,indicator_code,value\n03721,2025-Q3,I001,0.5\n".utf8) + [0xFF, 0x00]
        let file = metadata("03721.csv", sha256: "aa", size: bytes.count)
        try store.transaction { () throws -> Void in
            try store.database.savepoint { () throws -> Void in
                let fileID = try bytes.withUnsafeBytes { try writer.recordFile(file, status: "accepted", unitCode: "03721", rows: 40, content: $0) }
                #expect(try writer.claim(unitCode: "03721", periodID: periodID, fileID: fileID, file: file))
                try writer.insertFacts(periodID: periodID, unitCode: "03721", fileID: fileID, facts(Self.indicators.map(\.code), writer))
            }
            let empty = metadata("empty.csv", sha256: "bb", size: 0)
            _ = try [UInt8]().withUnsafeBytes { try writer.recordFile(empty, status: "rejected", unitCode: nil, rows: 0, content: $0) }
        }
        let rows = try store.database.prepare("SELECT status, unit_code, row_count, content, size FROM etl_file ORDER BY file_id").rows { s in
            (s.text(0), s.textOrNil(1), s.int64(2), s.blob(3), s.isNull(3), s.int64(4))
        }
        #expect(rows.count == 2)
        #expect(rows[0].0 == "accepted" && rows[0].1 == "03721" && rows[0].2 == 40 && rows[0].3 == bytes && rows[0].5 == Int64(bytes.count))
        #expect(rows[1].0 == "rejected" && rows[1].1 == nil && rows[1].3 == [] && !rows[1].4, "no bytes are an empty BLOB, not NULL")
        let stored = try store.database.prepare("""
            SELECT i.indicator_code, f.value, f.note, f.source_line FROM fact_indicator_value f JOIN dim_indicator i USING (indicator_id)
            ORDER BY f.source_line
            """).rows { s in (s.text(0), s.double(1), s.textOrNil(2), s.int64(3)) }
        #expect(stored.map(\.0) == Self.indicators.map(\.code))
        #expect(stored.map(\.1) == (0..<40).map { Double($0) + 0.5 })
        #expect(stored[3].2 == "ghi chú, \"trích\"" && stored[4].2 == nil)
        #expect(stored.map(\.3) == (2...41).map(Int64.init))
        // The digests written this run are known without a new listing, per province.
        #expect(try writer.knownStatus(provinceCode: "14", period: Self.period, sha256: "aa") == "accepted")
        #expect(try writer.knownStatus(provinceCode: "14", period: Self.period, sha256: "bb") == "rejected")
        #expect(try writer.knownStatus(provinceCode: "15", period: Self.period, sha256: "aa") == nil)
        #expect(try writer.knownStatus(provinceCode: "14", period: Self.period, sha256: "cc") == nil)
    }

    @Test("a duplicate indicator in a later statement fails the file, and its savepoint leaves nothing of it; the file before stays")
    func duplicateRollsBack() throws {
        let store = try store()
        let writer = try store.submissionWriter(runID: try store.beginRun(job: "test", period: Self.period))
        let periodID = try store.periodID(Self.period)
        _ = try writer.knownDigests(period: Self.period)
        let first = metadata("03722.csv", sha256: "11", size: 1)
        let second = metadata("03721.csv", sha256: "22", size: 1)
        var codes = Self.indicators.map(\.code)
        codes[36] = codes[2]  // in the second statement of 32 + 8 rows
        var failed = false
        try store.transaction { () throws -> Void in
            try store.database.savepoint { () throws -> Void in
                let fileID = try [UInt8(1)].withUnsafeBytes { try writer.recordFile(first, status: "accepted", unitCode: "03722", rows: 40, content: $0) }
                _ = try writer.claim(unitCode: "03722", periodID: periodID, fileID: fileID, file: first)
                try writer.insertFacts(periodID: periodID, unitCode: "03722", fileID: fileID, facts(Self.indicators.map(\.code), writer))
            }
            do {
                try store.database.savepoint { () throws -> Void in
                    let fileID = try [UInt8(2)].withUnsafeBytes { try writer.recordFile(second, status: "accepted", unitCode: "03721", rows: 40, content: $0) }
                    _ = try writer.claim(unitCode: "03721", periodID: periodID, fileID: fileID, file: second)
                    try writer.insertFacts(periodID: periodID, unitCode: "03721", fileID: fileID, facts(codes, writer))
                }
                failed = false
            } catch {
                failed = true
            }
        }
        #expect(failed)
        #expect(try count(store, "SELECT count(*) FROM etl_file") == 1)
        #expect(try count(store, "SELECT count(*) FROM fact_submission") == 1)
        #expect(try count(store, "SELECT count(*) FROM fact_indicator_value") == 40)
        #expect(try count(store, "SELECT count(*) FROM fact_indicator_value f JOIN dim_unit u USING (unit_id) WHERE u.unit_code = '03721'") == 0)
        // Rolled back, the digest is looked up again rather than trusted.
        #expect(try writer.knownStatus(provinceCode: "14", period: Self.period, sha256: "22") == nil)
    }
}
