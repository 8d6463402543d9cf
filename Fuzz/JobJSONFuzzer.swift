// libFuzzer target over the job-file JSON reader (Sources/Pipeline/JobJSON.swift, compiled in with
// this file): bytes in → a JSON tree or a located syntax error; never a crash, a hang or unbounded
// memory. Built and run by `FUZZ_TARGET=job-json scripts/fuzz.sh`.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let bytes = data.map { Array(UnsafeBufferPointer(start: $0, count: size)) } ?? []
    do {
        _ = try JSONNode.parse(bytes)
    } catch {
        let lines = bytes.reduce(1) { $0 + ($1 == 0x0A ? 1 : 0) }
        if error.line < 1 || error.line > lines || error.column < 1 || error.reason.isEmpty {
            fatalError("an error without a place in the file: \(error)")
        }
    }
    return 0
}
