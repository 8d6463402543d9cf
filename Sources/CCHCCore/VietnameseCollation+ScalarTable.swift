import Foundation
import Synchronization

extension VietnameseCollation {
    /// `sortKey` without Foundation's NFD and grapheme breaking, for text made only of printable
    /// ASCII, Latin letters (U+0080–U+024F, U+1E00–U+1EFF) and combining diacritics (U+0300–U+036F).
    ///
    /// Reading such text scalar by scalar finds the reference's characters: every base is a starter
    /// that begins a grapheme, every diacritic extends one, and NFD only reorders a character's marks
    /// by combining class, which `Cluster.add` follows for the tone. A scalar's decomposition and its
    /// base's weights come from Foundation and `weights(of:)` the first time the scalar is met (doing
    /// it for every Latin scalar up front would cost as much as keying 600 names). Text the table
    /// cannot decide the same way (a mark with no base, two letter marks on one base, controls, other
    /// scripts) gets `nil`, for the reference to key.
    struct ScalarTable {
        /// A character being read: its base's weights and its marks so far.
        struct Cluster {
            var weight = ScalarTable.unknown
            var isLower = true
            /// The slot of the base, where its weights with a letter mark are kept.
            var baseSlot: UInt16 = 0
            var tone: UInt8 = 0
            var toneClass: UInt8 = 0
            var letterMarkCount: UInt8 = 0
            /// One plus the index in `letterMarks` of the (last) letter mark.
            var letterMark: UInt8 = 0

            /// NFD sorts a character's marks stably by combining class, and the reference takes the last
            /// tone mark: the one of the highest class, the latest among equals.
            mutating func add(_ mark: Mark) {
                if mark.tone != 0 && mark.combiningClass >= toneClass { (tone, toneClass) = (mark.tone, mark.combiningClass) }
                if mark.letterMark != 0 { (letterMarkCount, letterMark) = (letterMarkCount &+ 1, mark.letterMark) }
            }
        }

        struct Mark {
            var isKnown = false
            var isAccepted = false
            var tone: UInt8 = 0
            var combiningClass: UInt8 = 0
            /// One plus its index in `letterMarks`, 0 if it is not one.
            var letterMark: UInt8 = 0
        }

        /// Weights not worked out yet, and weights left to the reference.
        static let unknown: UInt8 = 0xFE
        static let refused: UInt8 = 0xFF
        static let shared = Mutex(ScalarTable())
        static let markRange: Range<UInt32> = 0x300..<0x370
        static let slotCount = 0x250 + 0x100

        /// By slot: the character that the scalar's decomposition makes.
        var characters = [Cluster](repeating: Cluster(), count: slotCount)
        /// By slot of a base, byte i: its weight with `letterMarks[i]` (a → ă).
        var markedWeights = [UInt32](repeating: 0x00FE_FEFE, count: slotCount)
        var marks = [Mark](repeating: Mark(), count: markRange.count)

        /// The slot of a scalar: U+0000–U+024F, then U+1E00–U+1EFF.
        @inline(__always)
        static func slot(_ value: UInt32) -> Int? {
            if value < 0x250 { return Int(value) }
            if value &- 0x1E00 < 0x100 { return 0x250 + Int(value &- 0x1E00) }
            return nil
        }

        static func scalar(atSlot slot: Int) -> Unicode.Scalar {
            Unicode.Scalar(slot < 0x250 ? UInt32(slot) : 0x1E00 + UInt32(slot - 0x250))!
        }

        // MARK: - Filled on first use

        @inline(__always)
        mutating func character(atSlot slot: Int) -> Cluster {
            if characters[slot].weight == Self.unknown {
                let character = makeCharacter(slot: slot)  // fills the base's slot first
                characters[slot] = character
            }
            return characters[slot]
        }

        mutating func makeCharacter(slot: Int) -> Cluster {
            let scalar = Self.scalar(atSlot: slot)
            let decomposition = scalar.isASCII ? [scalar] : Array(String(scalar).decomposedStringWithCanonicalMapping.unicodeScalars)
            let refused = Cluster(weight: Self.refused)
            if decomposition == [scalar] {
                guard Self.isBase(scalar), let alone = weights(of: String(scalar).unicodeScalars) else { return refused }
                return Cluster(weight: UInt8(alone.weight), isLower: alone.isLower, baseSlot: UInt16(slot))
            }
            guard let baseSlot = Self.slot(decomposition[0].value) else { return refused }
            var character = self.character(atSlot: baseSlot)
            for mark in decomposition.dropFirst() {
                guard Self.markRange.contains(mark.value) else { return refused }
                let mark = self.mark(at: Int(mark.value - Self.markRange.lowerBound))
                guard mark.isAccepted else { return refused }
                character.add(mark)
            }
            return character
        }

        /// Printable ASCII, or a scalar that starts a grapheme of its own and is not reordered by NFD.
        static func isBase(_ scalar: Unicode.Scalar) -> Bool {
            if scalar.isASCII { return (0x20...0x7E).contains(scalar.value) }
            guard scalar.properties.canonicalCombiningClass == .notReordered else { return false }
            switch scalar.properties.generalCategory {
            case .control, .format, .surrogate, .privateUse, .unassigned, .lineSeparator, .paragraphSeparator,
                 .nonspacingMark, .spacingMark, .enclosingMark: return false
            default: return true
            }
        }

