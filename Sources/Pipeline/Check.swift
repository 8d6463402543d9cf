import CCHCCore
import Ingest

/// `cchc check`: validates submission files against the reference data without a warehouse.
public enum Check {
    public struct FileResult: Sendable {
        public var path: String
        public var errors: [IngestError]
        public var warnings: [String]
    }

    /// Checks each file. Its province and period come from its place in an inbox
    /// (`<period>/<province>/…`) when it is in one, else from its own first row.
    public static func run(files: [String], referenceDirectory: String) throws -> [FileResult] {
        let reference = try ReferenceLoader.load(directory: referenceDirectory)
        let units = Dictionary(reference.units.map { ($0.code, $0) }, uniquingKeysWith: { a, _ in a })
        return try files.map { path in
            let (province, period) = try placement(of: path, units: units)
            let context = SubmissionContext(provinceCode: province ?? "", period: period ?? Period("2025")!, units: reference.units,
                                            indicators: reference.indicators)
            let outcome = try SubmissionReader.read(path: path, displayPath: path, context: context)
            return FileResult(path: path, errors: outcome.errors, warnings: outcome.warnings.map(\.description))
        }
    }

    /// The province and period folders above `path` when it sits in an inbox; otherwise the values
    /// the file's first data row names, so a file outside an inbox is checked on its own terms.
    static func placement(of path: String, units: [String: AdministrativeUnit]) throws -> (String?, Period?) {
        let parts = path.split(separator: "/").map(String.init)
        for index in parts.indices.dropLast(2) {
            if let period = Period(parts[index]), period.description == parts[index], units[parts[index + 1]]?.level == .province {
                return (parts[index + 1], period)
            }
        }
        var first: CSVReader.Record?
        var header: [String]?
        struct Stop: Error {}
        do {
            try CSVFile.read(path: path) { record in
                if header == nil { header = record.fields } else { first = record; throw Stop() }
            }
        } catch is Stop {
        } catch {
            return (nil, nil)
        }
        guard let header, let first else { return (nil, nil) }
        func cell(_ name: String) -> String? {
            guard let index = header.firstIndex(where: { SubmissionValidator.canonicalHeader($0) == name }), index < first.fields.count
            else { return nil }
            return first.fields[index].trimmingASCIIWhitespace()
        }
        let province = cell("unit_code").flatMap { units[$0]?.parentCode }
        return (province, cell("period").flatMap { Period($0) })
    }
}
