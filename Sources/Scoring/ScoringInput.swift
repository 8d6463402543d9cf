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
    public var values: [ReportedValue]
    /// Communes with an accepted submission in force for the period.
    public var submitted: Set<String>
    /// Ranks of the previous period of the same kind (communes ranked then).
    public var previousRanks: [String: Int]

    public init(period: Period, units: [AdministrativeUnit], indicators: [Indicator], targets: [Target],
                values: [ReportedValue], submitted: Set<String>, previousRanks: [String: Int] = [:]) {
        self.period = period
        self.units = units
        self.indicators = indicators
        self.targets = targets
        self.values = values
        self.submitted = submitted
        self.previousRanks = previousRanks
    }
}
