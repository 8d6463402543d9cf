import CCHCCore

/// Records received files and writes the facts of accepted ones. Statements are prepared once and
/// reused for every file; unit and indicator keys are looked up in memory. Use inside a transaction
/// per file (see `WarehouseStore.transaction`).
///
/// While a writer exists, SQLite's per-row foreign-key checks are off on its connection (create it
/// outside a transaction): every key it writes is one it just read from `dim_*` or just inserted
/// (`file_id`), under the batch lock, so none can dangle, and the checks cost about as much as the
/// insert itself (measured at national scale, issue 7). `PRAGMA foreign_key_check` still verifies.
public final class SubmissionWriter {
    /// What is known about a received file before its content is read.
    public struct FileMetadata: Sendable {
        public var path: String
        public var provinceCode: String
        public var period: Period
        public var sha256: String
        public var size: Int64
        public var mtime: String
        public var encoding: String

        public init(path: String, provinceCode: String, period: Period, sha256: String, size: Int64, mtime: String, encoding: String) {
            self.path = path
            self.provinceCode = provinceCode
            self.period = period
            self.sha256 = sha256
            self.size = size
            self.mtime = mtime
            self.encoding = encoding
        }

        /// "Newer" per BRIEF §3.3: later mtime, then later file name, then later path.
        func isNewer(thanMtime otherMtime: String, path otherPath: String) -> Bool {
            func name(_ p: String) -> Substring { p.split(separator: "/").last ?? Substring(p) }
            return (mtime, name(path), Substring(path)) > (otherMtime, name(otherPath), Substring(otherPath))
        }
    }

    let store: WarehouseStore
    let runID: Int64
    private let unitIDs: [String: Int64]
    private let indicatorIDs: [String: Int64]
    private let knownStatement, insertFileStatement, recordFileStatement, finishFileStatement, inForceStatement, claimStatement,
        clearFactsStatement, insertFactStatement, insertRejectionStatement, reserveContentStatement, archiveValuesStatement, supersessionStatement,
        insertWarningStatement, insertPackedStatement, clearPackedStatement: Statement
    private var blob: BlobWriter?
    /// The packed copy `insertFacts` writes (`etl_file_values`), and the order of the file's facts
    /// by `indicator_id` (buffers reused from file to file).
    private let packed = PackedValues.Encoder()
    private var packedOrder: [(indicatorID: Int64, index: Int)] = []
    /// The digests of the files received per period, from `knownDigests` on and kept up to date here:
    /// a digest not in it needs no `etl_file` lookup. A file rolled back stays in it, so it is never
    /// smaller than the truth and can only save a lookup, never skip a needed one.
    private var receivedDigests: [String: Set<String>] = [:]
    /// `INSERT … VALUES (…), (…), …` for 1 to `factsPerStatement` facts, prepared when first needed.
    private var factBatchStatements: [Int: Statement] = [:]

    init(store: WarehouseStore, runID: Int64) throws {
        self.store = store
        self.runID = runID
        let db = store.database
        unitIDs = try store.unitIDsByCode()
        indicatorIDs = try store.indicatorIDsByCode()
        knownStatement = try db.prepare("SELECT status FROM etl_file WHERE province_code = ? AND period_code = ? AND sha256 = ?", persistent: true)
        insertFileStatement = try db.prepare("""
            INSERT INTO etl_file (sha256, size, mtime, path, province_code, period_code, encoding, status, row_count, run_id, content)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, 0, ?, zeroblob(0))
            """, persistent: true)
        recordFileStatement = try db.prepare("""
            INSERT INTO etl_file (sha256, size, mtime, path, province_code, period_code, encoding, status, unit_code, row_count, run_id, content)
            VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)
            """, persistent: true)
        finishFileStatement = try db.prepare("UPDATE etl_file SET unit_code = ?, row_count = ?, status = ? WHERE file_id = ?", persistent: true)
        inForceStatement = try db.prepare("""
            SELECT f.mtime, f.path, f.file_id FROM fact_submission s JOIN etl_file f USING (file_id) WHERE s.period_id = ? AND s.unit_id = ?
            """, persistent: true)
        claimStatement = try db.prepare("""
            INSERT INTO fact_submission (period_id, unit_id, file_id) VALUES (?, ?, ?)
            ON CONFLICT (period_id, unit_id) DO UPDATE SET file_id = excluded.file_id
            """, persistent: true)
        clearFactsStatement = try db.prepare("DELETE FROM fact_indicator_value WHERE period_id = ? AND unit_id = ?", persistent: true)
        insertFactStatement = try db.prepare("""
            INSERT INTO fact_indicator_value (period_id, unit_id, indicator_id, value, numerator, denominator, note, file_id, source_line)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
            """, persistent: true)
        insertRejectionStatement = try db.prepare("""
            INSERT INTO etl_rejection (file_id, seq, line, column_number, unit_code, code, message) VALUES (?, ?, ?, ?, ?, ?, ?)
            """, persistent: true)
        // History (migration 007): a replaced submission's values and the replacement itself.
        archiveValuesStatement = try db.prepare("""
            INSERT INTO etl_replaced_value (file_id, indicator_id, value, numerator, denominator, note, source_line)
            SELECT ?, indicator_id, value, numerator, denominator, note, source_line
            FROM fact_indicator_value WHERE period_id = ? AND unit_id = ?
            """, persistent: true)
        supersessionStatement = try db.prepare("""
            INSERT INTO etl_supersession (file_id, replaced_file_id, period_id, unit_id, run_id) VALUES (?, ?, ?, ?, ?)
            """, persistent: true)
        reserveContentStatement = try db.prepare("UPDATE etl_file SET content = zeroblob(?) WHERE file_id = ?", persistent: true)
        insertWarningStatement = try db.prepare("""
            INSERT INTO etl_file_warning (file_id, seq, line, column_number, code, message) VALUES (?, ?, ?, ?, ?, ?)
            """, persistent: true)
        insertPackedStatement = try db.prepare("INSERT INTO etl_file_values (file_id, fact_count, packed) VALUES (?, ?, ?)", persistent: true)
        clearPackedStatement = try db.prepare("DELETE FROM etl_file_values WHERE file_id = ?", persistent: true)
        try db.execute("PRAGMA foreign_keys = OFF")  // last, so `deinit` (which turns them back on) always runs after it
    }

