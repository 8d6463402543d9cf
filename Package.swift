// swift-tools-version: 6.0
import PackageDescription

let package = Package(
    name: "cchc",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "cchc", targets: ["cchc"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/apple/swift-log", from: "1.6.0"),
    ],
    targets: [
        // C libraries, each touched by exactly one Swift module.
        .systemLibrary(name: "CSQLite", pkgConfig: "sqlite3", providers: [.apt(["libsqlite3-dev"])]),
        .systemLibrary(name: "CCSV", providers: [.apt(["libcsv-dev"])]),
        // SHA-256 blocks with the x86 SHA instructions, chosen at run time (issue 7); touched only by Ingest.
        // DWARF 4 like the Swift objects: valgrind 3.19 gives up on a binary that mixes in DWARF 5.
        .target(name: "CSHA256", cSettings: [.unsafeFlags(["-gdwarf-4"])]),

        // Shared vocabulary: periods, unit codes, input locations, rounding.
        .target(name: "CCHCCore"),
        // The only importer of CSQLite: connection, statements, migrations, the star schema.
        .target(name: "Warehouse", dependencies: ["CSQLite", "CCHCCore"], resources: [.copy("Migrations")]),
        // The only importer of CCSV: streaming CSV, reference data and submission validation.
        .target(name: "Ingest", dependencies: ["CCSV", "CSHA256", "CCHCCore"]),
        // Plain Swift values and Dispatch: attainment, scores, ranks, roll-ups.
        .target(name: "Scoring", dependencies: ["CCHCCore"]),
        // CSV and HTML outputs.
        .target(name: "Reporting", dependencies: ["CCHCCore", "Scoring"]),
        // Puts the steps together: reference -> import -> score -> report.
        .target(name: "Pipeline", dependencies: ["CCHCCore", "Warehouse", "Ingest", "Scoring", "Reporting"]),
        // Schedules (cron and the reporting calendar), the daemon loop and its catch-up state.
        .target(name: "Scheduling", dependencies: [
            "CCHCCore", "Pipeline", "Warehouse", .product(name: "Logging", package: "swift-log"),
        ]),
        // Parses arguments, calls one library function per subcommand.
        .executableTarget(name: "cchc", dependencies: [
            "Pipeline", "CCHCCore", "Scheduling",
            .product(name: "ArgumentParser", package: "swift-argument-parser"),
        ]),

        // Benchmarks (issue 7): times each step at scale; run by scripts/bench/compare.py, never by `swift test`.
        .executableTarget(name: "cchc-bench", dependencies: [
            "Pipeline", "CCHCCore", "Warehouse", "Scoring",
            .product(name: "ArgumentParser", package: "swift-argument-parser"),
        ]),

        .testTarget(name: "CCHCCoreTests", dependencies: ["CCHCCore", "TestSupport"]),
        // Test-only code shared by several test targets (a deterministic random generator).
        .target(name: "TestSupport", path: "Tests/Support"),
        .testTarget(name: "WarehouseTests", dependencies: ["Warehouse", "Scoring", "CCHCCore", "TestSupport"]),
        .testTarget(name: "IngestTests", dependencies: ["Ingest", "CCHCCore", "TestSupport"]),
        .testTarget(name: "ScoringTests", dependencies: ["Scoring", "CCHCCore", "TestSupport"]),
        .testTarget(name: "ReportingTests", dependencies: ["Reporting", "Scoring", "CCHCCore"]),
        .testTarget(name: "EndToEndTests", dependencies: ["CCHCCore", "Warehouse", "TestSupport"]),
        .testTarget(name: "SchedulingTests", dependencies: ["Scheduling", "Pipeline", "Warehouse", "CCHCCore"]),
        // Issue 8: fuzz regressions, hostile sizes, the warehouse read-only, full or locked.
        .testTarget(name: "ReliabilityTests", dependencies: ["Ingest", "Warehouse", "Pipeline", "Reporting", "CCHCCore"]),
    ],
    swiftLanguageModes: [.v6]
)
