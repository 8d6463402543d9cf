#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import CCHCCore
import Foundation
import Ingest
import Warehouse

/// Where a received file's original bytes are kept. SQLite holds at most 10⁹ bytes in one cell, so a
/// file above `archiveThreshold` goes to a content-addressed archive beside the warehouse,
/// `<warehouse>.archive/<sha256>`, and its `etl_file.content` stays empty (a `content_archived`
/// warning says where). Everything smaller is kept in `etl_file.content`.
extension ImportStep {
    /// Default threshold: well under SQLite's 10⁹-byte limit for one BLOB.
    public static let defaultArchiveThreshold: Int64 = 900_000_000

    /// The threshold in force: `CCHC_ARCHIVE_ABOVE_BYTES` when set (tests, small disks), else the default.
    /// Read once per step: `ProcessInfo.environment` builds the whole dictionary, 3 % of the batch when
    /// it was read per file (issue 7).
    static func archiveThresholdFromEnvironment() -> Int64 {
        ProcessInfo.processInfo.environment["CCHC_ARCHIVE_ABOVE_BYTES"].flatMap { Int64($0) } ?? defaultArchiveThreshold
    }

    /// The archive path of a file with these bytes.
    func archivePath(sha256: String) -> String {
        store.database.path + ".archive/" + sha256
    }

    /// The `content_archived` warning for a file kept outside the warehouse, or nil.
    func archiveWarning(_ metadata: SubmissionWriter.FileMetadata, unitCode: String?) -> Rejection? {
        guard metadata.size > archiveThreshold else { return nil }
        let path = archivePath(sha256: metadata.sha256)
        return Rejection(file: metadata.path, line: nil, column: nil, unitCode: unitCode, code: "content_archived",
                         message: "tệp lớn \(metadata.size) byte: nội dung gốc được lưu nguyên vẹn tại \(path) thay vì trong kho dữ liệu")
    }

    /// Copies the file's original bytes into `etl_file.content` (or the archive), streaming, and checks
    /// they are the bytes surveyed (a file still being written into the inbox fails the step, to be retried).
    func storeContent(of file: Inbox.File, fileID: Int64, metadata: SubmissionWriter.FileMetadata, writer: SubmissionWriter) throws {
        let archived = metadata.size > archiveThreshold
        var output: ArchiveFile?
        if archived {
            output = try ArchiveFile(finalPath: archivePath(sha256: metadata.sha256))
        } else {
            try writer.reserveContent(fileID, size: metadata.size)
        }
        var hasher = SHA256()
        var size: Int64 = 0
        try FileChunks.forEach(path: file.path) { chunk in
            size += Int64(chunk.count)
            hasher.update(chunk)
            guard size <= metadata.size else { return }
            if let output { try output.write(chunk) } else { try writer.appendContent(chunk) }
        }
        writer.closeContent()
        guard size == metadata.size, hasher.finalizeHex() == metadata.sha256 else {
            throw PipelineError("\(file.relativePath) changed while it was being imported; run again once it is complete")
        }
        try output?.commit()
    }
}

/// A file written under a temporary name, synced, then renamed into place (`open`, `write`,
/// `fsync`, `rename`): the archive never holds a partial file under a final name.
final class ArchiveFile {
    let finalPath: String
    let temporaryPath: String
    private var descriptor: Int32

    init(finalPath: String) throws {
        self.finalPath = finalPath
        temporaryPath = finalPath + ".part-\(getpid())"
        let folder = (finalPath as NSString).deletingLastPathComponent
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        descriptor = open(temporaryPath, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else { throw Self.failure("cannot create", temporaryPath) }
    }

    deinit {
        if descriptor >= 0 {
            close(descriptor)
            unlink(temporaryPath)
        }
    }

    func write(_ bytes: UnsafeRawBufferPointer) throws {
        var offset = 0
        while offset < bytes.count {
            let written = Glibc.write(descriptor, bytes.baseAddress.map { $0 + offset }, bytes.count - offset)
            if written < 0 {
                if errno == EINTR { continue }
                throw Self.failure("cannot write", temporaryPath)
            }
            offset += written
        }
    }

    /// Syncs and renames the file into place.
    func commit() throws {
        guard fsync(descriptor) == 0 else { throw Self.failure("cannot sync", temporaryPath) }
        close(descriptor)
        descriptor = -1
        guard rename(temporaryPath, finalPath) == 0 else { throw Self.failure("cannot rename", temporaryPath) }
    }

    static func failure(_ what: String, _ path: String) -> PipelineError {
        PipelineError("\(what) \(path) in the archive of original files: \(String(cString: strerror(errno)))")
    }
}
