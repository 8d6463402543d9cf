import ArgumentParser
import Pipeline
import Warehouse

extension CCHC {
    struct Status: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Show the recent runs recorded in the warehouse and how they ended.")

        @Option(help: "Warehouse file (SQLite).")
        var warehouse: String = "Warehouse/warehouse.sqlite"

        @Option(help: "How many runs to show.")
        var limit: Int = 10

        func run() throws {
            let store = try WarehouseStore(path: warehouse)
            for run in try store.recentRuns(limit: limit) {
                print("\(run.id)\t\(run.startedAt)\t\(run.job)\t\(run.period ?? "-")\t\(run.status)\(run.message.map { "\t\($0)" } ?? "")")
            }
        }
    }
}