    deinit {
        try? store.database.execute("PRAGMA foreign_keys = ON")
    }

    /// The status of a file already received with these bytes in this province and period, if any.
    public func knownStatus(provinceCode: String, period: Period, sha256: String) throws -> String? {
        if let received = receivedDigests[period.description], !received.contains(sha256) { return nil }
        try knownStatement.reset()
        try knownStatement.bind(.text(provinceCode), .text(period.description), .text(sha256))
        return try knownStatement.step() ? knownStatement.text(0) : nil
    }

    /// The SHA-256 of every file received for `period`, in any province: which files need no validating
    /// (`knownStatus` still decides, per province).
    public func knownDigests(period: Period) throws -> Set<String> {
        let digests = try Set(store.database.prepare("SELECT sha256 FROM etl_file WHERE period_code = ?").rows(.text(period.description)) { $0.text(0) })
        receivedDigests[period.description] = digests
        return digests
    }

    private func received(_ file: FileMetadata) {
        receivedDigests[file.period.description]?.insert(file.sha256)
    }

    /// Records the file (status `accepted` until `finishFile` says otherwise), its content still empty;
    /// returns its `file_id`. After `finishFile`, `reserveContent` and `appendContent` store the bytes.
    public func beginFile(_ file: FileMetadata, status: String = "accepted") throws -> Int64 {
        try insertFileStatement.run(.text(file.sha256), .integer(file.size), .text(file.mtime), .text(file.path),
                                    .text(file.provinceCode), .text(file.period.description), .text(file.encoding), .text(status),
                                    .integer(runID))
        blob = nil
        received(file)
        return store.database.lastInsertedRowID
    }

    /// Records a file whose outcome and bytes are known before it is written (read whole and validated
    /// ahead): one INSERT with its final status, commune, row count and original bytes, where
    /// `beginFile`, `finishFile` and `reserveContent` take three statements and a BLOB handle. Its
    /// rejections and warnings follow with `recordNotes`; returns its `file_id`.
    public func recordFile(_ file: FileMetadata, status: String, unitCode: String?, rows: Int, content: UnsafeRawBufferPointer) throws -> Int64 {
        blob = nil
        let s = recordFileStatement
        try s.bind(file.sha256, at: 1)
        try s.bind(file.size, at: 2)
        try s.bind(file.mtime, at: 3)
        try s.bind(file.path, at: 4)
        try s.bind(file.provinceCode, at: 5)
        try s.bind(file.period.description, at: 6)
        try s.bind(file.encoding, at: 7)
        try s.bind(status, at: 8)
        try s.bind(unitCode, at: 9)
        try s.bind(Int64(rows), at: 10)
        try s.bind(runID, at: 11)
        try s.bind(content, at: 12)
        try s.execute()
        received(file)
        return store.database.lastInsertedRowID
    }

