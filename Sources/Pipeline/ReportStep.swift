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
    }

    let store: WarehouseStore

    public init(store: WarehouseStore) {
        self.store = store
    }

    public func run(scores: PeriodScores, reportsRoot: String, asOf: String) throws -> Outcome {
        let reference = try store.reference()
        let names = Dictionary(reference.units.map { ($0.code, $0.name) }, uniquingKeysWith: { a, _ in a })
        let provinces = reference.units.filter { $0.level == .province && $0.takesPart(in: scores.period) }
        let withCommunes = Set(scores.units.map(\.provinceCode))
        var outcome = Outcome(folders: [], failures: [])
        for province in provinces where withCommunes.contains(province.code) {
            let folder = "\(reportsRoot)/\(scores.period)/\(province.code)"
            do {
                let context = ReportContext(period: scores.period, province: province, unitNames: names, indicators: reference.indicators,
                                            rejections: try store.rejections(provinceCode: province.code, period: scores.period), asOf: asOf)
                _ = try ReportWriter.write(scores: scores, context: context, directory: folder)
                outcome.folders.append(folder)
            } catch {
                outcome.failures.append((province.code, "\(folder): \(Self.reason(error))"))
            }
        }
        return outcome
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
