/// The indices of a sequence of keys grouped by key (a counting sort): group `k` holds, in
/// ascending order, the indices whose key is `k`; a negative key puts its index in no group.
struct Grouping: Sendable {
    private let starts: [Int]
    private let indices: [Int]

    init(keys: some Sequence<Int>, keyCount: Int) {
        var starts = [Int](repeating: 0, count: keyCount + 1)
        for key in keys where key >= 0 { starts[key + 1] += 1 }
        for k in 0..<keyCount { starts[k + 1] += starts[k] }
        var next = starts
        var indices = [Int](repeating: 0, count: starts[keyCount])
        for (index, key) in keys.enumerated() where key >= 0 {
            indices[next[key]] = index
            next[key] += 1
        }
        self.starts = starts
        self.indices = indices
    }

    var keyCount: Int { starts.count - 1 }

    subscript(key: Int) -> ArraySlice<Int> {
        indices[starts[key]..<starts[key + 1]]
    }

    /// Calls `body` with each index of group `key`, in order, without making a slice (which would
    /// retain the storage).
    func forEach(in key: Int, _ body: (Int) -> Void) {
        for position in starts[key]..<starts[key + 1] { body(indices[position]) }
    }
}
