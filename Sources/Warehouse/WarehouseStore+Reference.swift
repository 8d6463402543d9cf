import CCHCCore

extension WarehouseStore {
    /// Loads units and indicators (upserted by code, so facts keep their keys) and replaces the
    /// targets (`replaceTargets`), all in one transaction.
    /// A reference the warehouse already holds exactly, sort keys included, is not written again:
    /// every quarter's batch reloads the same files, and the upserts cost a tenth of a country's
    /// batch (issue 7).
    public func replaceReference(_ reference: ReferenceData) throws {
        referenceCache = nil
        let sortKeys = reference.units.map { VietnameseCollation.sortKey($0.name) }
        if try holds(reference, sortKeys: sortKeys) { return }  // and `holds` left what it read in the cache
        defer { referenceCache = nil }
        try transaction {
            let unit = try database.prepare("""
                INSERT INTO dim_unit (unit_code, unit_name, name_sort_key, level, parent_code, province_code, valid_from, valid_to,
                    successor_code)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (unit_code) DO UPDATE SET unit_name = excluded.unit_name, name_sort_key = excluded.name_sort_key,
                    level = excluded.level,
                    parent_code = excluded.parent_code, province_code = excluded.province_code, valid_from = excluded.valid_from,
                    valid_to = excluded.valid_to, successor_code = excluded.successor_code
                """)
            for (u, sortKey) in zip(reference.units, sortKeys) {
                try unit.bind(u.code, at: 1)
                try unit.bind(u.name, at: 2)
                try unit.bind(sortKey, at: 3)
                try unit.bind(u.level.rawValue, at: 4)
                try unit.bind(u.parentCode, at: 5)
                try unit.bind(u.parentCode ?? u.code, at: 6)
                try unit.bind(u.validFrom, at: 7)
                try unit.bind(u.validTo, at: 8)
                try unit.bind(u.successorCode, at: 9)
                try unit.execute()
            }
            let indicator = try database.prepare("""
                INSERT INTO dim_indicator (indicator_code, domain, name_vi, name_en, unit, direction, weight, aggregation)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (indicator_code) DO UPDATE SET domain = excluded.domain, name_vi = excluded.name_vi,
                    name_en = excluded.name_en, unit = excluded.unit, direction = excluded.direction, weight = excluded.weight,
                    aggregation = excluded.aggregation
                """)
            for i in reference.indicators {
                try indicator.run(.text(i.code), .integer(Int64(i.domain)), .text(i.nameVi), .text(i.nameEn), .text(i.unit.rawValue),
                                  .text(i.direction.rawValue), .real(i.weight), .text(i.aggregation.rawValue))
            }
            try replaceTargets(reference.targets)
        }
    }

    /// Upserts the targets the reference holds and deletes those it no longer holds; the triggers of
    /// `fact_target` record every change in `fact_target_history`. Codes are resolved to keys here,
    /// once, rather than by a join per target (a country's 6,900 targets, issue 7); a target naming
    /// a unit or indicator the warehouse does not hold is not loaded.
    func replaceTargets(_ targets: [Target]) throws {
        struct Key: Hashable { var unit: Int64, year: Int64, indicator: Int64 }
        let unitIDs = try unitIDsByCode(), indicatorIDs = try indicatorIDsByCode()
        let held = try database.prepare("SELECT scope_unit_id, year, indicator_id FROM fact_target").rows { s in
            Key(unit: s.int64(0), year: s.int64(1), indicator: s.int64(2))
        }
        let upsert = try database.prepare("""
            INSERT INTO fact_target (scope_unit_id, year, indicator_id, target, source) VALUES (?1, ?2, ?3, ?4, ?5)
            ON CONFLICT (scope_unit_id, year, indicator_id) DO UPDATE SET target = excluded.target, source = excluded.source
            WHERE target IS NOT excluded.target OR source IS NOT excluded.source
            """)
        var loaded = Set<Key>()
        for t in targets {
            guard let unit = unitIDs[t.scopeCode], let indicator = indicatorIDs[t.indicatorCode] else { continue }
            let key = Key(unit: unit, year: Int64(t.year), indicator: indicator)
            loaded.insert(key)
            try upsert.bind(key.unit, at: 1)
            try upsert.bind(key.year, at: 2)
            try upsert.bind(key.indicator, at: 3)
            try upsert.bind(t.value, at: 4)
            try upsert.bind(t.source, at: 5)
            try upsert.execute()
        }
        let delete = try database.prepare("DELETE FROM fact_target WHERE scope_unit_id = ?1 AND year = ?2 AND indicator_id = ?3")
        for key in held where !loaded.contains(key) {
            try delete.run(.integer(key.unit), .integer(key.year), .integer(key.indicator))
        }
    }