    /// Makes room for `size` bytes in the file's `content` and opens it for `appendContent`. Call it
    /// after `finishFile`: an UPDATE rewrites the whole row, so with the bytes already in place
    /// SQLite would load all of them into memory (a zeroblob as the last column is never materialised).
    public func reserveContent(_ fileID: Int64, size: Int64) throws {
        blob = nil
        try reserveContentStatement.run(.integer(size), .integer(fileID))
        blob = size > 0 ? try BlobWriter(database: store.database, table: "etl_file", column: "content", rowID: fileID) : nil
    }

    /// Appends original bytes to the content reserved last.
    public func appendContent(_ bytes: UnsafeRawBufferPointer) throws {
        try blob?.append(bytes)
    }

    /// Closes the content opened by `reserveContent` (an open BLOB handle would keep COMMIT from running).
    public func closeContent() {
        blob = nil
    }

    /// Makes `fileID` the submission in force for the commune and period when it is newer than the
    /// one in force; that one's facts move to `etl_replaced_value` and the replacement is recorded in
    /// `etl_supersession`. Returns whether the file's rows should be written.
    public func claim(unitCode: String, periodID: Int64, fileID: Int64, file: FileMetadata) throws -> Bool {
        guard let unitID = unitIDs[unitCode] else { return false }
        try inForceStatement.reset()
        try inForceStatement.bind(.integer(periodID), .integer(unitID))
        var replaced: Int64?
        if try inForceStatement.step() {
            if !file.isNewer(thanMtime: inForceStatement.text(0), path: inForceStatement.text(1)) { return false }
            replaced = inForceStatement.int64(2)
        }
        try inForceStatement.reset()
        // Facts exist only for a submission in force: with none, there is nothing to move or clear.
        if let replaced {
            try archiveValuesStatement.run(.integer(replaced), .integer(periodID), .integer(unitID))
            try supersessionStatement.run(.integer(fileID), .integer(replaced), .integer(periodID), .integer(unitID), .integer(runID))
            try clearFactsStatement.run(.integer(periodID), .integer(unitID))
            try clearPackedStatement.run(.integer(replaced))
        }
        try claimStatement.run(.integer(periodID), .integer(unitID), .integer(fileID))
        return true
    }

    /// Writes one fact of the file in force. The file gets no packed copy (`etl_file_values`): the
    /// score step reads its rows.
    public func insertFact(periodID: Int64, unitCode: String, indicatorCode: String, value: Double?, numerator: Double?,
                           denominator: Double?, note: String?, fileID: Int64, line: Int) throws {
        guard let unitID = unitIDs[unitCode], let indicatorID = indicatorIDs[indicatorCode] else {
            throw WarehouseError("unit \(unitCode) or indicator \(indicatorCode) is not in the warehouse")
        }
        // Typed binds: one row costs no array or enum boxing (this runs once per fact).
        let s = insertFactStatement
        try s.bind(periodID, at: 1)
        try s.bind(unitID, at: 2)
        try s.bind(indicatorID, at: 3)
        try s.bind(value, at: 4)
        try s.bind(numerator, at: 5)
        try s.bind(denominator, at: 6)
        try s.bind(note, at: 7)
        try s.bind(fileID, at: 8)
        try s.bind(Int64(line), at: 9)
        try s.execute()
    }

    /// The key of the indicator with this code, nil when the warehouse has none.
    public func indicatorID(code: String) -> Int64? {
        indicatorIDs[code]
    }

    /// One fact of a file, for `insertFacts`.
    public struct Fact {
        public var indicatorID: Int64
        public var value: Double?
        public var numerator: Double?
        public var denominator: Double?
        public var note: String?
        public var line: Int

        public init(indicatorID: Int64, value: Double?, numerator: Double?, denominator: Double?, note: String?, line: Int) {
            self.indicatorID = indicatorID
            self.value = value
            self.numerator = numerator
            self.denominator = denominator
            self.note = note
            self.line = line
        }
    }

    /// Facts written by one statement: a statement per fact spent as much in SQLite's per-statement
    /// work (statement journal, halt, reset) as in the inserts (callgrind at M, issue 7).
    static let factsPerStatement = 32

