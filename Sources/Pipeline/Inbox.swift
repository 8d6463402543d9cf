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
        guard let provinces = Self.entries(of: periodRoot) else { return ([], []) }
        var files: [File] = []
        var ignored: [String] = []
        let realRoot = Self.realPath(root)
        for province in provinces.map(\.name).sorted() {
            let provinceRoot = periodRoot + "/" + province
            guard let status = Self.fileStatus(provinceRoot), status.isDirectory else {
                ignored.append(period.description + "/" + province)
                continue
            }
            // Resolved once per province: below it, only a symbolic link can lead elsewhere.
            let provinceInside = realRoot.map { Self.isInside(provinceRoot, realRoot: $0) } ?? false
            for entry in Self.walk(provinceRoot).sorted(by: { $0.relative < $1.relative }) {
                let path = provinceRoot + "/" + entry.relative
                let display = period.description + "/" + province + "/" + entry.relative
                guard let status = Self.fileStatus(path), status.isRegularFile else { continue }
                // A link out of the inbox (`passwd.csv -> /etc/passwd`) is never read, nor its bytes kept (issue 8).
                let inside = entry.isLink ? realRoot.map { Self.isInside(path, realRoot: $0) } ?? false : provinceInside
                guard inside else {
                    ignored.append(display)
                    continue
                }
                guard entry.relative.lowercased().hasSuffix(".csv") else {
                    ignored.append(display)
                    continue
                }
                files.append(File(path: path, relativePath: display, period: period, provinceCode: province, mtime: status.mtime))
            }
        }
        // Each file's name is cut out once, not in every comparison (12M instructions for 600 files).
        let ordered = files.map { file in (file: file, name: file.relativePath.split(separator: "/").last ?? "") }
            .sorted { ($0.file.mtime, $0.name, $0.file.relativePath) < ($1.file.mtime, $1.name, $1.file.relativePath) }
        return (ordered.map(\.file), ignored)
    }

    /// Everything below `directory` that is not a folder, as paths relative to it, and whether each
    /// is a symbolic link. Folders are descended, links to folders are not (a link is resolved by the
    /// caller). `readdir` rather than `FileManager`'s enumerator: with `realpath` per file, listing a
    /// country's 3,400 files cost 0.1 s before any could be read (issue 7).
    static func walk(_ directory: String, prefix: String = "") -> [(relative: String, isLink: Bool)] {
        var found: [(relative: String, isLink: Bool)] = []
        for entry in entries(of: directory) ?? [] {
            let relative = prefix.isEmpty ? entry.name : prefix + "/" + entry.name
            switch entry.kind {
            case .directory: found += walk(directory + "/" + entry.name, prefix: relative)
            case .link: found.append((relative, true))
            case .other: found.append((relative, false))
            }
        }
        return found
    }

    enum EntryKind { case directory, link, other }

    /// The entries of a folder (without `.` and `..`), or nil when it cannot be read.
    static func entries(of directory: String) -> [(name: String, kind: EntryKind)]? {
        guard let stream = opendir(directory) else { return nil }
        defer { closedir(stream) }
        var entries: [(name: String, kind: EntryKind)] = []
        while let entry = readdir(stream) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { bytes in
                String(decoding: bytes.prefix(while: { $0 != 0 }), as: UTF8.self)
            }
            if name == "." || name == ".." { continue }
            var type = Int32(entry.pointee.d_type)
            if type == Int32(DT_UNKNOWN) {  // some file systems do not say: ask lstat
                var info = Glibc.stat()
                guard lstat(directory + "/" + name, &info) == 0 else { continue }
                switch info.st_mode & S_IFMT {
                case S_IFDIR: type = Int32(DT_DIR)
                case S_IFLNK: type = Int32(DT_LNK)
                default: type = Int32(DT_REG)
                }
            }
            entries.append((name, type == Int32(DT_DIR) ? .directory : type == Int32(DT_LNK) ? .link : .other))
        }
        return entries
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

    /// `stat(2)` (links followed): whether the path is a regular file or a folder, and its modification time.
    static func fileStatus(_ path: String) -> (isRegularFile: Bool, isDirectory: Bool, mtime: String)? {
        var info = Glibc.stat()
        guard stat(path, &info) == 0 else { return nil }
        let kind = info.st_mode & S_IFMT
        return (kind == S_IFREG, kind == S_IFDIR, Timestamp.iso(seconds: Int64(info.st_mtim.tv_sec), nanoseconds: Int(info.st_mtim.tv_nsec)))
    }
}
