#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import CCHCCore
import Foundation

/// The inbox layout `inbox/<period>/<province_code>/**/<name>.csv` (BRIEF §3.3).
public struct Inbox: Sendable {
    public struct File: Sendable, Equatable {
        /// Path on disk.
        public var path: String
        /// Path inside the inbox, e.g. `2025-Q3/14/03721.csv`: what reports show.
        public var relativePath: String
        public var period: Period
        public var provinceCode: String
        /// Modification time, fixed-width UTC ISO 8601 with nanoseconds.
        public var mtime: String
    }

    public let root: String

    public init(root: String) {
        self.root = root
    }

    /// The periods that have a folder in the inbox, oldest first.
    public func periods() -> [Period] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: root)) ?? []
        return names.compactMap { name in Period(name).flatMap { $0.description == name ? $0 : nil } }.sorted()
    }

    /// The `.csv` files (any case) of `period`, ordered oldest first (mtime, then name, then path),
    /// and the other files found, which are ignored.
    public func files(of period: Period) -> (files: [File], ignored: [String]) {
        let periodRoot = root + "/" + period.description
        guard let provinces = try? FileManager.default.contentsOfDirectory(atPath: periodRoot) else { return ([], []) }
        var files: [File] = []
        var ignored: [String] = []
        let realRoot = Self.realPath(root)
        for province in provinces.sorted() {
            let provinceRoot = periodRoot + "/" + province
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: provinceRoot, isDirectory: &isDirectory), isDirectory.boolValue else {
                ignored.append(period.description + "/" + province)
                continue
            }
            let enumerator = FileManager.default.enumerator(atPath: provinceRoot)
            var relatives: [String] = []
            while let relative = enumerator?.nextObject() as? String { relatives.append(relative) }
            for relative in relatives.sorted() {
                let path = provinceRoot + "/" + relative
                let display = period.description + "/" + province + "/" + relative
                guard let status = Self.fileStatus(path), status.isRegularFile else { continue }
                // A link out of the inbox (`passwd.csv -> /etc/passwd`) is never read, nor its bytes kept (issue 8).
                guard let realRoot, Self.isInside(path, realRoot: realRoot) else {
                    ignored.append(display)
                    continue
                }
                guard relative.lowercased().hasSuffix(".csv") else {
                    ignored.append(display)
                    continue
                }
                files.append(File(path: path, relativePath: display, period: period, provinceCode: province, mtime: status.mtime))
            }
        }
        func name(_ f: File) -> Substring { f.relativePath.split(separator: "/").last ?? "" }
        files.sort { ($0.mtime, name($0), $0.relativePath) < ($1.mtime, name($1), $1.relativePath) }
        return (files, ignored)
    }

    /// Throws unless the inbox is a folder: a mistyped path must fail the batch, not score nobody.
    public static func requireFolder(_ root: String) throws {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: root, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw PipelineError("the inbox \(root) is not a folder; expected inbox/<period>/<province_code>/<file>.csv (check --inbox or the job's \"inbox\")")
        }
    }

    /// Whether `path`, symbolic links resolved, lies inside the folder `root` (resolved too).
    static func isInside(_ path: String, root: String) -> Bool {
        guard let realRoot = realPath(root) else { return false }
        return isInside(path, realRoot: realRoot)
    }

    /// `isInside` with the root already resolved (once per listing, not once per file).
    static func isInside(_ path: String, realRoot: String) -> Bool {
        guard let real = realPath(path) else { return false }
        return real.hasPrefix(realRoot.hasSuffix("/") ? realRoot : realRoot + "/")
    }

    /// `realpath(3)`: the path with every symbolic link resolved, or nil when it cannot be.
    static func realPath(_ path: String) -> String? {
        guard let real = realpath(path, nil) else { return nil }
        defer { free(real) }
        return String(cString: real)
    }

    /// `stat(2)`: whether the path is a regular file, and its modification time.
    static func fileStatus(_ path: String) -> (isRegularFile: Bool, mtime: String)? {
        var info = Glibc.stat()
        guard stat(path, &info) == 0 else { return nil }
        let isRegular = (info.st_mode & S_IFMT) == S_IFREG
        return (isRegular, Timestamp.iso(seconds: Int64(info.st_mtim.tv_sec), nanoseconds: Int(info.st_mtim.tv_nsec)))
    }
}
