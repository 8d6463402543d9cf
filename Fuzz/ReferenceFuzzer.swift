// libFuzzer target over the reference loader (`ReferenceLoader.load`): the input is cut at each line
// `====` into units.csv, indicators.csv and targets.csv. Either the reference loads — every commune
// has a province parent, every target names a known scope and indicator, weights are positive — or the
// loader throws an `IngestError` located in one of the three files. Never a crash or a hang.
// Built and run by `FUZZ_TARGET=reference scripts/fuzz.sh`.
import CCHCCore
import Foundation
import Ingest

let referenceFolder: String = {
    let base = ProcessInfo.processInfo.environment["CCHC_FUZZ_TMP"] ?? (FileManager.default.fileExists(atPath: "/dev/shm") ? "/dev/shm" : NSTemporaryDirectory())
    let folder = base + "/cchc-fuzz-reference-\(getpid())"
    try? FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
    return folder
}()

func require(_ condition: @autoclosure () -> Bool, _ message: @autoclosure () -> String) {
    if !condition() {
        FileHandle.standardError.write(Data("property violated: \(message())\n".utf8))
        abort()
    }
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let bytes = data.map { Array(UnsafeBufferPointer(start: $0, count: size)) } ?? []
    var parts: [[UInt8]] = [[]]
    var lineStart = 0
    while lineStart < bytes.count {
        let end = bytes[lineStart...].firstIndex(of: 0x0A).map { $0 + 1 } ?? bytes.count
        if bytes[lineStart..<end].elementsEqual("====\n".utf8), parts.count < 3 {
            parts.append([])
        } else {
            parts[parts.count - 1] += bytes[lineStart..<end]
        }
        lineStart = end
    }
    while parts.count < 3 { parts.append([]) }
    let names = ["units.csv", "indicators.csv", "targets.csv"]
    for (name, part) in zip(names, parts) {
        require(FileManager.default.createFile(atPath: referenceFolder + "/" + name, contents: Data(part)), "cannot write \(name)")
    }
    do {
        let reference = try ReferenceLoader.load(directory: referenceFolder)
        let codes = Dictionary(reference.units.map { ($0.code, $0) }, uniquingKeysWith: { a, _ in a })
        for unit in reference.units where unit.level == .commune {
            require(unit.parentCode.flatMap { codes[$0] }?.level == .province, "commune \(unit.code) without a province parent")
        }
        let indicators = Set(reference.indicators.map(\.code))
        for indicator in reference.indicators { require(indicator.weight > 0 && indicator.weight.isFinite, "weight \(indicator.weight)") }
        for target in reference.targets {
            require(codes[target.scopeCode] != nil && indicators.contains(target.indicatorCode), "target of an unknown scope or indicator")
        }
    } catch let error as IngestError {
        let path = error.location?.path ?? ""
        require(names.contains { path == referenceFolder + "/" + $0 }, "error not located in a reference file: \(error)")
        if let line = error.location?.line { require(line >= 1, "line \(line)") }
    } catch {
        require(false, "not an IngestError: \(error)")
    }
    return 0
}
