import CCHCCore
import Foundation

/// Applies the numbered SQL files of `Migrations/` (`NNN_name.sql`) in order, each in its own
/// transaction, recording the last applied number in `PRAGMA user_version`. Forward only.
public struct Migrator {
    public struct Migration: Sendable {
        public let version: Int
        public let name: String
        public let sql: String
    }

    public let migrations: [Migration]

    public init(migrations: [Migration]) {
        self.migrations = migrations.sorted { $0.version < $1.version }
    }

    /// The migrations shipped with the package (the files of `Warehouse/migrations/`).
    public static func bundled() throws -> Migrator {
        guard let directory = Bundle.module.url(forResource: "Migrations", withExtension: nil) else {
            throw WarehouseError("the warehouse migrations are missing from the installation")
        }
        let names = try FileManager.default.contentsOfDirectory(atPath: directory.path)
        var migrations: [Migration] = []
        for name in names where name.hasSuffix(".sql") {
            guard let version = Int(name.prefix { $0.isNumber }) else { continue }
            let sql = try String(contentsOf: directory.appendingPathComponent(name), encoding: .utf8)
            migrations.append(Migration(version: version, name: name, sql: sql))
        }
        return Migrator(migrations: migrations)
    }

    public var latestVersion: Int { migrations.last?.version ?? 0 }

    /// Brings `database` up to the latest version; returns the names applied (empty when current).
    @discardableResult
    public func migrate(_ database: Database) throws -> [String] {
        let current = Int(try database.scalarInt("PRAGMA user_version") ?? 0)
        if current > latestVersion {
            throw WarehouseError(
                "the warehouse \(database.path) has schema version \(current), newer than this cchc knows (\(latestVersion))")
        }
        var applied: [String] = []
        for migration in migrations where migration.version > current {
            try database.transaction { () throws in
                try database.execute(migration.sql)
                try database.execute("PRAGMA user_version = \(migration.version)")
                // Documented once, with the last migration of this run: cchc always migrates to
                // the latest version before using a warehouse, and parsing the schema's comments
                // after every migration was most of the time of creating one.
                if migration.version == latestVersion,
                   try database.scalarInt("SELECT count(*) FROM sqlite_schema WHERE name = 'meta_doc'") == 1 {
                    try SchemaDocumentation.refresh(database)
                }
                FaultPoint.reach("migration")
            }
            applied.append(migration.name)
        }
        return applied
    }
}
