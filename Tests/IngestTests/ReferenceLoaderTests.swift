import Testing
import CCHCCore
import Ingest

@Suite("ReferenceLoader")
struct ReferenceLoaderTests {
    static let units = """
        unit_code,unit_name,parent_code,level,valid_from,valid_to,successor_code
        14,Tỉnh Sơn La,,province,,,
        03549,Xã Bình Lư,12,commune,,2025-06-30,03721
        12,Tỉnh Lai Châu,,province,,,
        03721,Xã Mường Bú,14,commune,2025-07-01,,
        03724,"Xã Chiềng Mai, mới",14,Commune,,,

        """
    static let indicators = """
        indicator_code,domain,name_vi,name_en,unit,direction,weight,aggregation
        PCT,1,"Tỷ lệ hồ sơ giải quyết đúng hạn, trước hạn",On-time rate,percent,higher,2.5,ratio
        CNT,8,Số sáng kiến,Initiatives,count,higher,,sum
        DAYS,3,Số ngày,Days,number,lower,1,mean
        YN,2,Có/không,Yes/no,boolean,higher,1,mean

        """
    static let targets = """
        scope_code,year,indicator_code,target,source
        14,2025,PCT,95,KH 2025
        03721,2025,PCT,90,
        14,2025,CNT,3,
        12,2024,YN,1,QĐ 1783

        """

    /// Writes the three files (with `edit` applied to the chosen one) into a fresh folder and loads it.
    static func load(units: String = Self.units, indicators: String = Self.indicators, targets: String = Self.targets,
                     _ check: (Result<ReferenceData, any Error>, String) throws -> Void) throws {
        try withTemporaryDirectory { dir in
            try writeFile(units, to: dir + "/units.csv")
            try writeFile(indicators, to: dir + "/indicators.csv")
            try writeFile(targets, to: dir + "/targets.csv")
            try check(Result { try ReferenceLoader.load(directory: dir) }, dir)
        }
    }

    /// Expects loading to fail with `code` and a description starting `<dir>/<file>:<line>[:<column>]: `.
    static func expectFailure(
        units: String = Self.units, indicators: String = Self.indicators, targets: String = Self.targets,
        code: IngestError.Code = .invalidReference, file: String, line: Int?, column: Int?, mentioning found: String? = nil,
        sourceLocation: SourceLocation = #_sourceLocation
    ) throws {
        try load(units: units, indicators: indicators, targets: targets) { result, dir in
            guard case .failure(let failure) = result else {
                Issue.record("expected the reference data to be refused", sourceLocation: sourceLocation)
                return
            }
            guard let error = failure as? IngestError else {
                Issue.record("expected an IngestError, got \(failure)", sourceLocation: sourceLocation)
                return
            }
            let location = InputLocation(path: dir + "/" + file, line: line, column: column)
            #expect(error.code == code, "\(error)", sourceLocation: sourceLocation)
            #expect(error.location == location, "\(error)", sourceLocation: sourceLocation)
            #expect(error.description == "\(location): \(error.message)", sourceLocation: sourceLocation)
            if let found {
                #expect(error.message.contains(found), "\(error)", sourceLocation: sourceLocation)
            }
        }
    }

    static func replacing(_ text: String, line: Int, with replacement: String) -> String {
        var lines = text.components(separatedBy: "\n")
        lines[line - 1] = replacement
        return lines.joined(separator: "\n")
    }

    // MARK: - Happy path

