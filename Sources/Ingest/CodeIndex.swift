import Foundation

/// Numbers looked up by a code's UTF-8 bytes: an open-addressing table with FNV-1a, so a cell is
/// found without making a `String` of it and hashing that (the indicator of every row, issue 7).
///
/// Keys are stored in NFC, the form the CSV reader gives every cell, so byte equality with a cell
/// is the canonical equivalence `String` compares by.
struct CodeIndex: Sendable {
    /// Per slot, the key's number + 1; 0 for an empty slot. A power of two long, under half full.
    private var slots: [Int32] = [0]
    private var keyBytes: [UInt8] = []
    /// Per number, where its key's bytes end in `keyBytes` (and the next key's begin).
    private var keyEnds: [Int] = []
    private var keyStarts: [Int] = []
    private var numbers: [Int] = []

    init() {}

    /// `keys[i]` gets number `numbers[i]`; of keys that are equal in NFC, the first is kept.
    init(_ entries: [(key: String, number: Int)]) {
        var size = 8
        while size < entries.count * 2 { size *= 2 }
        slots = Array(repeating: 0, count: size)
        for (key, number) in entries {
            let bytes = Array(key.precomposedStringWithCanonicalMapping.utf8)
            let found = bytes.withUnsafeBufferPointer { find($0) }
            guard case .empty(let slot) = found else { continue }
            keyStarts.append(keyBytes.count)
            keyBytes += bytes
            keyEnds.append(keyBytes.count)
            numbers.append(number)
            slots[slot] = Int32(numbers.count)
        }
    }

    /// The number of the key whose bytes are `bytes`.
    func number(of bytes: UnsafeBufferPointer<UInt8>) -> Int? {
        if case .key(let entry) = find(bytes) { numbers[entry] } else { nil }
    }

    private func keyBytes(of entry: Int, equal bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        keyBytes.withUnsafeBufferPointer { keys in
            let start = keyStarts[entry]
            for index in 0..<bytes.count where keys[start + index] != bytes[index] { return false }
            return true
        }
    }

    private enum Found { case key(Int), empty(Int) }

    private func find(_ bytes: UnsafeBufferPointer<UInt8>) -> Found {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in bytes { hash = (hash ^ UInt64(byte)) &* 0x0000_0100_0000_01b3 }
        let mask = slots.count - 1
        var slot = Int(truncatingIfNeeded: hash ^ (hash >> 29)) & mask
        while true {
            let entry = Int(slots[slot]) - 1
            if entry < 0 { return .empty(slot) }
            if keyEnds[entry] - keyStarts[entry] == bytes.count, keyBytes(of: entry, equal: bytes) { return .key(entry) }
            slot = (slot + 1) & mask
        }
    }
}
