import CCHCCore

/// Reads the reference directory: `units.csv`, `indicators.csv`, `targets.csv` (BRIEF §3.1), checking
/// every cell and every cross-reference. Errors say `file:line:column: what was found, what was expected`.
public enum ReferenceLoader {
    public static func load(directory: String) throws -> ReferenceData {
        let located = try loadUnits(path: directory + "/units.csv")
        let units = located.map(\.unit)
        let indicators = try loadIndicators(path: directory + "/indicators.csv")
        let targets = try loadTargets(path: directory + "/targets.csv",
                                      unitCodes: Set(units.map(\.code)), indicatorCodes: Set(indicators.map(\.code)))
        try checkParents(located)
        return ReferenceData(units: units, indicators: indicators, targets: targets)
    }

    /// A unit and where its `parent_code` cell is, for the parent check once every unit is read.
    struct LocatedUnit {
        var unit: AdministrativeUnit
        var parentLocation: InputLocation
    }

    static func loadUnits(path: String) throws -> [LocatedUnit] {
        var seen: Set<String> = []
        return try ReferenceTable.rows(path: path, required: ["unit_code", "unit_name", "parent_code", "level"],
                                       optional: ["valid_from", "valid_to", "successor_code"]) { row in
            let code = try row.code("unit_code")
            guard seen.insert(code).inserted else { throw row.error("unit_code", "duplicate unit code \"\(code)\"; expected each unit once") }
            let unit = AdministrativeUnit(
                code: code, name: try row.text("unit_name"), parentCode: row.optional("parent_code"),
                level: try row.choice("level", AdministrativeUnit.Level.self),
                validFrom: try row.date("valid_from"), validTo: try row.date("valid_to"),
                successorCode: row.optional("successor_code"))
            let parentColumn = row.columns["parent_code"].map { $0 + 1 }
            return LocatedUnit(unit: unit, parentLocation: InputLocation(path: path, line: row.line, column: parentColumn))
        }
    }

    static func loadIndicators(path: String) throws -> [Indicator] {
        var seen: Set<String> = []
        return try ReferenceTable.rows(
            path: path, required: ["indicator_code", "domain", "name_vi", "name_en", "unit", "direction", "weight", "aggregation"]
        ) { row in
            let code = try row.code("indicator_code")
            guard seen.insert(code).inserted else { throw row.error("indicator_code", "duplicate indicator code \"\(code)\"; expected each indicator once") }
            let domain = try row.number("domain")
            guard domain == domain.rounded(), (1...8).contains(domain) else { throw row.error("domain", "domain \"\(row.raw("domain"))\"; expected a whole number 1 to 8") }
            let weight = row.optional("weight") == nil ? 1 : try row.number("weight")
            guard weight > 0 else { throw row.error("weight", "weight \(row.raw("weight")); expected a number above 0") }
            return Indicator(
                code: code, domain: Int(domain), nameVi: try row.text("name_vi"), nameEn: try row.text("name_en"),
                unit: try row.choice("unit", Indicator.MeasureUnit.self),
                direction: try row.choice("direction", Indicator.Direction.self),
                weight: weight, aggregation: try row.choice("aggregation", Indicator.Aggregation.self))
        }
    }

    static func loadTargets(path: String, unitCodes: Set<String>, indicatorCodes: Set<String>) throws -> [Target] {
        // A key, not an interpolated string: interpolating the year cost a dynamic conformance lookup
        // under a lock per target (issue 7).
        struct Key: Hashable { var scope: String, year: Int, indicator: String }
        var seen: Set<Key> = []
        return try ReferenceTable.rows(path: path, required: ["scope_code", "year", "indicator_code", "target"], optional: ["source"]) { row in
            let scope = try row.code("scope_code")
            guard unitCodes.contains(scope) else { throw row.error("scope_code", "unknown unit \"\(scope)\"; expected a unit_code of units.csv") }
            let indicator = try row.code("indicator_code")
            guard indicatorCodes.contains(indicator) else { throw row.error("indicator_code", "unknown indicator \"\(indicator)\"; expected an indicator_code of indicators.csv") }
            let year = try row.number("year")
            guard year == year.rounded(), (1000...9999).contains(year) else { throw row.error("year", "year \"\(row.raw("year"))\"; expected a year such as 2025") }
            guard seen.insert(Key(scope: scope, year: Int(year), indicator: indicator)).inserted else {
                throw row.error("indicator_code", "a second target for \(scope), \(Int(year)), \(indicator); expected one target per unit, year and indicator")
            }
            return Target(scopeCode: scope, year: Int(year), indicatorCode: indicator, value: try row.number("target"),
                          source: row.optional("source") ?? "")
        }
    }

    static func checkParents(_ units: [LocatedUnit]) throws {
        let levels = Dictionary(units.map { ($0.unit.code, $0.unit.level) }, uniquingKeysWith: { first, _ in first })
        for (unit, location) in units.map({ ($0.unit, $0.parentLocation) }) {
            switch unit.level {
            case .commune:
                guard let parent = unit.parentCode, levels[parent] == .province else {
                    throw IngestError(code: .invalidReference, location: location,
                                      message: "commune \(unit.code) has parent \"\(unit.parentCode ?? "")\"; expected the unit_code of a province")
                }
            case .province:
                guard unit.parentCode == nil else {
                    throw IngestError(code: .invalidReference, location: location,
                                      message: "province \(unit.code) has a parent \"\(unit.parentCode!)\"; expected none")
                }
            }
        }
    }
}
