import Foundation
import Testing
import TestSupport
import Warehouse

/// Tenant isolation as a property (issue 8): for random worlds of three provinces, whatever a commune
/// of province 14 submits — a newer file, a rejected one, another province's unit in its folder, or
/// its own unit in another province's folder — no number of another province's outputs changes, and
/// no other commune's numbers change anywhere (ranks may move; scores, domain scores, counts,
/// values, targets and attainments may not).
@Suite("Reliability: tenant isolation for random worlds")
struct ReliabilityTenantIsolationTests {

    static let provinces = ["14", "12", "11"]
    static let indicators = ["TTHC_DUNG_HAN", "HAI_LONG", "HS_TRUC_TUYEN", "DN_MOI"]

    enum Move: CaseIterable { case newerFile, rejectedFile, otherProvincesUnit, ownUnitInOtherFolder }

    struct World {
        var communes: [String: [String]] = [:]
        var files: [String: String] = [:]
        var mover = ""
    }

    static func rows(_ random: inout SplitMix, unit: String, period: String) -> String {
        var text = "unit_code,period,indicator_code,value,numerator,denominator,note\n"
        for indicator in indicators where random.chance(90) {
            var value = random.chance(10) ? "" : String(format: "%.2f", Double(random.int(0...10_000)) / 100)
            if indicator == "DN_MOI" { value = String(random.int(0...5)) }
            var fraction = ",,"
            if indicator == "TTHC_DUNG_HAN", random.chance(50) {
                let denominator = random.int(1...400), numerator = random.int(0...denominator)
                fraction = "\(numerator),\(denominator),"
                value = ""
            }
            text += "\(unit),\(period),\(indicator),\(value),\(fraction)\n"
        }
        return text
    }

    static func world(seed: UInt64) -> World {
        var random = SplitMix(seed: seed)
        var world = World()
        var units = "unit_code,unit_name,parent_code,level\n"
        var targets = "scope_code,year,indicator_code,target,source\n"
        for (p, province) in provinces.enumerated() {
            units += "\(province),Tỉnh \(province),,province\n"
            let count = random.int(2...5)
            world.communes[province] = (0..<count).map { "0\(3 + p)\(String(format: "%03d", $0))" }
            for commune in world.communes[province] ?? [] { units += "\(commune),Xã \(commune),\(province),commune\n" }
            for indicator in indicators where random.chance(85) {
                targets += "\(province),2025,\(indicator),\(indicator == "DN_MOI" ? random.int(0...3) : random.int(50...100)),plan\n"
            }
            if let commune = world.communes[province]?.first, random.chance(50) {
                targets += "\(commune),2025,HAI_LONG,\(random.int(80...99)),commune plan\n"
            }
            for commune in world.communes[province] ?? [] {
                for period in ["2025-Q2", "2025-Q3"] where random.chance(80) {
                    world.files["inbox/\(period)/\(province)/\(commune).csv"] = rows(&random, unit: commune, period: period)
                }
            }
        }
        world.files["reference/units.csv"] = units
        world.files["reference/indicators.csv"] = Scenario.indicators
        world.files["reference/targets.csv"] = targets
        let movers = world.communes["14"] ?? []
        world.mover = movers[random.int(0...(movers.count - 1))]
        return world
    }

    /// The file the mover drops into the inbox, a minute after everything else.
    static func move(_ move: Move, world: World, seed: UInt64) -> (path: String, text: String) {
        var random = SplitMix(seed: seed ^ 0xFEED)
        let mover = world.mover
        let neighbour = world.communes["12"]?.first ?? "03000"
        switch move {
        case .newerFile: return ("inbox/2025-Q3/14/\(mover)-late.csv", rows(&random, unit: mover, period: "2025-Q3"))
        case .rejectedFile: return ("inbox/2025-Q3/14/\(mover)-bad.csv", Scenario.submission(mover, "2025-Q3", [("HAI_LONG", "120", "", "")]))
        case .otherProvincesUnit: return ("inbox/2025-Q3/14/\(mover)-for-12.csv", Scenario.submission(neighbour, "2025-Q3", [("HAI_LONG", "1", "", "")]))
        case .ownUnitInOtherFolder: return ("inbox/2025-Q3/12/\(mover).csv", Scenario.submission(mover, "2025-Q3", [("HAI_LONG", "1", "", "")]))
        }
    }

    struct Outputs {
        /// unit → its numbers in both periods (score, d1–d8, counts, status; then each indicator's value, target, attainment, status).
        var numbers: [String: [String]]
        /// province → report file → bytes.
        var reports: [String: [String: Data]]
    }

