import CCHCCore

extension WarehouseStore {
    /// When each commune's submission in force for `period` was received: the modification time of
    /// the accepted file in `fact_submission` (UTC ISO 8601, as in `etl_file.mtime`), by unit code.
    /// The reports count a submission as on time against the plans' deadline with it.
    public func submissionTimes(_ period: Period) throws -> [String: String] {
        let rows = try database.prepare("""
            SELECT u.unit_code, f.mtime
            FROM fact_submission s JOIN dim_period p USING (period_id) JOIN dim_unit u USING (unit_id) JOIN etl_file f USING (file_id)
            WHERE p.period_code = ?
            """).rows(.text(period.description)) { ($0.text(0), $0.text(1)) }
        return Dictionary(rows, uniquingKeysWith: { a, _ in a })
    }
}
