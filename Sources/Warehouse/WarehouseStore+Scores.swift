import CCHCCore

extension WarehouseStore {
    /// Ranks stored for `period` (communes ranked then).
    public func storedRanks(_ period: Period) throws -> [String: Int] {
        let rows = try database.prepare("""
            SELECT u.unit_code, s.rank FROM score_unit s JOIN dim_period p USING (period_id) JOIN dim_unit u USING (unit_id)
            WHERE p.period_code = ? AND s.rank IS NOT NULL
            """).rows(.text(period.description)) { ($0.text(0), $0.int(1)) }
        return Dictionary(rows, uniquingKeysWith: { a, _ in a })
    }

    /// A fingerprint of the submissions in force for `period` (which files, how many).
    public func submissionFingerprint(_ period: Period) throws -> String {
        let statement = try database.prepare("""
            SELECT count(*), total(s.file_id), max(s.file_id) FROM fact_submission s JOIN dim_period p USING (period_id)
            WHERE p.period_code = ?
            """)
        try statement.bind(.text(period.description))
        guard try statement.step() else { return "" }
        return "\(statement.int64(0)):\(Int64(statement.double(1))):\(statement.int64OrNil(2) ?? 0)"
    }

    /// The fingerprint stored when `period` was last scored, nil when never.
    public func scoredFingerprint(_ period: Period) throws -> String? {
        let statement = try database.prepare("""
            SELECT inputs FROM score_period JOIN dim_period USING (period_id) WHERE period_code = ?
            """)
        try statement.bind(.text(period.description))
        return try statement.step() ? statement.text(0) : nil
    }

    /// Replaces the stored scores of `scores.period` in one transaction, with the fingerprint of the
    /// submissions they were computed from.
    ///
    /// `score_indicator` is a view (migration 009): instead of one row per commune and targeted
    /// indicator (~270,000 per period at national scale), what they were computed from is stored —
    /// each ranked commune's submission and province (`score_submission`), the targets and the
    /// indicator rules as scored (`score_target`, `score_indicator_rule`) — a few thousand rows.
    /// Foreign keys and CHECK constraints are off while the rows are written: every key comes from
    /// `dim_*` read inside the same transaction or from `fact_submission`, and the CHECKed columns
    /// are the raw values of Swift enums whose cases are exactly the lists checked
    /// (`consistencyProblems()`, i.e. `PRAGMA foreign_key_check`, still verifies).
    public func saveScores(_ scores: PeriodScores, basis: ScoreBasis, fingerprint: String) throws {
        try database.execute("PRAGMA foreign_keys = OFF; PRAGMA ignore_check_constraints = ON")
        defer { try? database.execute("PRAGMA ignore_check_constraints = OFF; PRAGMA foreign_keys = ON") }
        try transaction {
            let periodID = try periodID(scores.period)
            try database.prepare("""
                INSERT INTO score_period (period_id, scored_at, inputs) VALUES (?, ?, ?)
                ON CONFLICT (period_id) DO UPDATE SET scored_at = excluded.scored_at, inputs = excluded.inputs
                """).run(.integer(periodID), .text(Timestamp.now()), .text(fingerprint))
            for table in ["score_submission", "score_target", "score_indicator_rule", "score_unit", "score_province_indicator"] {
                try database.prepare("DELETE FROM \(table) WHERE period_id = ?").run(.integer(periodID))
            }
            let unitIDs = try unitIDsByCode()
            let indicatorIDs = try indicatorIDsByCode()
            try insertUnitScores(scores.units, periodID: periodID, unitIDs: unitIDs)
            try insertBasis(basis, scores: scores, periodID: periodID, unitIDs: unitIDs, indicatorIDs: indicatorIDs)
            try insertRollups(scores.rollups, periodID: periodID, unitIDs: unitIDs, indicatorIDs: indicatorIDs)
            FaultPoint.reach("score.write")
        }
    }

    /// `unit_code → unit_id` of every unit.
    func unitIDsByCode() throws -> [String: Int64] {
        try idsByCode("SELECT unit_code, unit_id FROM dim_unit")
    }

    /// `indicator_code → indicator_id` of every indicator.
    func indicatorIDsByCode() throws -> [String: Int64] {
        try idsByCode("SELECT indicator_code, indicator_id FROM dim_indicator")
    }

