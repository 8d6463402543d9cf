#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import CCHCCore

/// Where a submission's bytes come from: the file on disk, read in chunks, or its bytes already in
/// memory, cut into the same chunks so both are surveyed, detected and parsed identically.
public enum ByteSource: Sendable {
    case file(path: String)
    case memory([UInt8], path: String)

    /// The file's path on disk (what errors name).
    public var path: String {
        switch self {
        case .file(let path), .memory(_, let path): path
        }
    }

    /// The bytes, when they are already in memory.
    public var bytesInMemory: [UInt8]? {
        if case .memory(let bytes, _) = self { bytes } else { nil }
    }

    /// Calls `body` with each chunk of `FileChunks.chunkSize` bytes (the last may be shorter), in order.
    public func forEachChunk(_ body: (UnsafeRawBufferPointer) throws -> Void) throws {
        switch self {
        case .file(let path):
            try FileChunks.forEach(path: path, body)
        case .memory(let bytes, _):
            try bytes.withUnsafeBytes { all in
                var start = 0
                while start < all.count {
                    let end = min(start + FileChunks.chunkSize, all.count)
                    try body(UnsafeRawBufferPointer(rebasing: all[start..<end]))
                    start = end
                }
            }
        }
    }

    /// The whole file at `path` (`open`, `fstat`, `read`), or nil when it holds more than `limit`
    /// bytes: those are read streaming instead, in constant memory.
    public static func contents(of path: String, limit: Int) throws(IngestError) -> [UInt8]? {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { throw FileChunks.unreadable(path) }
        defer { close(fd) }
        var info = Glibc.stat()
        guard fstat(fd, &info) == 0 else { throw FileChunks.unreadable(path) }
        guard info.st_size <= limit else { return nil }
        // One byte more than expected: a file that grew since `fstat` shows it by filling it.
        var bytes = [UInt8](repeating: 0, count: Int(info.st_size) + 1)
        var count = 0
        while true {
            if count == bytes.count {
                guard bytes.count <= limit else { return nil }
                bytes += [UInt8](repeating: 0, count: min(bytes.count, limit + 1 - bytes.count))
            }
            let read = bytes.withUnsafeMutableBytes { buffer in
                Glibc.read(fd, buffer.baseAddress! + count, buffer.count - count)
            }
            if read < 0 {
                if errno == EINTR { continue }
                throw FileChunks.unreadable(path)
            }
            if read == 0 { break }
            count += read
        }
        guard count <= limit else { return nil }
        bytes.removeLast(bytes.count - count)
        return bytes
    }
}
