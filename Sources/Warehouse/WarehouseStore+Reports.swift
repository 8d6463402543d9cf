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

extension WarehouseStore {
    /// What the resubmissions in force for `period` in the province changed, value by value
    /// (`v_submission_change`), by unit code then indicator code.
    public func submissionChanges(provinceCode: String, period: Period) throws -> [SubmissionChange] {
        try database.prepare("""
            SELECT unit_code, indicator_code, previous_value, value, change, file, replaced_file
            FROM v_submission_change WHERE period_code = ? AND province_code = ?
            ORDER BY unit_code, indicator_code
            """).rows(.text(period.description), .text(provinceCode)) { s in
            SubmissionChange(unitCode: s.text(0), indicatorCode: s.text(1), previousValue: s.doubleOrNil(2), value: s.doubleOrNil(3),
                             kind: SubmissionChange.Kind(rawValue: s.text(4)) ?? .changed, file: s.text(5), replacedFile: s.text(6))
        }
    }
}
