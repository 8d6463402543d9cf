#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// One batch at a time per warehouse: an exclusive `flock(2)` on `<warehouse>.lock`, released when
/// the process ends however it ends (so a lock that can be taken means no live batch owns the
/// warehouse). A second batch is refused at once with `BatchBusy`; it never waits.
public final class BatchLock {
    private let descriptor: Int32

    /// Takes the batch lock of the warehouse at `warehousePath`.
    public convenience init(warehousePath: String) throws {
        try WarehouseAccess.requireWritable(warehousePath)
        try self.init(lockPath: warehousePath + ".lock",
                      busy: "another cchc batch is running on \(warehousePath); wait for it to finish, then run again")
    }

    /// Takes an exclusive lock on `lockPath` (created when missing); throws `BatchBusy(busy)` when
    /// another process holds it.
    public init(lockPath: String, busy: String) throws {
        let fd = open(lockPath, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
        guard fd >= 0 else {
            throw PipelineError("cannot create the lock file \(lockPath): \(String(cString: strerror(errno)))")
        }
        guard flock(fd, LOCK_EX | LOCK_NB) == 0 else {
            close(fd)
            throw BatchBusy(description: busy)
        }
        descriptor = fd
    }

    deinit {
        flock(descriptor, LOCK_UN)
        close(descriptor)
    }
}

/// The warehouse is being written by another batch (or the daemon lock is held by another daemon).
public struct BatchBusy: Error, CustomStringConvertible, Sendable {
    public let description: String

    public init(description: String) {
        self.description = description
    }
}
