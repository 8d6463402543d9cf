import CCHCCore
import Foundation
import Reporting
import Warehouse

/// Writes `Reports/<period>/<province_code>/` for every province taking part in the period. Each
/// province is a tenant: one province's failure (say, its folder is not writable) is recorded and
/// the others' reports are still written.
public struct ReportStep {
    public struct Outcome: Sendable {
        /// The folders written, one per province.
        public var folders: [String]
        /// The provinces whose reports could not be written, with why.
        public var failures: [(province: String, reason: String)]
        /// `<reports>/<period>/national.csv` and `national.html`, when several provinces took part.
        public var national: [String] = []
    }

    let store: WarehouseStore
    /// CSV dialects written besides the contract's (`.excelVietnamese` into `excel-vi/`).
    let extraDialects: [CSVDialect]

    /// `excelVietnamese`: also write the CSV files for Vietnamese-locale Excel (`;`, decimal comma).
    public init(store: WarehouseStore, excelVietnamese: Bool = false) {
        self.store = store
        self.extraDialects = excelVietnamese ? [.excelVietnamese] : []
    }

    public func run(scores: PeriodScores, reportsRoot: String, asOf: String) throws -> Outcome {
        let reference = try store.reference()
        let names = Dictionary(reference.units.map { ($0.code, $0.name) }, uniquingKeysWith: { a, _ in a })
        let provinces = reference.units.filter { $0.level == .province && $0.takesPart(in: scores.period) }
        let withCommunes = Set(scores.units.map(\.provinceCode))
        var outcome = Outcome(folders: [], failures: [])
        let received = try store.submissionTimes(scores.period)
        let byProvince = Self.partition(scores)
        for province in provinces where withCommunes.contains(province.code) {
            let folder = "\(reportsRoot)/\(scores.period)/\(province.code)"
            do {
                let context = ReportContext(period: scores.period, province: province, unitNames: names, indicators: reference.indicators,
                                            rejections: try store.rejections(provinceCode: province.code, period: scores.period), asOf: asOf,
                                            receivedAt: received)
                _ = try ReportWriter.write(scores: byProvince[province.code] ?? scores, context: context, directory: folder,
                                           extraDialects: extraDialects)
                outcome.folders.append(folder)
            } catch {
                outcome.failures.append((province.code, "\(folder): \(Self.reason(error))"))
            }
        }
        let compared = provinces.filter { withCommunes.contains($0.code) }
        if compared.count > 1 {
            let national = NationalReport(scores: scores, provinces: compared, indicators: reference.indicators, asOf: asOf)
            let directory = "\(reportsRoot)/\(scores.period)"
            do {
                outcome.national = try ReportWriter.writeNational(national, into: directory, extraDialects: extraDialects)
            } catch {
                outcome.failures.append(("national", "\(directory)/national.*: \(Self.reason(error))"))
            }
        }
        return outcome
    }

    /// The scores split by province in one pass, each part in its original order: the writer then
    /// filters a province's few thousand rows, not the country's ~270,000, 34 times (issue 7).
    static func partition(_ scores: PeriodScores) -> [String: PeriodScores] {
        var parts: [String: PeriodScores] = [:]
        var provinceOf: [String: String] = [:]
        for unit in scores.units {
            provinceOf[unit.unitCode] = unit.provinceCode
            parts[unit.provinceCode, default: PeriodScores(period: scores.period, units: [], indicators: [], rollups: [])].units.append(unit)
        }
        var last: (unit: String, province: String?) = ("", nil)
        for score in scores.indicators {
            if score.unitCode != last.unit { last = (score.unitCode, provinceOf[score.unitCode]) }
            if let province = last.province { parts[province]?.indicators.append(score) }
        }
        for rollup in scores.rollups { parts[rollup.provinceCode]?.rollups.append(rollup) }
        return parts
    }

    /// Foundation's file errors print as long dictionaries; the operator needs the POSIX reason.
    static func reason(_ error: any Error) -> String {
        let nsError = error as NSError
        for candidate in [nsError, nsError.userInfo[NSUnderlyingErrorKey] as? NSError].compactMap({ $0 })
        where candidate.domain == NSPOSIXErrorDomain {
            return String(cString: strerror(Int32(candidate.code)))
        }
        if nsError.domain == NSCocoaErrorDomain, let description = nsError.userInfo[NSLocalizedDescriptionKey] as? String {
            return description
        }
        return String(describing: error)
    }
}