        /// A nonspacing mark that NFD leaves alone (U+0341 decomposes to the sắc mark, so is refused).
        mutating func mark(at offset: Int) -> Mark {
            if !marks[offset].isKnown {
                let scalar = Unicode.Scalar(Self.markRange.lowerBound + UInt32(offset))!
                let properties = scalar.properties
                let combiningClass = UInt8(properties.canonicalCombiningClass.rawValue)
                marks[offset] = Mark(isKnown: true)
                if combiningClass != 0, properties.generalCategory == .nonspacingMark,
                   Array(String(scalar).decomposedStringWithCanonicalMapping.unicodeScalars) == [scalar] {
                    let letterMark = letterMarks.firstIndex(of: scalar).map { UInt8($0 + 1) } ?? 0
                    marks[offset] = Mark(isKnown: true, isAccepted: true, tone: UInt8(tones[scalar] ?? 0),
                                         combiningClass: combiningClass, letterMark: letterMark)
                }
            }
            return marks[offset]
        }

        /// The weight of the base in `slot` with `letterMarks[index - 1]`.
        mutating func markedWeight(baseSlot slot: Int, letterMark index: UInt8) -> UInt8 {
            let shift = 8 * UInt32(index - 1)
            var weight = UInt8(truncatingIfNeeded: markedWeights[slot] >> shift)
            if weight == Self.unknown {
                let marked = weights(of: (String(Self.scalar(atSlot: slot)) + String(letterMarks[Int(index - 1)])).unicodeScalars)
                weight = marked.flatMap { $0.isLower == characters[slot].isLower ? UInt8($0.weight) : nil } ?? Self.refused
                markedWeights[slot] = markedWeights[slot] & ~(0xFF << shift) | UInt32(weight) << shift
            }
            return weight
        }

        // MARK: - Keys

        /// The key of `text`, or nil when the table cannot decide it.
        mutating func sortKey(_ text: String) -> String? {
            let key = text.utf8.withContiguousStorageIfAvailable { bytes -> String? in
                let count = Self.characterCount(bytes)
                var isDecided = true
                let key = String(unsafeUninitializedCapacity: 4 * count + 2) { key in
                    isDecided = readKey(bytes, characterCount: count, into: key)
                    return isDecided ? 4 * count + 2 : 0
                }
                return isDecided ? key : nil
            }
            return key ?? nil
        }

        /// The number of characters of text the table decides: its scalars other than U+0300–U+036F
        /// (UTF-8 CC 80 to CD AF).
        static func characterCount(_ bytes: UnsafeBufferPointer<UInt8>) -> Int {
            var count = 0
            var previous: UInt8 = 0
            for byte in bytes {
                if byte & 0xC0 != 0x80 { count += 1 }
                if previous == 0xCC || (previous == 0xCD && byte < 0xB0) { count -= 1 }
                previous = byte
            }
            return count
        }

        /// Writes the key of the UTF-8 `bytes` into `key` (4 × count + 2 bytes: weights, `!`, tones,
        /// `!`, case flags); false if the table cannot decide it.
        private mutating func readKey(_ bytes: UnsafeBufferPointer<UInt8>, characterCount count: Int,
                                      into key: UnsafeMutableBufferPointer<UInt8>) -> Bool {
            var character = Cluster()
            var index = -1
            var i = 0
            while i < bytes.count {
                let lead = bytes[i]
                var value = UInt32(lead)
                if lead < 0x80 {
                    i += 1
                } else if lead < 0xE0 {
                    value = (value & 0x1F) << 6 | UInt32(bytes[i + 1] & 0x3F)
                    i += 2
                } else if lead < 0xF0 {
                    value = (value & 0x0F) << 12 | UInt32(bytes[i + 1] & 0x3F) << 6 | UInt32(bytes[i + 2] & 0x3F)
                    i += 3
                } else {
                    return false
                }
                if let slot = Self.slot(value) {
                    let next = self.character(atSlot: slot)
                    guard next.weight != Self.refused else { return false }
                    if index >= 0 {
                        guard write(character, at: index, characterCount: count, into: key) else { return false }
                    }
                    index += 1
                    character = next
                } else if Self.markRange.contains(value), index >= 0 {
                    let mark = mark(at: Int(value - Self.markRange.lowerBound))
                    guard mark.isAccepted else { return false }
                    character.add(mark)
                } else {
                    return false
                }
            }
            if index >= 0 {
                guard write(character, at: index, characterCount: count, into: key) else { return false }
            }
            guard index + 1 == count else { return false }
            key[2 * count] = UInt8(ascii: "!")
            key[3 * count + 1] = UInt8(ascii: "!")
            return true
        }

        /// Writes the character's weight, tone and case; false if the reference must decide its weight.
        @inline(__always)
        private mutating func write(_ character: Cluster, at index: Int, characterCount count: Int,
                                    into key: UnsafeMutableBufferPointer<UInt8>) -> Bool {
            let weight: UInt8
            switch character.letterMarkCount {
            case 0: weight = character.weight
            case 1: weight = markedWeight(baseSlot: Int(character.baseSlot), letterMark: character.letterMark)
            default: return false
            }
            guard weight != Self.refused, index < count else { return false }
            key[2 * index] = UInt8(ascii: "0") + weight / 10
            key[2 * index + 1] = UInt8(ascii: "0") + weight % 10
            key[2 * count + 1 + index] = UInt8(ascii: "0") + character.tone
            key[3 * count + 2 + index] = character.isLower ? UInt8(ascii: "0") : UInt8(ascii: "1")
            return true
        }
    }
}
