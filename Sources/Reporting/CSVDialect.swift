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
        x.map { Rounding.fixed($0, separator: decimalMark) } ?? ""
    }

    /// A target or value: integers bare, else up to 2 decimals with trailing zeros dropped.
    func compact(_ x: Double?) -> String {
        guard let x else { return "" }
        let text = Rounding.compact(x)
        return decimalMark == "." ? text : text.replacingOccurrences(of: ".", with: String(decimalMark))
    }

    /// An empty table in this dialect.
    func table(header: [String]) -> CSVTableWriter {
        CSVTableWriter(header: header, separator: separator)
    }
}
