import CCHCCore

/// The national comparison (`Reports/<period>/national.csv` and `national.html`), written when the
/// warehouse holds several provinces: the provinces side by side on their province roll-ups and on
/// the share of their communes meeting each target. It holds only province-level figures — no
/// commune appears in it — so each province's own folder still shows only its own communes.
public struct NationalReport: Sendable {
    public static let header = ["indicator_code", "indicator_name", "domain", "province_code", "province_name", "target", "value",
                                "met", "missed", "missing", "met_share"]

    let scores: PeriodScores
    /// The provinces compared, in Vietnamese alphabetical order of their names.
    let provinces: [AdministrativeUnit]
    let indicators: [String: Indicator]
    let asOf: String
    /// The roll-ups by province and indicator code.
    let rollups: [String: ProvinceRollup]

    public init(scores: PeriodScores, provinces: [AdministrativeUnit], indicators: [Indicator], asOf: String) {
        self.scores = scores
        // By name without "Tỉnh"/"Thành phố", in Vietnamese alphabetical order (Đ after every D, ties by
        // code point: `VietnameseCollation.precedes` with each key made once), then code.
        self.provinces = provinces.map { province in
            let name = ReportContext.placeName(province.name)
            return (key: VietnameseCollation.sortKey(name), name: name, unit: province)
        }
        .sorted { a, b in
            if a.name == b.name { return a.unit.code < b.unit.code }
            return a.key != b.key ? a.key < b.key : a.name < b.name
        }
        .map(\.unit)
        self.indicators = Dictionary(indicators.map { ($0.code, $0) }, uniquingKeysWith: { a, _ in a })
        self.asOf = asOf
        self.rollups = Dictionary(scores.rollups.map { ($0.provinceCode + "\u{1F}" + $0.indicatorCode, $0) }, uniquingKeysWith: { a, _ in a })
    }

    /// The indicators any province rolled up, in code order.
    var indicatorCodes: [String] {
        Array(Set(scores.rollups.map(\.indicatorCode))).sorted()
    }

    /// The roll-up of `indicator` in `province`, if the province's communes had a target for it.
    func rollup(_ province: String, _ indicator: String) -> ProvinceRollup? {
        rollups[province + "\u{1F}" + indicator]
    }

    func indicatorName(_ code: String) -> String {
        indicators[code].flatMap { $0.nameVi.isEmpty ? nil : $0.nameVi } ?? code
    }

    /// The share of communes with a target that met it, 0...100; nil when none had one.
    static func metShare(_ r: ProvinceRollup) -> Double? {
        let total = r.met + r.missed + r.missing
        return total > 0 ? 100 * Double(r.met) / Double(total) : nil
    }

    /// `national.csv`: one row per indicator and province (long format, for pivot tables), indicator
    /// code order then provinces in Vietnamese alphabetical order of their names. `met_share` is the percentage of the province's
    /// communes with a target that met it, 2 decimals.
    public func csv(dialect: CSVDialect = .standard) -> CSVTableWriter {
        var table = dialect.table(header: Self.header)
        for code in indicatorCodes {
            for province in provinces {
                guard let r = rollup(province.code, code) else { continue }
                table.append([code, indicatorName(code), indicators[code].map { String($0.domain) } ?? "", province.code, province.name,
                              dialect.compact(r.target), dialect.compact(r.value), String(r.met), String(r.missed), String(r.missing),
                              dialect.fixed(Self.metShare(r))])
            }
        }
        return table
    }

    /// Per province: communes taking part, ranked, mean score and communes that met every target.
    struct ProvinceSummary {
        var province: AdministrativeUnit
        var communes: Int
        var ranked: Int
        var metAll: Int
        var meanScore: Double?
    }

    var summaries: [ProvinceSummary] {
        provinces.map { province in
            let units = scores.units.filter { $0.provinceCode == province.code }
            let ranked = units.filter { $0.status == .ranked }
            let values = ranked.compactMap(\.score)
            return ProvinceSummary(province: province, communes: units.count, ranked: ranked.count,
                                   metAll: ranked.filter { $0.missed == 0 && $0.missing == 0 }.count,
                                   meanScore: values.isEmpty ? nil : values.reduce(0, +) / Double(values.count))
        }
    }
}
