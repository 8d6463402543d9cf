#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Synchronization

/// Crash injection for the reliability tests (issue 8): with `CCHC_FAULT_POINT=<name>[:<n>]` in the
/// environment, the process kills itself with SIGKILL — no cleanup, no `defer`, exactly like a power
/// cut or `kill -9` — the `n`-th time (default 1) it reaches the point called `name`. Unset (always, in
/// production), `reach` is one comparison. The points:
///
/// | name | where |
/// |---|---|
/// | `migration` | inside a migration's transaction, its SQL run, before COMMIT |
/// | `import.file` | inside a file's import transaction, every row and the file's record written, before COMMIT |
/// | `import.committed` | after a file's import committed |
/// | `score.save` | scores computed, before they are stored |
/// | `score.write` | inside the transaction storing a period's scores, every row written, before COMMIT |
/// | `report.file` | after each report file is renamed into place |
/// | `run.finish` | every step done, before the run is recorded as succeeded |
public enum FaultPoint {
    static let armed: (name: String, count: Int)? = {
        guard let raw = getenv("CCHC_FAULT_POINT").map({ String(cString: $0) }), !raw.isEmpty else { return nil }
        let parts = raw.split(separator: ":", maxSplits: 1)
        return (String(parts[0]), parts.count == 2 ? Int(parts[1]) ?? 1 : 1)
    }()
    static let hits = Atomic<Int>(0)

    /// Kills the process here when this is the armed point's `n`-th visit.
    @inline(__always)
    public static func reach(_ name: String) {
        guard let armed, armed.name == name else { return }
        if hits.add(1, ordering: .relaxed).newValue == armed.count {
            kill(getpid(), SIGKILL)
        }
    }
}