    @Test("loads units, indicators and targets")
    func happyPath() throws {
        try Self.load { result, _ in
            let data = try result.get()
            #expect(data.units.map(\.code) == ["14", "03549", "12", "03721", "03724"])
            #expect(data.units[0] == AdministrativeUnit(code: "14", name: "Tỉnh Sơn La", parentCode: nil, level: .province))
            #expect(data.units[1] == AdministrativeUnit(code: "03549", name: "Xã Bình Lư", parentCode: "12", level: .commune,
                                                        validFrom: nil, validTo: "2025-06-30", successorCode: "03721"))
            #expect(data.units[3] == AdministrativeUnit(code: "03721", name: "Xã Mường Bú", parentCode: "14", level: .commune,
                                                        validFrom: "2025-07-01"))
            #expect(data.units[4].name == "Xã Chiềng Mai, mới")
            #expect(data.units[4].level == .commune)

            #expect(data.indicators.map(\.code) == ["PCT", "CNT", "DAYS", "YN"])
            #expect(data.indicators[0] == Indicator(code: "PCT", domain: 1, nameVi: "Tỷ lệ hồ sơ giải quyết đúng hạn, trước hạn",
                                                    nameEn: "On-time rate", unit: .percent, direction: .higher, weight: 2.5,
                                                    aggregation: .ratio))
            #expect(data.indicators[1].weight == 1)
            #expect(data.indicators[1].domain == 8)
            #expect(data.indicators.map(\.unit) == [.percent, .count, .number, .boolean])
            #expect(data.indicators.map(\.direction) == [.higher, .higher, .lower, .higher])
            #expect(data.indicators.map(\.aggregation) == [.ratio, .sum, .mean, .mean])

            #expect(data.targets == [
                Target(scopeCode: "14", year: 2025, indicatorCode: "PCT", value: 95, source: "KH 2025"),
                Target(scopeCode: "03721", year: 2025, indicatorCode: "PCT", value: 90, source: ""),
                Target(scopeCode: "14", year: 2025, indicatorCode: "CNT", value: 3, source: ""),
                Target(scopeCode: "12", year: 2024, indicatorCode: "YN", value: 1, source: "QĐ 1783"),
            ])
        }
    }

    @Test("the optional unit columns may be left out; CRLF, BOM and blank lines are fine")
    func minimalUnits() throws {
        let units = "\u{FEFF}unit_code,unit_name,parent_code,level\r\n14,Tỉnh Sơn La,,province\r\n\r\n03721,Xã Mường Bú,14,commune\r\n"
        let targets = "scope_code,year,indicator_code,target\n14,2025,PCT,95\n"
        try Self.load(units: units, targets: targets) { result, _ in
            let data = try result.get()
            #expect(data.units.map(\.code) == ["14", "03721"])
            #expect(data.units[1].validFrom == nil)
            #expect(data.units[1].successorCode == nil)
            #expect(data.targets.count == 1)
        }
    }

    @Test("the shipped reference folder loads")
    func shippedReference() throws {
        let directory = #filePath.components(separatedBy: "/Tests/")[0] + "/Warehouse/reference"
        let data = try ReferenceLoader.load(directory: directory)
        #expect(!data.units.isEmpty)
        #expect(!data.indicators.isEmpty)
        #expect(!data.targets.isEmpty)
        #expect(data.units.contains { $0.code == "14" && $0.level == .province })
    }

    // MARK: - Units

    @Test("an unknown level", arguments: ["district", "tỉnh", ""])
    func unknownLevel(level: String) throws {
        let units = Self.replacing(Self.units, line: 6, with: "03724,Xã Chiềng Mai,14,\(level),,,")
        try Self.expectFailure(units: units, file: "units.csv", line: 6, column: 4, mentioning: "level")
    }

    @Test("a commune whose parent is not a province", arguments: ["03721", "99", ""])
    func communeParent(parent: String) throws {
        let units = Self.replacing(Self.units, line: 6, with: "03724,Xã Chiềng Mai,\(parent),commune,,,")
        try Self.expectFailure(units: units, file: "units.csv", line: 6, column: 3, mentioning: "03724")
    }

    @Test("the line of a bad parent counts blank lines and quoted newlines")
    func communeParentLine() throws {
        let units = """
            unit_code,unit_name,parent_code,level
            14,"Tỉnh
            Sơn La",,province

            03721,Xã Mường Bú,14,commune
            03724,Xã Chiềng Mai,03721,commune

            """
        let targets = "scope_code,year,indicator_code,target\n14,2025,PCT,95\n"
        try Self.expectFailure(units: units, targets: targets, file: "units.csv", line: 6, column: 3, mentioning: "03724")
    }

    @Test("a province with a parent")
    func provinceWithParent() throws {
        let units = Self.replacing(Self.units, line: 4, with: "12,Tỉnh Lai Châu,14,province,,,")
        try Self.expectFailure(units: units, file: "units.csv", line: 4, column: 3, mentioning: "12")
    }

    @Test("a unit code given twice")
    func duplicateUnit() throws {
        let units = Self.replacing(Self.units, line: 6, with: "03721,Xã khác,14,commune,,,")
        try Self.expectFailure(units: units, file: "units.csv", line: 6, column: 1, mentioning: "03721")
    }

    @Test("a date that is not yyyy-mm-dd", arguments: ["2025-7-1", "01/07/2025", "2025-13-01", "2025-07-32"])
    func badDate(date: String) throws {
        let units = Self.replacing(Self.units, line: 5, with: "03721,Xã Mường Bú,14,commune,\(date),,")
        try Self.expectFailure(units: units, file: "units.csv", line: 5, column: 5, mentioning: date)
    }

    @Test("a units header without a required column")
    func missingUnitsColumn() throws {
        try Self.expectFailure(units: "unit_code,unit_name,level\n14,Tỉnh Sơn La,province\n", code: .missingColumn,
                               file: "units.csv", line: 1, column: nil, mentioning: "parent_code")
    }

    @Test("an empty units file")
    func emptyUnits() throws {
        try Self.expectFailure(units: "", code: .emptyFile, file: "units.csv", line: nil, column: nil)
    }

    // MARK: - Indicators

    @Test("a weight of zero or less", arguments: ["0", "-1", "-0.5", "0.0"])
    func weightNotPositive(weight: String) throws {
        let indicators = Self.replacing(Self.indicators, line: 3, with: "CNT,8,Số sáng kiến,Initiatives,count,higher,\(weight),sum")
        try Self.expectFailure(indicators: indicators, file: "indicators.csv", line: 3, column: 7, mentioning: weight)
    }

    @Test("a domain outside 1–8", arguments: ["9", "0", "1.5", "-1", "x"])
    func badDomain(domain: String) throws {
        let indicators = Self.replacing(Self.indicators, line: 2, with: "PCT,\(domain),Tỷ lệ,Rate,percent,higher,1,ratio")
        try Self.expectFailure(indicators: indicators, file: "indicators.csv", line: 2, column: 2, mentioning: domain)
    }

    @Test("an unknown unit, direction or aggregation", arguments: [
        ("PCT,1,Tỷ lệ,Rate,percentage,higher,1,ratio", 5),
        ("PCT,1,Tỷ lệ,Rate,percent,up,1,ratio", 6),
        ("PCT,1,Tỷ lệ,Rate,percent,higher,1,median", 8),
    ])
    func badChoice(row: String, column: Int) throws {
        let indicators = Self.replacing(Self.indicators, line: 2, with: row)
        try Self.expectFailure(indicators: indicators, file: "indicators.csv", line: 2, column: column)
    }

    // MARK: - Targets

    @Test("a target for an unknown indicator")
    func targetUnknownIndicator() throws {
        let targets = Self.replacing(Self.targets, line: 3, with: "03721,2025,NOPE,90,")
        try Self.expectFailure(targets: targets, file: "targets.csv", line: 3, column: 3, mentioning: "NOPE")
    }

    @Test("a target for an unknown unit")
    func targetUnknownUnit() throws {
        let targets = Self.replacing(Self.targets, line: 4, with: "99,2025,CNT,3,")
        try Self.expectFailure(targets: targets, file: "targets.csv", line: 4, column: 1, mentioning: "99")
    }

    @Test("a target that is not a number, or a bad year", arguments: [
        ("14,2025,CNT,ba,", 4), ("14,25.5,CNT,3,", 2), ("14,,CNT,3,", 2),
    ])
    func badTargetCells(row: String, column: Int) throws {
        let targets = Self.replacing(Self.targets, line: 4, with: row)
        try Self.expectFailure(targets: targets, file: "targets.csv", line: 4, column: column)
    }

    @Test("two targets for the same unit, year and indicator")
    func duplicateTarget() throws {
        let targets = Self.replacing(Self.targets, line: 5, with: "14,2025,PCT,97,")
        try Self.expectFailure(targets: targets, file: "targets.csv", line: 5, column: 3)
    }

    @Test("a missing reference file")
    func missingFile() throws {
        try withTemporaryDirectory { dir in
            try writeFile(Self.units, to: dir + "/units.csv")
            let error = ingestError { _ = try ReferenceLoader.load(directory: dir) }
            #expect(error?.code == .unreadableFile)
            #expect(error?.location == InputLocation(path: dir + "/indicators.csv"))
        }
    }
}
