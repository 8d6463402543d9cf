import CCHCCore
import Foundation

/// Writes one province's report folder. Each file is written to a temporary name and renamed into
/// place, so a crash never leaves a half-written report where a good one was.
public enum ReportWriter {
    /// Writes the files for `context.province` into `directory` and returns their paths.
    public static func write(scores: PeriodScores, context: ReportContext, directory: String) throws -> [String] {
        let province = context.province.code
        let units = scores.units.filter { $0.provinceCode == province }
        let communes = Set(units.map(\.unitCode))
        let indicatorScores = scores.indicators.filter { communes.contains($0.unitCode) }
        let rollups = scores.rollups.filter { $0.provinceCode == province }
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        let files: [(String, [UInt8])] = [
            ("ranking.csv", CSVReports.ranking(units, context: context).bytes),
            ("missed-targets.csv", CSVReports.missedTargets(indicatorScores, context: context).bytes),
            ("indicators.csv", CSVReports.indicators(rollups, context: context).bytes),
            ("rejections.csv", CSVReports.rejections(context.rejections).bytes),
            ("report.html", Array(HTMLReport.render(units: units, indicatorScores: indicatorScores, rollups: rollups, context: context).utf8)),
        ]
        var written: [String] = []
        for (name, bytes) in files {
            let path = directory + "/" + name
            try Data(bytes).write(to: URL(fileURLWithPath: path), options: .atomic)
            written.append(path)
        }
        return written
    }
}