    /// Whether the warehouse holds exactly these units (with these sort keys), indicators and targets, and no others.
    func holds(_ reference: ReferenceData, sortKeys: [String]) throws -> Bool {
        let current = try self.reference()
        guard current.units.count == reference.units.count, current.indicators.count == reference.indicators.count,
              current.targets.count == reference.targets.count,
              Set(current.units) == Set(reference.units), Set(current.indicators) == Set(reference.indicators),
              Set(current.targets) == Set(reference.targets)
        else { return false }
        var storedKeys: [String: String] = [:]
        for (code, key) in try database.prepare("SELECT unit_code, name_sort_key FROM dim_unit").rows(transform: { ($0.text(0), $0.text(1)) }) {
            storedKeys[code] = key
        }
        return zip(reference.units, sortKeys).allSatisfy { storedKeys[$0.code] == $1 }
    }

    /// Units, indicators and targets as the warehouse holds them now (read again only after a
    /// change: see `referenceCache`).
    public func reference() throws -> ReferenceData {
        let version = try database.prepare("PRAGMA data_version").rows { $0.int64(0) }.first ?? -1
        if let cached = referenceCache, cached.version == version { return cached.reference }
        let reference = try readReference()
        referenceCache = (version, reference)
        return reference
    }

    private func readReference() throws -> ReferenceData {
        let units = try database.prepare("""
            SELECT unit_code, unit_name, parent_code, level, valid_from, valid_to, successor_code FROM dim_unit ORDER BY unit_code
            """).rows { s in
            AdministrativeUnit(code: s.text(0), name: s.text(1), parentCode: s.textOrNil(2),
                               level: AdministrativeUnit.Level(rawValue: s.text(3)) ?? .commune,
                               validFrom: s.textOrNil(4), validTo: s.textOrNil(5), successorCode: s.textOrNil(6))
        }
        let indicators = try database.prepare("""
            SELECT indicator_code, domain, name_vi, name_en, unit, direction, weight, aggregation FROM dim_indicator ORDER BY indicator_code
            """).rows { s in
            Indicator(code: s.text(0), domain: s.int(1), nameVi: s.text(2), nameEn: s.text(3),
                      unit: Indicator.MeasureUnit(rawValue: s.text(4)) ?? .number,
                      direction: Indicator.Direction(rawValue: s.text(5)) ?? .higher, weight: s.double(6),
                      aggregation: Indicator.Aggregation(rawValue: s.text(7)) ?? .mean)
        }
        let targets = try database.prepare("""
            SELECT u.unit_code, t.year, i.indicator_code, t.target, t.source
            FROM fact_target t JOIN dim_unit u ON u.unit_id = t.scope_unit_id JOIN dim_indicator i USING (indicator_id)
            ORDER BY 1, 2, 3
            """).rows { s in
            Target(scopeCode: s.text(0), year: s.int(1), indicatorCode: s.text(2), value: s.double(3), source: s.text(4))
        }
        return ReferenceData(units: units, indicators: indicators, targets: targets)
    }
}
