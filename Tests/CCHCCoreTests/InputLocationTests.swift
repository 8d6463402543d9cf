import Testing
import CCHCCore

@Suite("InputLocation")
struct InputLocationTests {
    @Test("prints path:line:column, leaving out what is unknown", arguments: [
        (InputLocation(path: "inbox/2025-Q3/14/a.csv", line: 7, column: 4), "inbox/2025-Q3/14/a.csv:7:4"),
        (InputLocation(path: "inbox/2025-Q3/14/a.csv", line: 7), "inbox/2025-Q3/14/a.csv:7"),
        (InputLocation(path: "inbox/2025-Q3/14/a.csv"), "inbox/2025-Q3/14/a.csv"),
        (InputLocation(path: "a.csv", line: nil, column: 3), "a.csv"),
        (InputLocation(path: "a.csv", line: 1, column: 1), "a.csv:1:1"),
        (InputLocation(path: "thư mục/tệp.csv", line: 12, column: 10), "thư mục/tệp.csv:12:10"),
    ])
    func description(location: InputLocation, expected: String) {
        #expect(location.description == expected)
        #expect("\(location)" == expected)
    }

    @Test("never prints a zero for an unknown part")
    func noZeros() {
        #expect(!InputLocation(path: "a.csv").description.contains(":0"))
        #expect(!InputLocation(path: "a.csv", line: 3).description.contains(":0"))
    }
}
