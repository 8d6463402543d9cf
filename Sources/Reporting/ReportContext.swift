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
    /// When each commune's submission in force for the period was received: the file's modification
    /// time (UTC ISO 8601, as stored in `etl_file.mtime`), by unit code.
    public var receivedAt: [String: String]
    /// What the resubmissions in force changed, value by value.
    public var changes: [SubmissionChange]

    public init(period: Period, province: AdministrativeUnit, unitNames: [String: String], indicators: [Indicator],
                rejections: [Rejection], asOf: String, receivedAt: [String: String] = [:], changes: [SubmissionChange] = []) {
        self.period = period
        self.province = province
        self.unitNames = unitNames
        self.indicators = Dictionary(indicators.map { ($0.code, $0) }, uniquingKeysWith: { a, _ in a })
        self.rejections = rejections
        self.asOf = asOf
        self.receivedAt = receivedAt
        self.changes = changes
    }

    /// The commune's name, or its code when the reference data has none.
    func name(_ unitCode: String) -> String {
        unitNames[unitCode].flatMap { $0.isEmpty ? nil : $0 } ?? unitCode
    }

    /// The indicator's Vietnamese name, or its code.
    func indicatorName(_ code: String) -> String {
        Self.indicatorName(code, indicators[code])
    }

    /// `indicatorName` for an indicator already looked up.
    static func indicatorName(_ code: String, _ indicator: Indicator?) -> String {
        indicator.flatMap { $0.nameVi.isEmpty ? nil : $0.nameVi } ?? code
    }

    /// The reporting deadline of the 2025 plans: "trước ngày 10 của tháng cuối kỳ báo cáo" — before
    /// the 10th of the period's last month, Vietnam time (UTC+7). As `yyyy-mm-dd` of that 10th.
    public var deadline: String {
        String(period.endDate.prefix(8)) + "10"
    }

    /// Whether `unitCode`'s submission in force arrived before the deadline (00:00 on the 10th at
    /// UTC+7 is 17:00 UTC on the 9th); false when nothing was received.
    public func onTime(_ unitCode: String) -> Bool {
        guard let received = receivedAt[unitCode] else { return false }
        let day = Int(deadline.suffix(2)) ?? 10
        let cutoff = String(deadline.prefix(8)) + (day - 1 < 10 ? "0" : "") + "\(day - 1)T17:00:00"
        return received < cutoff
    }

    /// The province's name without its "Tỉnh"/"Thành phố" prefix, for "Sơn La, ngày …".
    var placeName: String { Self.placeName(province.name) }

    /// `Tỉnh Sơn La` → `Sơn La`, `Thành phố Hà Nội` → `Hà Nội`; other names unchanged.
    static func placeName(_ name: String) -> String {
        for prefix in ["Tỉnh ", "Thành phố ", "TP. "] where name.hasPrefix(prefix) {
            return String(name.dropFirst(prefix.count))
        }
        return name
    }
}
