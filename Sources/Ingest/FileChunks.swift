#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import CCHCCore

/// Reads a file front to back in fixed-size chunks with `read(2)`: constant memory whatever the size.
public enum FileChunks {
    public static let chunkSize = 1 << 16

    /// Calls `body` with each chunk of the file at `path`, in order.
    public static func forEach(path: String, _ body: (UnsafeRawBufferPointer) throws -> Void) throws {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { throw unreadable(path) }
        defer { close(fd) }
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: chunkSize, alignment: 16)
        defer { buffer.deallocate() }
        while true {
            let count = read(fd, buffer.baseAddress, chunkSize)
            if count < 0 {
                if errno == EINTR { continue }
                throw unreadable(path)
            }
            if count == 0 { return }
            try body(UnsafeRawBufferPointer(rebasing: buffer[0..<count]))
        }
    }

    /// SHA-256 (hex) and size of the file at `path`, in one streaming pass.
    public static func digest(path: String) throws -> (sha256: String, size: Int64) {
        var hasher = SHA256()
        var size: Int64 = 0
        try forEach(path: path) { chunk in
            hasher.update(chunk)
            size += Int64(chunk.count)
        }
        return (hasher.finalizeHex(), size)
    }

    static func unreadable(_ path: String) -> IngestError {
        let reason = String(cString: strerror(errno))
        return IngestError(code: .unreadableFile, location: InputLocation(path: path),
                           message: "cannot read the file: \(reason)",
                           messageVi: "không đọc được tệp: \(reason)")
    }
}
