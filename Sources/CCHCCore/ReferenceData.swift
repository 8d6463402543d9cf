/// An administrative unit: a province or a commune (xã, phường).
public struct AdministrativeUnit: Hashable, Sendable {
    public enum Level: String, Sendable, CaseIterable { case province, commune }

    public var code: String
    public var name: String
    public var parentCode: String?
    public var level: Level
    /// ISO dates bounding the unit's existence; nil when open.
    public var validFrom: String?
    public var validTo: String?
    /// The unit that absorbed this one when it was retired.
    public var successorCode: String?

    public init(code: String, name: String, parentCode: String?, level: Level,
                validFrom: String? = nil, validTo: String? = nil, successorCode: String? = nil) {
        self.code = code
        self.name = name
        self.parentCode = parentCode
        self.level = level
        self.validFrom = validFrom
        self.validTo = validTo
        self.successorCode = successorCode
    }

    /// Whether the unit exists during `period`.
    public func takesPart(in period: Period) -> Bool {
        period.overlaps(validFrom: validFrom, validTo: validTo)
    }
}

/// An indicator (chỉ tiêu) of the reform plan.
public struct Indicator: Hashable, Sendable {
    public enum MeasureUnit: String, Sendable, CaseIterable { case percent, count, number, boolean }
    public enum Direction: String, Sendable, CaseIterable { case higher, lower }
    public enum Aggregation: String, Sendable, CaseIterable { case ratio, sum, mean }

    public var code: String
    /// 1...8, the domains (lĩnh vực) of the reform plan.
    public var domain: Int
    public var nameVi: String
    public var nameEn: String
    public var unit: MeasureUnit
    public var direction: Direction
    public var weight: Double
    public var aggregation: Aggregation

    public init(code: String, domain: Int, nameVi: String, nameEn: String, unit: MeasureUnit,
                direction: Direction, weight: Double, aggregation: Aggregation) {
        self.code = code
        self.domain = domain
        self.nameVi = nameVi
        self.nameEn = nameEn
        self.unit = unit
        self.direction = direction
        self.weight = weight
        self.aggregation = aggregation
    }

    public static let domainCount = 8
}

/// A target (chỉ tiêu kế hoạch) set by a province for all its communes, or by one commune for itself.
public struct Target: Hashable, Sendable {
    public var scopeCode: String
    public var year: Int
    public var indicatorCode: String
    public var value: Double
    public var source: String

    public init(scopeCode: String, year: Int, indicatorCode: String, value: Double, source: String) {
        self.scopeCode = scopeCode
        self.year = year
        self.indicatorCode = indicatorCode
        self.value = value
        self.source = source
    }
}

/// The three reference files, parsed.
public struct ReferenceData: Sendable {
    public var units: [AdministrativeUnit]
    public var indicators: [Indicator]
    public var targets: [Target]

    public init(units: [AdministrativeUnit], indicators: [Indicator], targets: [Target]) {
        self.units = units
        self.indicators = indicators
        self.targets = targets
    }
}
