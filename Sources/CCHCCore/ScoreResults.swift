/// A value in force for one commune, period and indicator, as the scorer sees it.
public struct ReportedValue: Sendable, Equatable {
    public var unitCode: String
    public var indicatorCode: String
    /// nil = missing (blank).
    public var value: Double?
    public var numerator: Double?
    public var denominator: Double?

    public init(unitCode: String, indicatorCode: String, value: Double?, numerator: Double? = nil, denominator: Double? = nil) {
        self.unitCode = unitCode
        self.indicatorCode = indicatorCode
        self.value = value
        self.numerator = numerator
        self.denominator = denominator
    }
}

/// Met, missed or missing: how one commune did on one targeted indicator.
public enum IndicatorStatus: String, Sendable, CaseIterable {
    case met, missed, missing
}

/// Whether a commune was ranked in a period, and if not, why.
public enum UnitStatus: String, Sendable, CaseIterable {
    case ranked
    case notSubmitted = "not_submitted"
    case noTargets = "no_targets"
}

/// One commune's result on one targeted indicator: the explanation of its score.
public struct IndicatorScore: Sendable, Equatable {
    public enum TargetScope: String, Sendable { case commune, province }

    public var unitCode: String
    public var indicatorCode: String
    public var target: Double
    public var targetScope: TargetScope
    public var value: Double?
    public var attainment: Double
    public var weight: Double
    public var status: IndicatorStatus

    public init(unitCode: String, indicatorCode: String, target: Double, targetScope: TargetScope, value: Double?,
                attainment: Double, weight: Double, status: IndicatorStatus) {
        self.unitCode = unitCode
        self.indicatorCode = indicatorCode
        self.target = target
        self.targetScope = targetScope
        self.value = value
        self.attainment = attainment
        self.weight = weight
        self.status = status
    }
}

/// One commune's standing in a period.
public struct UnitScore: Sendable, Equatable {
    public var unitCode: String
    public var provinceCode: String
    public var status: UnitStatus
    /// Total score 0...100, unrounded; nil unless ranked.
    public var score: Double?
    /// Domain scores d1...d8 (index 0 = domain 1); nil where the domain has no targeted indicator.
    public var domainScores: [Double?]
    public var met: Int?
    public var missed: Int?
    public var missing: Int?
    public var rank: Int?
    /// Previous period's rank minus this rank; nil when not ranked in either.
    public var rankChange: Int?

    public init(unitCode: String, provinceCode: String, status: UnitStatus, score: Double? = nil,
                domainScores: [Double?] = Array(repeating: nil, count: Indicator.domainCount),
                met: Int? = nil, missed: Int? = nil, missing: Int? = nil, rank: Int? = nil, rankChange: Int? = nil) {
        self.unitCode = unitCode
        self.provinceCode = provinceCode
        self.status = status
        self.score = score
        self.domainScores = domainScores
        self.met = met
        self.missed = missed
        self.missing = missing
        self.rank = rank
        self.rankChange = rankChange
    }
}

/// One indicator rolled up over a province's communes.
public struct ProvinceRollup: Sendable, Equatable {
    public var provinceCode: String
    public var indicatorCode: String
    /// The province-level target; nil when only communes set one.
    public var target: Double?
    public var value: Double?
    public var min: Double?
    public var median: Double?
    public var max: Double?
    public var met: Int
    public var missed: Int
    public var missing: Int

    public init(provinceCode: String, indicatorCode: String, target: Double?, value: Double?, min: Double?, median: Double?,
                max: Double?, met: Int, missed: Int, missing: Int) {
        self.provinceCode = provinceCode
        self.indicatorCode = indicatorCode
        self.target = target
        self.value = value
        self.min = min
        self.median = median
        self.max = max
        self.met = met
        self.missed = missed
        self.missing = missing
    }
}

/// Everything scoring one period produces.
public struct PeriodScores: Sendable {
    public var period: Period
    /// Communes in report order: per province (by code), ranked by rank then code, then the unranked by code.
    public var units: [UnitScore]
    /// Per commune and targeted indicator, ordered by commune code then indicator code.
    public var indicators: [IndicatorScore]
    /// Per province and indicator, ordered by province code then indicator code.
    public var rollups: [ProvinceRollup]

    public init(period: Period, units: [UnitScore], indicators: [IndicatorScore], rollups: [ProvinceRollup]) {
        self.period = period
        self.units = units
        self.indicators = indicators
        self.rollups = rollups
    }
}

/// One error of a rejected submission, as reported to the province (rejections.csv).
public struct Rejection: Sendable, Equatable {
    /// The file's path inside the inbox.
    public var file: String
    public var line: Int?
    public var column: Int?
    public var unitCode: String?
    public var code: String
    /// For the commune clerk (Vietnamese).
    public var message: String

    public init(file: String, line: Int?, column: Int?, unitCode: String?, code: String, message: String) {
        self.file = file
        self.line = line
        self.column = column
        self.unitCode = unitCode
        self.code = code
        self.message = message
    }
}