    /// `code → id` of a dimension, from a query returning (code, id).
    private func idsByCode(_ sql: String) throws -> [String: Int64] {
        var ids: [String: Int64] = [:]
        for (code, id) in try database.prepare(sql).rows(transform: { ($0.text(0), $0.int64(1)) }) where ids[code] == nil { ids[code] = id }
        return ids
    }

    /// Rows go in key order: into a `WITHOUT ROWID` table each insert seeks its place in the key.
    private func insertUnitScores(_ units: [UnitScore], periodID: Int64, unitIDs: [String: Int64]) throws {
        var order: [(id: Int64, index: Int)] = []
        order.reserveCapacity(units.count)
        for (index, u) in units.enumerated() {
            if let unitID = unitIDs[u.unitCode] { order.append((unitID, index)) }
        }
        order.sort { $0.id < $1.id }
        var insert = BatchedInsert(database, """
            INSERT INTO score_unit (period_id, unit_id, status, score, score_rounded, d1, d2, d3, d4, d5, d6, d7, d8, met, missed, missing,
                rank, rank_change)
            """, columns: 18)
        try insert.insert(count: order.count) { s, row, p in
            let u = units[order[row].index]
            try s.bind(periodID, at: p)
            try s.bind(order[row].id, at: p + 1)
            try s.bind(u.status.rawValue, at: p + 2)
            try s.bind(u.score, at: p + 3)
            try s.bind(u.score.map { Rounding.rounded($0) }, at: p + 4)
            for d in 0..<8 { try s.bind(d < u.domainScores.count ? u.domainScores[d] : nil, at: p + 5 + Int32(d)) }
            try s.bind(u.met, at: p + 13)
            try s.bind(u.missed, at: p + 14)
            try s.bind(u.missing, at: p + 15)
            try s.bind(u.rank, at: p + 16)
            try s.bind(u.rankChange, at: p + 17)
        }
    }

    private func insertRollups(_ rollups: [ProvinceRollup], periodID: Int64, unitIDs: [String: Int64],
                               indicatorIDs: [String: Int64]) throws {
        var order: [(province: Int64, indicator: Int64, index: Int)] = []
        order.reserveCapacity(rollups.count)
        for (index, r) in rollups.enumerated() {
            if let provinceID = unitIDs[r.provinceCode], let indicatorID = indicatorIDs[r.indicatorCode] { order.append((provinceID, indicatorID, index)) }
        }
        order.sort { ($0.province, $0.indicator) < ($1.province, $1.indicator) }
        var insert = BatchedInsert(database, """
            INSERT INTO score_province_indicator (period_id, province_id, indicator_id, target, value, min_value, median_value, max_value,
                met, missed, missing)
            """, columns: 11)
        try insert.insert(count: order.count) { s, row, p in
            let r = rollups[order[row].index]
            try s.bind(periodID, at: p)
            try s.bind(order[row].province, at: p + 1)
            try s.bind(order[row].indicator, at: p + 2)
            try s.bind(r.target, at: p + 3)
            try s.bind(r.value, at: p + 4)
            try s.bind(r.min, at: p + 5)
            try s.bind(r.median, at: p + 6)
            try s.bind(r.max, at: p + 7)
            try s.bind(r.met, at: p + 8)
            try s.bind(r.missed, at: p + 9)
            try s.bind(r.missing, at: p + 10)
        }
    }

    /// The errors of rejected files of `province` and `period`, in file and error order.
    public func rejections(provinceCode: String, period: Period) throws -> [Rejection] {
        try database.prepare("""
            SELECT f.path, r.line, r.column_number, r.unit_code, r.code, r.message
            FROM etl_rejection r JOIN etl_file f USING (file_id)
            WHERE f.province_code = ? AND f.period_code = ? AND f.status = 'rejected'
            ORDER BY f.path, f.file_id, r.seq
            """).rows(.text(provinceCode), .text(period.description)) { s in
            Rejection(file: s.text(0), line: s.int64OrNil(1).map(Int.init), column: s.int64OrNil(2).map(Int.init),
                      unitCode: s.textOrNil(3), code: s.text(4), message: s.text(5))
        }
    }
}
