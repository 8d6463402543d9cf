import CCHCCore

/// A small reference CSV read whole, with typed, located access to the cells of each row.
struct ReferenceTable {
    struct Row {
        let path: String
        let line: Int
        let fields: [String]
        let columns: [String: Int]

        func raw(_ name: String) -> String {
            guard let index = columns[name], index < fields.count else { return "" }
            return fields[index].trimmingASCIIWhitespace()
        }

        func optional(_ name: String) -> String? {
            let value = raw(name)
            return value.isEmpty ? nil : value
        }

        func text(_ name: String) throws(IngestError) -> String {
            guard let value = optional(name) else { throw error(name, "\(name) is blank; expected a value") }
            return value
        }

        /// A code: letters, digits, `_`, `.` and `-`; kept as text (leading zeros matter).
        func code(_ name: String) throws(IngestError) -> String {
            let value = try text(name)
            // Codes name report folders: `.` or `..` would put a province's reports outside its own (issue 8).
            guard value.utf8.allSatisfy(Self.isCodeByte), !value.utf8.allSatisfy({ $0 == UInt8(ascii: ".") }) else {
                throw error(name, "\(name) \"\(value)\"; expected letters, digits, '_', '.' or '-'")
            }
            return value
        }

        /// ASCII letters and digits, `_`, `.` and `-` (checked on bytes: reference files have
        /// thousands of rows, and Character tests made loading them a tenth of a country batch, issue 7).
        static func isCodeByte(_ byte: UInt8) -> Bool {
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "0")...UInt8(ascii: "9"),
                 UInt8(ascii: "_"), UInt8(ascii: "."), UInt8(ascii: "-"):
                true
            default:
                false
            }
        }

        func number(_ name: String) throws(IngestError) -> Double {
            let value = try text(name)
            guard NumberText.isPlainDecimalBytes(value), let number = Double(value) else {
                throw error(name, "\(name) \"\(value)\"; expected a number with '.' as decimal mark")
            }
            return number
        }

        func choice<T: RawRepresentable & CaseIterable>(_ name: String, _: T.Type) throws(IngestError) -> T where T.RawValue == String {
            let value = try text(name)
            guard let result = T(rawValue: value.lowercased()) else {
                let allowed = T.allCases.map(\.rawValue).joined(separator: ", ")
                throw error(name, "\(name) \"\(value)\"; expected one of \(allowed)")
            }
            return result
        }

        /// An ISO date `yyyy-mm-dd`, or nil when blank.
        func date(_ name: String) throws(IngestError) -> String? {
            guard let value = optional(name) else { return nil }
            let parts = value.split(separator: "-")
            guard parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
                  parts.allSatisfy({ $0.allSatisfy(\.isNumber) }),
                  let month = Int(parts[1]), (1...12).contains(month), let day = Int(parts[2]), (1...31).contains(day)
            else { throw error(name, "\(name) \"\(value)\"; expected a date yyyy-mm-dd") }
            return value
        }

        func error(_ name: String, _ message: String) -> IngestError {
            IngestError(code: .invalidReference,
                        location: InputLocation(path: path, line: line, column: columns[name].map { $0 + 1 }),
                        message: message)
        }
    }

    /// Reads `path`, checks the header has `required` columns, and maps each data row with `transform`.
    static func rows<T>(path: String, required: [String], optional: [String] = [], transform: (Row) throws -> T) throws -> [T] {
        var columns: [String: Int]?
        var result: [T] = []
        try CSVFile.read(path: path) { record in
            guard let header = columns else {
                var mapped: [String: Int] = [:]
                for (index, name) in record.fields.enumerated() { mapped[HeaderName.key(name)] = mapped[HeaderName.key(name)] ?? index }
                for name in required where mapped[name] == nil {
                    throw IngestError(code: .missingColumn, location: InputLocation(path: path, line: record.line),
                                      message: "the header has no column \"\(name)\"; expected columns \((required + optional).joined(separator: ","))")
                }
                columns = mapped
                return
            }
            if record.fields.allSatisfy({ $0.trimmingASCIIWhitespace().isEmpty }) { return }
            result.append(try transform(Row(path: path, line: record.line, fields: record.fields, columns: header)))
        }
        if columns == nil {
            throw IngestError(code: .emptyFile, location: InputLocation(path: path), message: "the file is empty; expected a header row")
        }
        return result
    }
}
