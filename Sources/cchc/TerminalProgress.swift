#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import CCHCCore
import Foundation
import Pipeline
import Synchronization

/// Progress on stderr (BRIEF §7). Every line goes there as it is; on a terminal the import also shows
/// a bar, `import 2025-Q3 [██████░░░░] 57/107 files`, redrawn in place and wiped before the next line,
/// so logs and pipes (not terminals) never see control characters.
final class TerminalProgress: Sendable {
    static let standardError = TerminalProgress(isTerminal: isatty(STDERR_FILENO) == 1)

    private let isTerminal: Bool
    /// Whether a bar is on screen (to be wiped before the next line).
    private let barShown = Mutex(false)

    init(isTerminal: Bool) {
        self.isTerminal = isTerminal
    }

    func line(_ text: String) {
        barShown.withLock { shown in
            // A file name or cell quoted in the line never reaches the terminal as a control sequence.
            write((shown ? "\r\u{1B}[K" : "") + text.withVisibleControls(keepingNewlines: true) + "\n")
            shown = false
        }
    }

    func filesImported(_ period: Period, done: Int, total: Int) {
        guard isTerminal, total > 0 else { return }
        barShown.withLock { shown in
            write("\r\u{1B}[K" + Self.bar(period: period, done: done, total: total))
            shown = true
        }
    }

    /// The batch's environment with this display told about every file imported.
    var batchEnvironment: Batch.Environment {
        var environment = Batch.Environment.live
        environment.fileImported = { [self] period, done, total in filesImported(period, done: done, total: total) }
        return environment
    }

    static func bar(period: Period, done: Int, total: Int, width: Int = 30) -> String {
        let filled = total == 0 ? width : min(width, done * width / total)
        return "import \(period) [" + String(repeating: "█", count: filled) + String(repeating: "░", count: width - filled)
            + "] \(done)/\(total) files"
    }

    private func write(_ text: String) {
        FileHandle.standardError.write(Data(text.utf8))
    }
}
