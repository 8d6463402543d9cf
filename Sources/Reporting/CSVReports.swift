import CCHCCore

/// The CSV files of BRIEF §5.2 for one province and period, exactly in the contract's columns.
public enum CSVReports {
    public static let rankingHeader = ["rank", "unit_code", "unit_name", "score", "d1", "d2", "d3", "d4", "d5", "d6", "d7", "d8",
                                       "met", "missed", "missing", "rank_change", "status"]
    public static let missedHeader = ["unit_code", "unit_name", "indicator_code", "indicator_name", "target", "value", "status"]
    public static let indicatorsHeader = ["indicator_code", "indicator_name", "domain", "target", "value", "min", "median", "max",
                                          "met", "missed", "missing"]
    public static let rejectionsHeader = ["file", "line", "column", "unit_code", "error"]

    /// `ranking.csv`: ranked communes in rank order, then the unranked; scores with 2 decimals.
    public static func ranking(_ units: [UnitScore], context: ReportContext, dialect: CSVDialect = .standard) -> CSVTableWriter {
        var table = dialect.table(header: rankingHeader)
        for unit in units {
            let scores = [unit.score] + unit.domainScores
            table.append(
                [unit.rank.map(String.init) ?? "", unit.unitCode, context.unitNames[unit.unitCode] ?? ""]
                    + scores.map(dialect.fixed)
                    + [unit.met, unit.missed, unit.missing, unit.rankChange].map { $0.map(String.init) ?? "" }
                    + [unit.status.rawValue])
        }
        return table
    }

    /// `missed-targets.csv`: every missed or missing (commune, indicator) of ranked communes.
    public static func missedTargets(_ scores: [IndicatorScore], context: ReportContext, dialect: CSVDialect = .standard) -> CSVTableWriter {
        var table = dialect.table(header: missedHeader)
        // Cell by cell (the longest file); a commune's scores are adjacent, so its name is looked up once.
        var unit: String?, unitName = ""
        for score in scores where score.status != .met {
            if score.unitCode != unit {
                unit = score.unitCode
                unitName = context.unitNames[score.unitCode] ?? ""
            }
            table.cell(score.unitCode)
            table.cell(unitName)
            table.cell(score.indicatorCode)
            table.cell(context.indicators[score.indicatorCode]?.nameVi ?? "")
            dialect.compactCell(score.target, into: &table)
            dialect.compactCell(score.value, into: &table)
            table.cell(score.status.rawValue)
            table.endRow()
        }
        return table
    }

    /// `indicators.csv`: the province roll-up per indicator.
    public static func indicators(_ rollups: [ProvinceRollup], context: ReportContext, dialect: CSVDialect = .standard) -> CSVTableWriter {
        var table = dialect.table(header: indicatorsHeader)
        for rollup in rollups {
            let indicator = context.indicators[rollup.indicatorCode]
            table.append([rollup.indicatorCode, indicator?.nameVi ?? "", indicator.map { String($0.domain) } ?? ""]
                         + [rollup.target, rollup.value, rollup.min, rollup.median, rollup.max].map(dialect.compact)
                         + [rollup.met, rollup.missed, rollup.missing].map(String.init))
        }
        return table
    }

    /// `rejections.csv`: one row per error of each rejected file of this province and period.
    public static func rejections(_ rejections: [Rejection], dialect: CSVDialect = .standard) -> CSVTableWriter {
        var table = dialect.table(header: rejectionsHeader)
        for r in rejections {
            table.append([r.file, r.line.map(String.init) ?? "", r.column.map(String.init) ?? "", r.unitCode ?? "", r.message])
        }
        return table
    }
}
