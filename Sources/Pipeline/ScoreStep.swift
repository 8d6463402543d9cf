import CCHCCore
import Scoring
import Warehouse

/// Scores a period (and first its previous period, whose ranks give the rank change) from the
/// values in force, and stores the results.
public struct ScoreStep {
    let store: WarehouseStore
    let kernel: ScoringKernel

    public init(store: WarehouseStore, workers: Int) {
        self.store = store
        self.kernel = ScoringKernel(workers: workers)
    }

    /// Scores `period` (after its previous period when that has submissions); returns its scores.
    public func run(period: Period) throws -> PeriodScores {
        let reference = try store.reference()
        var previousRanks: [String: Int] = [:]
        let previous = try store.valuesInForce(period.previous)
        if !previous.submitted.isEmpty {
            let scores = kernel.score(input(period.previous, reference: reference, values: previous, previousRanks: [:]))
            try store.saveScores(scores)
            for unit in scores.units { if let rank = unit.rank { previousRanks[unit.unitCode] = rank } }
        } else {
            previousRanks = try store.storedRanks(period.previous)
        }
        let scores = kernel.score(input(period, reference: reference, values: try store.valuesInForce(period), previousRanks: previousRanks))
        try store.saveScores(scores)
        return scores
    }

    func input(_ period: Period, reference: ReferenceData, values: (values: [ReportedValue], submitted: Set<String>),
               previousRanks: [String: Int]) -> ScoringInput {
        ScoringInput(period: period, units: reference.units, indicators: reference.indicators,
                     targets: reference.targets.filter { $0.year == period.year }, values: values.values,
                     submitted: values.submitted, previousRanks: previousRanks)
    }
}