    /// Writes the facts of the file in force for one commune, in order, as `insertFact` would one by one,
    /// then their packed copy for the score step (`etl_file_values`, migration 010); call it once per file.
    /// Call it inside the file's savepoint: a statement that fails keeps the rows it wrote before
    /// (`OR FAIL`, which spares SQLite a statement journal per statement), and only rolling back the
    /// savepoint undoes them.
    public func insertFacts(periodID: Int64, unitCode: String, fileID: Int64, _ facts: [Fact]) throws {
        guard !facts.isEmpty else { return }
        guard let unitID = unitIDs[unitCode] else { throw WarehouseError("unit \(unitCode) is not in the warehouse") }
        // Taken out of the property while filled: appending to a class's array property checks
        // exclusivity at run time on every call.
        var order = packedOrder
        packedOrder = []
        order.removeAll(keepingCapacity: true)
        var start = 0
        while start < facts.count {
            let batch = facts[start..<min(start + Self.factsPerStatement, facts.count)]
            let s = try factStatement(rows: batch.count)
            // ?1, ?2, ?3 are shared by every row of the statement.
            try s.bind(periodID, at: 1)
            try s.bind(unitID, at: 2)
            try s.bind(fileID, at: 3)
            var column: Int32 = 3
            for fact in batch {
                order.append((fact.indicatorID, order.count))
                try s.bind(fact.indicatorID, at: column + 1)
                try s.bind(fact.value, at: column + 2)
                try s.bind(fact.numerator, at: column + 3)
                try s.bind(fact.denominator, at: column + 4)
                try s.bind(fact.note, at: column + 5)
                try s.bind(Int64(fact.line), at: column + 6)
                column += 6
            }
            try s.execute()
            start = batch.endIndex
        }
        try insertPacked(fileID: fileID, facts, order: &order)
        packedOrder = order
    }

    /// Writes the packed copy of the facts `insertFacts` just wrote, in `indicator_id` order (the
    /// rows' key order; the inserts above have rejected a repeated indicator). `order` holds each
    /// fact's `indicator_id` and position.
    private func insertPacked(fileID: Int64, _ facts: [Fact], order: inout [(indicatorID: Int64, index: Int)]) throws {
        if !order.indices.dropFirst().allSatisfy({ order[$0 - 1].indicatorID < order[$0].indicatorID }) {
            order.sort { $0.indicatorID < $1.indicatorID }
        }
        packed.start(facts: order.count)
        for (indicatorID, index) in order {
            packed.append(indicatorID: indicatorID, value: facts[index].value, numerator: facts[index].numerator,
                          denominator: facts[index].denominator)
        }
        let s = insertPackedStatement
        try s.bind(fileID, at: 1)
        try s.bind(Int64(packed.count), at: 2)
        try s.bind(packed.bytes, at: 3)
        try s.execute()
    }

    private func factStatement(rows: Int) throws -> Statement {
        if let statement = factBatchStatements[rows] { return statement }
        // Placeholders only, numbered: ?1 period, ?2 commune, ?3 file for every row, then six per row.
        let values = (0..<rows).map { row in
            let p = 4 + row * 6
            return "(?1, ?2, ?\(p), ?\(p + 1), ?\(p + 2), ?\(p + 3), ?\(p + 4), ?3, ?\(p + 5))"
        }.joined(separator: ", ")
        let statement = try store.database.prepare("""
            INSERT OR FAIL INTO fact_indicator_value (period_id, unit_id, indicator_id, value, numerator, denominator, note, file_id, source_line)
            VALUES \(values)
            """, persistent: true)
        factBatchStatements[rows] = statement
        return statement
    }

    /// Sets the file's final status, commune and row count; records its errors when rejected, and its
    /// warnings (located notes that did not stop it loading, in the same shape as a rejection).
    public func finishFile(_ fileID: Int64, unitCode: String?, rows: Int, rejections: [Rejection], warnings: [Rejection] = []) throws {
        blob = nil
        try finishFileStatement.run(.optional(unitCode), .integer(Int64(rows)), .text(rejections.isEmpty ? "accepted" : "rejected"),
                                    .integer(fileID))
        try recordNotes(fileID, rejections: rejections, warnings: warnings)
    }

    /// Records the file's errors (`etl_rejection`) and warnings (`etl_file_warning`), numbered from 1.
    public func recordNotes(_ fileID: Int64, rejections: [Rejection], warnings: [Rejection]) throws {
        for (seq, r) in rejections.enumerated() {
            try insertRejectionStatement.run(.integer(fileID), .integer(Int64(seq + 1)), .optional(r.line), .optional(r.column),
                                             .optional(r.unitCode), .text(r.code), .text(r.message))
        }
        for (seq, w) in warnings.enumerated() {
            try insertWarningStatement.run(.integer(fileID), .integer(Int64(seq + 1)), .optional(w.line), .optional(w.column),
                                           .text(w.code), .text(w.message))
        }
    }
}

extension WarehouseStore {
    /// A writer for the files of run `runID`.
    public func submissionWriter(runID: Int64) throws -> SubmissionWriter {
        try SubmissionWriter(store: self, runID: runID)
    }
}
