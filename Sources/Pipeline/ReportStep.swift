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
    /// Threads rendering provinces side by side.
    let workers: Int

    /// `excelVietnamese`: also write the CSV files for Vietnamese-locale Excel (`;`, decimal comma).
    public init(store: WarehouseStore, excelVietnamese: Bool = false, workers: Int = ProcessInfo.processInfo.activeProcessorCount) {
        self.store = store
        self.extraDialects = excelVietnamese ? [.excelVietnamese] : []
        self.workers = workers
    }

    public func run(scores: PeriodScores, reportsRoot: String, asOf: String) throws -> Outcome {
        let reference = try store.reference()
        let names = Dictionary(reference.units.map { ($0.code, $0.name) }, uniquingKeysWith: { a, _ in a })
        let provinces = reference.units.filter { $0.level == .province && $0.takesPart(in: scores.period) }
        let withCommunes = Set(scores.units.map(\.provinceCode))
        let received = try store.submissionTimes(scores.period)
        let partition = Partition(scores)
        // The warehouse reads first, here on the connection's thread; then the provinces are
        // rendered and written side by side (issue 7), their outcomes kept in province order.
        let compared = provinces.filter { withCommunes.contains($0.code) }
        let jobs = compared.map { province -> ProvinceJob in
            let folder = "\(reportsRoot)/\(scores.period)/\(province.code)"
            do {
                let context = ReportContext(period: scores.period, province: province, unitNames: names, indicators: reference.indicators,
                                            rejections: try store.rejections(provinceCode: province.code, period: scores.period), asOf: asOf,
                                            receivedAt: received,
                                            changes: try store.submissionChanges(provinceCode: province.code, period: scores.period))
                return ProvinceJob(province: province.code, folder: folder, context: .read(context))
            } catch {
                return ProvinceJob(province: province.code, folder: folder, context: .unreadable(Self.reason(error)))
            }
        }
        let extraDialects = extraDialects, indicators = reference.indicators
        let periodFolder = "\(reportsRoot)/\(scores.period)"
        // The national comparison, when several provinces take part, is one more piece of work,
        // handed out first so that it runs beside the provinces rather than after them.
        let withNational = compared.count > 1
        let skip = withNational ? 1 : 0
        let pieces = FanOut.map(count: skip + jobs.count, workers: workers) { index -> Piece in
            guard index >= skip else {
                let national = NationalReport(scores: scores, provinces: compared, indicators: indicators, asOf: asOf)
                do {
                    return .national(try ReportWriter.writeNational(national, into: periodFolder, extraDialects: extraDialects))
                } catch {
                    return .failed("\(periodFolder)/national.*: \(Self.reason(error))")
                }
            }
            let job = jobs[index - skip]
            return Self.write(job, scores: partition.scores(of: job.province, in: scores), extraDialects: extraDialects)
        }
        var outcome = Outcome(folders: [], failures: [])
        for (job, piece) in zip(jobs, pieces.dropFirst(skip)) {
            if case .failed(let reason) = piece { outcome.failures.append((job.province, reason)) } else { outcome.folders.append(job.folder) }
        }
        if withNational {
            switch pieces[0] {
            case .national(let paths): outcome.national = paths
            case .failed(let reason): outcome.failures.append(("national", reason))
            case .written: break
            }
        }
        return outcome
    }

    /// Writes one province's folder (on a worker thread: no warehouse access here).
    static func write(_ job: ProvinceJob, scores: PeriodScores, extraDialects: [CSVDialect]) -> Piece {
        switch job.context {
        case .unreadable(let reason):
            return .failed("\(job.folder): \(reason)")
        case .read(let context):
            do {
                _ = try ReportWriter.write(scores: scores, context: context, directory: job.folder, extraDialects: extraDialects)
                return .written
            } catch {
                return .failed("\(job.folder): \(reason(error))")
            }
        }
    }

    /// How one piece of the step's work ended.
    enum Piece: Sendable {
        case written
        /// The national comparison's files.
        case national([String])
        /// Why not, with the folder or files that could not be written.
        case failed(String)
    }

    /// A province to write: its folder, and its context read from the warehouse, or why it could not be.
    struct ProvinceJob: Sendable {
        enum Context: Sendable {
            case read(ReportContext)
            case unreadable(String)
        }

        var province: String
        var folder: String
        var context: Context
    }

    /// Where each province's rows are in `scores`, found in one pass: the writer is then handed a
    /// province's few thousand rows, not the country's ~270,000 (filtered 34 times), and only one
    /// province's copy per worker exists at a time (issue 7).
    struct Partition {
        var units: [String: [Int32]] = [:]
        var indicators: [String: [Int32]] = [:]
        var rollups: [String: [Int32]] = [:]

        init(_ scores: PeriodScores) {
            var provinceOf: [String: String] = [:]
            for (i, unit) in scores.units.enumerated() {
                provinceOf[unit.unitCode] = unit.provinceCode
                units[unit.provinceCode, default: []].append(Int32(i))
            }
            var last: (unit: String, province: String?) = ("", nil)
            for (i, score) in scores.indicators.enumerated() {
                if score.unitCode != last.unit { last = (score.unitCode, provinceOf[score.unitCode]) }
                if let province = last.province { indicators[province, default: []].append(Int32(i)) }
            }
            for (i, rollup) in scores.rollups.enumerated() { rollups[rollup.provinceCode, default: []].append(Int32(i)) }
        }

        /// The scores of `province`, in their original order.
        func scores(of province: String, in scores: PeriodScores) -> PeriodScores {
            PeriodScores(period: scores.period, units: (units[province] ?? []).map { scores.units[Int($0)] },
                         indicators: (indicators[province] ?? []).map { scores.indicators[Int($0)] },
                         rollups: (rollups[province] ?? []).map { scores.rollups[Int($0)] })
        }
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
