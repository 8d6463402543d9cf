import CCHCCore
import Reporting
import Warehouse

/// Writes `Reports/<period>/<province_code>/` for every province taking part in the period.
public struct ReportStep {
    let store: WarehouseStore

    public init(store: WarehouseStore) {
        self.store = store
    }

    /// Returns the folders written, one per province.
    public func run(scores: PeriodScores, reportsRoot: String, asOf: String) throws -> [String] {
        let reference = try store.reference()
        let names = Dictionary(reference.units.map { ($0.code, $0.name) }, uniquingKeysWith: { a, _ in a })
        let provinces = reference.units.filter { $0.level == .province && $0.takesPart(in: scores.period) }
        let withCommunes = Set(scores.units.map(\.provinceCode))
        var folders: [String] = []
        for province in provinces where withCommunes.contains(province.code) {
            let context = ReportContext(period: scores.period, province: province, unitNames: names, indicators: reference.indicators,
                                        rejections: try store.rejections(provinceCode: province.code, period: scores.period), asOf: asOf)
            let folder = "\(reportsRoot)/\(scores.period)/\(province.code)"
            _ = try ReportWriter.write(scores: scores, context: context, directory: folder)
            folders.append(folder)
        }
        return folders
    }
}
