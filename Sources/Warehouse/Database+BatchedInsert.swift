/// Writes many rows into one table with `INSERT … VALUES (…), (…), …`, up to `rowsPerStatement`
/// rows a statement: with one statement per row, SQLite's per-statement work (step, halt, reset)
/// cost as much as the inserts themselves (callgrind at M, issue 7).
struct BatchedInsert {
    let database: Database
    /// `INSERT INTO table (a, b, …)`, without `VALUES`.
    let head: String
    let columns: Int
    let rowsPerStatement: Int
    private var statements: [Int: Statement] = [:]

    init(_ database: Database, _ head: String, columns: Int, rowsPerStatement: Int = 32) {
        self.database = database
        self.head = head
        self.columns = columns
        self.rowsPerStatement = rowsPerStatement
    }

    /// Inserts rows 0..<count in order; `bind(statement, row, first)` binds row `row`'s columns to the
    /// parameters `first`, `first + 1`, … of `statement`.
    mutating func insert(count: Int, bind: (Statement, Int, Int32) throws -> Void) throws {
        var start = 0
        while start < count {
            let rows = min(rowsPerStatement, count - start)
            let statement = try self.statement(rows: rows)
            for row in 0..<rows { try bind(statement, start + row, Int32(row * columns + 1)) }
            try statement.execute()
            start += rows
        }
    }

    private mutating func statement(rows: Int) throws -> Statement {
        if let statement = statements[rows] { return statement }
        let row = "(" + repeatElement("?", count: columns).joined(separator: ", ") + ")"
        let statement = try database.prepare(head + " VALUES " + repeatElement(row, count: rows).joined(separator: ", "))
        statements[rows] = statement
        return statement
    }
}
