import ArgumentParser
import Foundation

@main
struct CCHC: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "cchc",
        abstract: "Quarter-end administrative-reform (CCHC) warehouse: load communes' submissions, score, rank, report.",
        subcommands: [Run.self, Import.self, Score.self, Report.self, Check.self, Status.self, Schedule.self, Daemon.self],
        defaultSubcommand: Run.self)

    /// Usage errors exit with 2 (BRIEF §7), other failures with 1 and `Error: <why>`.
    static func main() {
        do {
            var command = try parseAsRoot()
            try command.run()
        } catch {
            let code = exitCode(for: error)
            if code == .validationFailure {
                FileHandle.standardError.write(Data((fullMessage(for: error) + "\n").utf8))
                Foundation.exit(2)
            }
            exit(withError: error)
        }
    }
}

/// Progress and diagnostics go to stderr; results and paths to stdout.
func progress(_ line: String) {
    TerminalProgress.standardError.line(line)
}
