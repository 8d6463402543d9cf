#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation

/// A batch writes the warehouse, the `-wal` and `-shm` files SQLite keeps beside it, and its lock
/// file. When any of them cannot be written (a read-only file, folder or file system) the batch is
/// refused before it touches anything, saying which and why — rather than failing at its first
/// INSERT with SQLite's "attempt to write a readonly database" (issue 8).
enum WarehouseAccess {
    static func requireWritable(_ warehouse: String) throws {
        let folder = (warehouse as NSString).deletingLastPathComponent.nonEmpty ?? "."
        for path in [warehouse, warehouse + "-wal", warehouse + "-shm", warehouse + ".lock", folder] where access(path, F_OK) == 0 {
            guard access(path, W_OK) != 0 else { continue }
            let reason = String(cString: strerror(errno))
            throw PipelineError(
                "the warehouse \(warehouse) cannot be written (\(path): \(reason)); a batch needs to write the warehouse, "
                    + "its -wal and -shm files and its lock in that folder: give write access or choose another --warehouse "
                    + "(to read it only, open it with sqlite3 -readonly)")
        }
    }
}
