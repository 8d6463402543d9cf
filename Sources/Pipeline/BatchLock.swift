#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// One batch at a time per warehouse: an exclusive `flock(2)` on `<warehouse>.lock`, released when
/// the process ends however it ends. A second batch is refused with a clear message.
public final class BatchLock {
    private let descriptor: Int32

    public init(warehousePath: String) throws(PipelineError) {
        let path = warehousePath + ".lock"
        let fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
        guard fd >= 0 else {
            throw PipelineError("cannot create the lock file \(path): \(String(cString: strerror(errno)))")
        }
        guard flock(fd, LOCK_EX | LOCK_NB) == 0 else {
            close(fd)
            throw PipelineError("another cchc batch is running on \(warehousePath); wait for it to finish, then run again")
        }
        descriptor = fd
    }

    deinit {
        flock(descriptor, LOCK_UN)
        close(descriptor)
    }
}
