import CCHCCore

extension WarehouseStore {
    /// The values in force for `period` and the communes with a submission in force.
    public func valuesInForce(_ period: Period) throws -> (values: [ReportedValue], submitted: Set<String>) {
        let values = try database.prepare("""
            SELECT u.unit_code, i.indicator_code, f.value, f.numerator, f.denominator
            FROM fact_indicator_value f JOIN dim_period p USING (period_id) JOIN dim_unit u USING (unit_id) JOIN dim_indicator i USING (indicator_id)
            WHERE p.period_code = ?
            """).rows(.text(period.description)) { s in
            ReportedValue(unitCode: s.text(0), indicatorCode: s.text(1), value: s.doubleOrNil(2), numerator: s.doubleOrNil(3),
                          denominator: s.doubleOrNil(4))
        }
        let submitted = try database.prepare("""
            SELECT u.unit_code FROM fact_submission s JOIN dim_period p USING (period_id) JOIN dim_unit u USING (unit_id)
            WHERE p.period_code = ?
            """).rows(.text(period.description)) { $0.text(0) }
        return (values, Set(submitted))
    }

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
    public func saveScores(_ scores: PeriodScores, fingerprint: String) throws {
        try transaction {
            let periodID = try periodID(scores.period)
            try database.prepare("""
                INSERT INTO score_period (period_id, scored_at, inputs) VALUES (?, ?, ?)
                ON CONFLICT (period_id) DO UPDATE SET scored_at = excluded.scored_at, inputs = excluded.inputs
                """).run(.integer(periodID), .text(Timestamp.now()), .text(fingerprint))
            for table in ["score_indicator", "score_unit", "score_province_indicator"] {
                try database.prepare("DELETE FROM \(table) WHERE period_id = ?").run(.integer(periodID))
            }
            let unitIDs = Dictionary(try database.prepare("SELECT unit_code, unit_id FROM dim_unit").rows { ($0.text(0), $0.int64(1)) },
                                     uniquingKeysWith: { a, _ in a })
            let indicatorIDs = Dictionary(
                try database.prepare("SELECT indicator_code, indicator_id FROM dim_indicator").rows { ($0.text(0), $0.int64(1)) },
                uniquingKeysWith: { a, _ in a })
            let unit = try database.prepare("""
                INSERT INTO score_unit (period_id, unit_id, status, score, score_rounded, d1, d2, d3, d4, d5, d6, d7, d8, met, missed, missing,
                    rank, rank_change)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """)
            for u in scores.units {
                guard let unitID = unitIDs[u.unitCode] else { continue }
                try unit.run([.integer(periodID), .integer(unitID), .text(u.status.rawValue), .optional(u.score),
                              .optional(u.score.map { Rounding.rounded($0) })]
                             + u.domainScores.map { SQLValue.optional($0) }
                             + [.optional(u.met), .optional(u.missed), .optional(u.missing), .optional(u.rank), .optional(u.rankChange)])
            }
            let indicator = try database.prepare("""
                INSERT INTO score_indicator (period_id, unit_id, indicator_id, target, target_scope, value, attainment, weight, status)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                """)
            for s in scores.indicators {
                guard let unitID = unitIDs[s.unitCode], let indicatorID = indicatorIDs[s.indicatorCode] else { continue }
                try indicator.run(.integer(periodID), .integer(unitID), .integer(indicatorID), .real(s.target), .text(s.targetScope.rawValue),
                                  .optional(s.value), .real(s.attainment), .real(s.weight), .text(s.status.rawValue))
            }
            let rollup = try database.prepare("""
                INSERT INTO score_province_indicator (period_id, province_id, indicator_id, target, value, min_value, median_value, max_value,
                    met, missed, missing) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """)
            for r in scores.rollups {
                guard let provinceID = unitIDs[r.provinceCode], let indicatorID = indicatorIDs[r.indicatorCode] else { continue }
                try rollup.run(.integer(periodID), .integer(provinceID), .integer(indicatorID), .optional(r.target), .optional(r.value),
                               .optional(r.min), .optional(r.median), .optional(r.max), .optional(r.met), .optional(r.missed),
                               .optional(r.missing))
            }
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
