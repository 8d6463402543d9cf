import CCHCCore

/// What a province's report needs besides the scores: names, indicators, rejections, the date.
public struct ReportContext: Sendable {
    public var period: Period
    public var province: AdministrativeUnit
    public var unitNames: [String: String]
    public var indicators: [String: Indicator]
    /// Errors of the rejected files of this province and period.
    public var rejections: [Rejection]
    /// The batch date, `yyyy-mm-dd` (fixed with `--as-of` for reproducible reports).
    public var asOf: String

    public init(period: Period, province: AdministrativeUnit, unitNames: [String: String], indicators: [Indicator],
                rejections: [Rejection], asOf: String) {
        self.period = period
        self.province = province
        self.unitNames = unitNames
        self.indicators = Dictionary(indicators.map { ($0.code, $0) }, uniquingKeysWith: { a, _ in a })
        self.rejections = rejections
        self.asOf = asOf
    }
}
