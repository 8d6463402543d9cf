import Testing
@testable import Warehouse

/// `BatchedInsert` writes rows several to a statement: every row once, in order, whatever the
/// remainder of the last statement.
@Suite("Batched inserts")
struct BatchedInsertTests {
    @Test("rows across full statements and a shorter last one", arguments: [0, 1, 31, 32, 33, 70])
    func everyRowInOrder(count: Int) throws {
        let db = try Database(path: ":memory:")
        try db.execute("CREATE TABLE t (seq INTEGER PRIMARY KEY, n INTEGER, x REAL, s TEXT)")
        var insert = BatchedInsert(db, "INSERT INTO t (n, x, s)", columns: 3, rowsPerStatement: 32)
        func x(_ row: Int) -> Double? { row % 3 == 0 ? nil : Double(row) / 4 }
        try insert.insert(count: count) { s, row, p in
            try s.bind(Int64(row), at: p)
            try s.bind(x(row), at: p + 1)
            try s.bind("r\(row)", at: p + 2)
        }
        let rows = try db.prepare("SELECT n, x, s FROM t ORDER BY seq").rows { ($0.int(0), $0.doubleOrNil(1), $0.text(2)) }
        #expect(rows.map(\.0) == Array(0..<count))
        let expected: [Double?] = (0..<count).map(x)
        #expect(rows.map(\.1) == expected)
        #expect(rows.map(\.2) == (0..<count).map { "r\($0)" })
    }
}
