import CCHCCore

/// How the CSV reports write their cells: the contract's dialect (`,` between cells, `.` as decimal
/// mark), or the one a Vietnamese-locale Excel opens by double-click (`;` between cells, `,` as
/// decimal mark). Columns, BOM, quoting and formula neutralisation are the same in both.
public struct CSVDialect: Sendable, Equatable {
    public var separator: Character
    public var decimalMark: Character
    /// The folder name of the variant inside a province's report folder; nil for the contract's files.
    public var folder: String?

    /// BRIEF §5.2: `,` and `.`.
    public static let standard = CSVDialect(separator: ",", decimalMark: ".", folder: nil)
    /// Excel with Vietnamese regional settings: `;` and `,`, written to `excel-vi/`.
    public static let excelVietnamese = CSVDialect(separator: ";", decimalMark: ",", folder: "excel-vi")

    /// A score: exactly 2 decimals (`87.50`, or `87,50`).
    func fixed(_ x: Double?) -> String {
        guard let x else { return "" }
        // Rounding's own text beyond what 2 decimals can count (a hostile 7e67), or for a mark outside ASCII.
        guard let mark = decimalMark.asciiValue, x.isFinite, (x * 100).magnitude < 9e18 else {
            return Rounding.fixed(x, separator: decimalMark)
        }
        return DecimalText.make(Rounding.scaled(x), places: 2, droppingTrailingZeros: false, mark: mark, thousands: nil)
    }

    /// A target or value: integers bare, else up to 2 decimals with trailing zeros dropped.
    func compact(_ x: Double?) -> String {
        guard let x else { return "" }
        guard let mark = decimalMark.asciiValue, x.isFinite, (x * 100).magnitude < 9e18 else {
            let text = Rounding.compact(x)
            return decimalMark == "." ? text : text.replacingOccurrences(of: ".", with: String(decimalMark))
        }
        return DecimalText.make(Rounding.scaled(x), places: 2, droppingTrailingZeros: true, mark: mark, thousands: nil)
    }

    /// `compact(x)` as the next cell of `table`, without a `String` between.
    func compactCell(_ x: Double?, into table: inout CSVTableWriter) {
        guard let x, let mark = decimalMark.asciiValue, x.isFinite, (x * 100).magnitude < 9e18 else { return table.cell(compact(x)) }
        DecimalText.withBytes(Rounding.scaled(x), places: 2, droppingTrailingZeros: true, mark: mark, thousands: nil) {
            table.cell(utf8: $0)
        }
    }

    /// An empty table in this dialect.
    func table(header: [String]) -> CSVTableWriter {
        CSVTableWriter(header: header, separator: separator)
    }
}