    static func run(_ world: World, extra: (path: String, text: String)?) throws -> Outputs {
        let scratch = try Scratch()
        defer { try? FileManager.default.removeItem(at: scratch.url) }
        for (path, text) in world.files { try scratch.write(path, text) }
        if let extra { try scratch.write(extra.path, extra.text, modified: Date().addingTimeInterval(60)) }
        let result = try CCHCProcess.run(Scenario.runArguments, in: scratch.url)
        #expect(result.status == 0, "\(result.stderr)")
        let database = try Database(path: scratch.path("wh/warehouse.sqlite"), readOnly: true)
        var numbers: [String: [String]] = [:]
        let ranking = try database.prepare("""
            SELECT unit_code, period_code || ' ' || ifnull(score, '') || ' ' || ifnull(d1, '') || ' ' || ifnull(d3, '') || ' ' || ifnull(d7, '')
                   || ' ' || ifnull(d8, '') || ' ' || ifnull(met, '') || ' ' || ifnull(missed, '') || ' ' || ifnull(missing, '') || ' ' || status
            FROM v_ranking ORDER BY 1, 2
            """).rows { ($0.text(0), $0.text(1)) }
        for (unit, line) in ranking { numbers[unit, default: []].append(line) }
        let breakdown = try database.prepare("""
            SELECT unit_code, period_code || ' ' || indicator_code || ' ' || ifnull(value, '') || ' ' || ifnull(target, '') || ' '
                   || ifnull(attainment, '') || ' ' || status
            FROM v_score_breakdown ORDER BY 1, 2
            """).rows { ($0.text(0), $0.text(1)) }
        for (unit, line) in breakdown { numbers[unit, default: []].append(line) }
        var reports: [String: [String: Data]] = [:]
        for province in provinces {
            let folder = scratch.path("out/2025-Q3/\(province)")
            for name in (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? [] where !name.hasPrefix(".") {
                var isDirectory: ObjCBool = false
                guard FileManager.default.fileExists(atPath: folder + "/" + name, isDirectory: &isDirectory), !isDirectory.boolValue else { continue }
                reports[province, default: [:]][name] = try Data(contentsOf: URL(fileURLWithPath: folder + "/" + name))
            }
        }
        return Outputs(numbers: numbers, reports: reports)
    }

    @Test("what a commune of one province submits changes no number of another province, nor any other commune's",
          arguments: Array(UInt64(1)...UInt64(8)))
    func isolation(seed: UInt64) throws {
        let world = Self.world(seed: seed)
        let before = try Self.run(world, extra: nil)
        let move = Move.allCases[Int(seed) % Move.allCases.count]
        let after = try Self.run(world, extra: Self.move(move, world: world, seed: seed))
        // No other commune's numbers, in any province (the mover's own only when its file was accepted).
        for (unit, numbers) in before.numbers where unit != world.mover || move != .newerFile {
            #expect(after.numbers[unit] == numbers, "seed \(seed) \(move): \(unit) changed because \(world.mover) submitted")
        }
        // Another province's reports: byte for byte. When the mover's file lands in province 12's folder it is
        // reported there (BRIEF §3.3), so there only the numbers' files are compared.
        for province in ["12", "11"] {
            let compared = move == .ownUnitInOtherFolder && province == "12" ? ["ranking.csv", "missed-targets.csv", "indicators.csv"]
                : Array((before.reports[province] ?? [:]).keys)
            #expect(!compared.isEmpty || before.reports[province] == nil)
            for name in compared {
                #expect(after.reports[province]?[name] == before.reports[province]?[name],
                        "seed \(seed) \(move): \(province)/\(name) changed because \(world.mover) of 14 submitted")
            }
        }
        // The moves did land: the mover's own numbers moved, or the file was reported where it arrived.
        switch move {
        case .newerFile: #expect(after.numbers[world.mover] != before.numbers[world.mover], "seed \(seed): the newer file changed nothing")
        case .ownUnitInOtherFolder: #expect(after.reports["12"]?["rejections.csv"] != before.reports["12"]?["rejections.csv"])
        case .rejectedFile, .otherProvincesUnit: #expect(after.reports["14"]?["rejections.csv"] != before.reports["14"]?["rejections.csv"])
        }
        if move != .newerFile {
            #expect(after.reports["14"]?["ranking.csv"] == before.reports["14"]?["ranking.csv"], "seed \(seed) \(move): a rejected file changed the ranking")
        }
    }
}

/// The same world for the same seed, on every machine.
extension SplitMix {
    mutating func int(_ range: ClosedRange<Int>) -> Int { range.lowerBound + Int(next() % UInt64(range.count)) }
    mutating func chance(_ percent: Int) -> Bool { int(0...99) < percent }
}
