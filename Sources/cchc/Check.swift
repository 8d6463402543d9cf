import ArgumentParser
import Pipeline

extension CCHC {
    struct Check: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Validate submission files without touching the warehouse.",
            discussion: "Prints every error as file:line:column: message. Exit status 0 when all files are acceptable, 1 otherwise.")

        @Option(help: "Reference data folder (units.csv, indicators.csv, targets.csv).")
        var reference: String = "Warehouse/reference"

        @Argument(help: "Submission files (.csv).")
        var files: [String]

        func validate() throws {
            if files.isEmpty { throw ValidationError("give at least one file to check") }
        }

        func run() throws {
            let results = try Pipeline.Check.run(files: files, referenceDirectory: reference)
            var failed = 0
            for result in results {
                for warning in result.warnings { progress("warning: \(warning)") }
                for error in result.errors { print(error.description.withVisibleControls()) }
                if !result.errors.isEmpty { failed += 1 }
            }
            progress("\(results.count - failed) of \(results.count) files acceptable")
            if failed > 0 { throw ExitCode(1) }
        }
    }
}
