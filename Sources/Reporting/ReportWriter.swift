import CCHCCore
import Foundation
import Synchronization
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Writes one province's report folder. Each file is written to a temporary name and renamed into
/// place, so a crash never leaves a half-written report where a good one was.
public enum ReportWriter {
    /// The files of a province's folder, in the order they are written.
    public static let fileNames = ["ranking.csv", "missed-targets.csv", "indicators.csv", "rejections.csv", "report.html"]

    /// Writes the files for `context.province` into `directory` and returns their paths. Besides the
    /// contract's CSV files, each extra dialect (say `.excelVietnamese`) writes the four CSV files
    /// again into its own sub-folder (`excel-vi/`).
    public static func write(scores: PeriodScores, context: ReportContext, directory: String,
                             extraDialects: [CSVDialect] = []) throws -> [String] {
        let province = context.province.code
        let units = scores.units.filter { $0.provinceCode == province }
        let communes = Set(units.map(\.unitCode))
        // A commune's scores are adjacent: one set lookup per commune.
        var lastUnit: String?, inProvince = false
        let indicatorScores = scores.indicators.filter { score in
            if score.unitCode != lastUnit {
                lastUnit = score.unitCode
                inProvince = communes.contains(score.unitCode)
            }
            return inProvince
        }
        let rollups = scores.rollups.filter { $0.provinceCode == province }
        func csvFiles(_ dialect: CSVDialect) -> [(String, [UInt8])] {
            [("ranking.csv", CSVReports.ranking(units, context: context, dialect: dialect).bytes),
             ("missed-targets.csv", CSVReports.missedTargets(indicatorScores, context: context, dialect: dialect).bytes),
             ("indicators.csv", CSVReports.indicators(rollups, context: context, dialect: dialect).bytes),
             ("rejections.csv", CSVReports.rejections(context.rejections, dialect: dialect).bytes)]
        }
        var files = csvFiles(.standard)
        files.append(("report.html", HTMLReport.page(units: units, indicatorScores: indicatorScores, rollups: rollups, context: context)))
        for dialect in extraDialects {
            guard let folder = dialect.folder else { continue }
            files += csvFiles(dialect).map { (folder + "/" + $0.0, $0.1) }
        }
        return try write(files, into: directory)
    }

    /// Held from a file's temporary name to its rename (and the fault point after it).
    static let fileInFlight = Mutex<Void>(())

    /// Writes each (relative path, bytes) under `directory`, atomically, creating folders as needed.
    static func write(_ files: [(String, [UInt8])], into directory: String) throws -> [String] {
        var written: [String] = []
        for (name, bytes) in files {
            let path = directory + "/" + name
            try FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
            // A temporary name of our own beside the file, then rename(2): a crash mid-write leaves at most
            // `.<name>.partial`, which the next run overwrites (Foundation's `.atomic` left a new
            // `.dat.nosync…` behind each time; found by the issue 8 kill tests).
            let folder = (path as NSString).deletingLastPathComponent, base = (path as NSString).lastPathComponent
            let temporary = folder + "/." + base + ".partial"
            // One file in flight at a time in the whole process, though provinces render side by
            // side: a kill still leaves at most one `.partial`, as when provinces were written in turn.
            try fileInFlight.withLock { _ in
                do {
                    try writeWhole(bytes, to: temporary)
                } catch {
                    unlink(temporary)
                    throw error
                }
                guard rename(temporary, path) == 0 else {
                    let reason = String(cString: strerror(errno))
                    unlink(temporary)
                    throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: path,
                                                                   NSLocalizedDescriptionKey: "cannot replace \(path): \(reason)"])
                }
                FaultPoint.reach("report.file")
            }
            written.append(path)
        }
        return written
    }

    /// Creates (or truncates) `path` and writes all of `bytes` to it with `write(2)` straight from
    /// the buffer (no Foundation `Data` copy). Errors carry the POSIX code, as Foundation's did, so
    /// the report step names the reason (`No space left on device`).
    static func writeWhole(_ bytes: [UInt8], to path: String) throws {
        let descriptor = systemOpen(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o666)
        guard descriptor >= 0 else { throw posixError(path) }
        var failure: (any Error)?
        bytes.withUnsafeBytes { buffer in
            var offset = 0
            while offset < buffer.count {
                let count = systemWrite(descriptor, buffer.baseAddress.map { $0 + offset }, buffer.count - offset)
                if count < 0 {
                    if errno == EINTR { continue }
                    failure = posixError(path)
                    return
                }
                offset += count
            }
        }
        // close(2) can report a delayed write error (NFS, quota); a file that did not close cleanly is not written.
        if systemClose(descriptor) != 0, failure == nil { failure = posixError(path) }
        if let failure { throw failure }
    }

    /// The current `errno` as an `NSError` in `NSPOSIXErrorDomain`, the form `ReportStep.reason` reads.
    static func posixError(_ path: String) -> NSError {
        NSError(domain: NSPOSIXErrorDomain, code: Int(errno), userInfo: [NSFilePathErrorKey: path])
    }
}

extension ReportWriter {
    /// Writes `national.csv` and `national.html` into `directory` (the period's folder), plus the
    /// CSV again in each extra dialect's sub-folder; returns the paths.
    public static func writeNational(_ report: NationalReport, into directory: String, extraDialects: [CSVDialect] = []) throws -> [String] {
        var files: [(String, [UInt8])] = [("national.csv", report.csv().bytes), ("national.html", report.htmlBytes())]
        for dialect in extraDialects {
            guard let folder = dialect.folder else { continue }
            files.append((folder + "/national.csv", report.csv(dialect: dialect).bytes))
        }
        return try write(files, into: directory)
    }
}

// `ReportWriter.write` hides the C functions of the same names inside the type.
private func systemOpen(_ path: String, _ flags: Int32, _ mode: mode_t) -> Int32 { open(path, flags, mode) }
private func systemWrite(_ descriptor: Int32, _ buffer: UnsafeRawPointer?, _ count: Int) -> Int { write(descriptor, buffer, count) }
private func systemClose(_ descriptor: Int32) -> Int32 { close(descriptor) }
