import CCHCCore

/// What scoring one period needs, read from the warehouse in bulk.
public struct ScoringInput: Sendable {
    public var period: Period
    /// Every unit (provinces and communes); those not taking part in the period are skipped.
    public var units: [AdministrativeUnit]
    public var indicators: [Indicator]
    /// The targets of the period's year (others are ignored).
    public var targets: [Target]
    /// The values in force for the period.
    public var valueTable: ValueTable
    /// Communes with an accepted submission in force for the period.
    public var submitted: Set<String>
    /// Ranks of the previous period of the same kind (communes ranked then).
    public var previousRanks: [String: Int]

    public init(period: Period, units: [AdministrativeUnit], indicators: [Indicator], targets: [Target],
                valueTable: ValueTable, submitted: Set<String>, previousRanks: [String: Int] = [:]) {
        self.period = period
        self.units = units
        self.indicators = indicators
        self.targets = targets
        self.valueTable = valueTable
        self.submitted = submitted
        self.previousRanks = previousRanks
    }

    public init(period: Period, units: [AdministrativeUnit], indicators: [Indicator], targets: [Target],
                values: [ReportedValue], submitted: Set<String>, previousRanks: [String: Int] = [:]) {
        self.init(period: period, units: units, indicators: indicators, targets: targets, valueTable: ValueTable(values),
                  submitted: submitted, previousRanks: previousRanks)
    }

    /// The values in force as code-keyed `ReportedValue`s.
    public var values: [ReportedValue] { valueTable.reported }
}
