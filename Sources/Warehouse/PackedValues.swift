/// The packed copy of one file's values (`etl_file_values.packed`, migration 010, which documents the
/// layout). The numbers are packed as SQLite stores them in `fact_indicator_value`, so reading either
/// gives the same doubles bit for bit: NaN is NULL, and -0.0 is 0.0 (SQLite stores a whole REAL as
/// an integer). Whole numbers and numbers with two decimals (most values at national scale) take 4
/// bytes, which keeps a file's copy near 900 bytes: at 8 bytes a number, a copy (~2.1 KB) took a
/// 4 KiB page of its own and made the import write 28 MB more at M. Fixed widths keep reading
/// cheap, one bounds check per fact: varint numbers (~510 bytes a copy) made reading a period's
/// values ~45 % dearer (callgrind at M).
enum PackedValues {
    static let format: UInt8 = 1

    /// How one number is packed (two bits of a fact's kinds byte).
    enum Kind: UInt8 {
        /// NULL; no bytes.
        case absent = 0
        /// A whole number n in Int32's range: n, 4 bytes little-endian.
        case whole = 1
        /// n / 100 for n in Int32's range, when that division gives the number exactly: n, 4 bytes little-endian.
        case hundredths = 2
        /// Any other number: its IEEE 754 bit pattern, 8 bytes little-endian.
        case bits = 3
    }

    /// The bytes of the numbers of a fact whose kinds byte is `kinds`: 0, 4, 4 or 8 for each kind 0…3.
    @inline(__always)
    static func numberBytes(_ kinds: Int) -> Int {
        (((kinds & 3) + 1) / 2 + ((kinds >> 2 & 3) + 1) / 2 + ((kinds >> 4 & 3) + 1) / 2) * 4
    }

    /// Builds packed copies in a buffer reused from file to file, written through a pointer (an
    /// `[UInt8]` appended byte by byte cost ~560 instructions a fact, a sixth of writing the facts).
    final class Encoder {
        /// The most bytes one fact takes: a 10-byte varint, the kinds byte, three 8-byte numbers.
        static let maxFactSize = 35
        private var storage: UnsafeMutableRawBufferPointer
        private var used = 0
        private(set) var count = 0
        private var lastID: Int64 = 0

        init() {
            storage = .allocate(byteCount: 1 + 128 * Self.maxFactSize, alignment: 8)
        }

        deinit {
            storage.deallocate()
        }

        /// The copy built so far (valid until the next `start`).
        var bytes: UnsafeRawBufferPointer { UnsafeRawBufferPointer(rebasing: storage[..<used]) }

        /// Starts a new copy with room for `facts` facts, to be appended in strictly increasing `indicatorID`.
        func start(facts: Int) {
            let needed = 1 + facts * Self.maxFactSize
            if storage.count < needed {
                storage.deallocate()
                storage = .allocate(byteCount: needed, alignment: 8)
            }
            storage[0] = PackedValues.format
            used = 1
            count = 0
            lastID = 0
        }

        func append(indicatorID: Int64, value: Double?, numerator: Double?, denominator: Double?) {
            precondition(count == 0 || indicatorID > lastID, "packed facts out of indicator_id order")
            precondition(storage.count - used >= Self.maxFactSize, "more packed facts than started for")
            var cursor = storage.baseAddress! + used
            Self.write(UInt64(bitPattern: indicatorID &- lastID), at: &cursor)
            lastID = indicatorID
            count += 1
            let packed = (Self.packed(value), Self.packed(numerator), Self.packed(denominator))
            cursor.storeBytes(of: packed.0.kind.rawValue | packed.1.kind.rawValue << 2 | packed.2.kind.rawValue << 4, as: UInt8.self)
            cursor += 1
            Self.write(packed.0, at: &cursor)
            Self.write(packed.1, at: &cursor)
            Self.write(packed.2, at: &cursor)
            used = cursor - storage.baseAddress!
        }

        /// The number as SQLite stores and returns it, in its shortest exact kind. Each kind is
        /// checked by computing the number back from it exactly as `Reader` does, so any candidate
        /// works; conversions truncate (one instruction) instead of calling `rounded()`.
        @inline(__always)
        private static func packed(_ number: Double?) -> (kind: Kind, payload: Int64) {
            guard let number, !number.isNaN else { return (.absent, 0) }
            let limit = 2_147_483_648.0  // 2^31
            if number.magnitude < limit {
                let whole = Int32(number)
                // -0.0 == 0 packs as 0, which is how SQLite returns it.
                if Double(whole) == number { return (.whole, Int64(whole)) }
                let scaled = number * 100
                if scaled.magnitude < limit - 1 {
                    let hundredths = Int32(scaled + (scaled < 0 ? -0.5 : 0.5))
                    if (Double(hundredths) / 100).bitPattern == number.bitPattern { return (.hundredths, Int64(hundredths)) }
                }
            }
            return (.bits, Int64(bitPattern: number.bitPattern))
        }

        @inline(__always)
        private static func write(_ number: (kind: Kind, payload: Int64), at cursor: inout UnsafeMutableRawPointer) {
            switch number.kind {
            case .absent:
                break
            case .whole, .hundredths:
                cursor.storeBytes(of: Int32(truncatingIfNeeded: number.payload).littleEndian, as: Int32.self)
                cursor += 4
            case .bits:
                cursor.storeBytes(of: UInt64(bitPattern: number.payload).littleEndian, as: UInt64.self)
                cursor += 8
            }
        }

        @inline(__always)
        private static func write(_ varint: UInt64, at cursor: inout UnsafeMutableRawPointer) {
            var value = varint
            while value >= 0x80 {
                cursor.storeBytes(of: UInt8(truncatingIfNeeded: value) | 0x80, as: UInt8.self)
                cursor += 1
                value >>= 7
            }
            cursor.storeBytes(of: UInt8(value), as: UInt8.self)
            cursor += 1
        }
    }

    /// One fact of a packed copy.
    struct Fact {
        var indicatorID: Int64
        var value: Double?
        var numerator: Double?
        var denominator: Double?
    }

    /// Reads the facts of a packed copy in order, checking the bytes before using them: anything but
    /// exactly `factCount` facts of format 1 in increasing `indicator_id` throws a `WarehouseError`
    /// (by the `next()` that meets the damage, at the latest the one that would return nil).
    struct Reader {
        private let bytes: UnsafeRawBufferPointer
        private let fileID: Int64
        private let factCount: Int
        private var offset = 1
        private var read = 0
        private var lastID: Int64 = 0

        init(_ bytes: UnsafeRawBufferPointer, factCount: Int, fileID: Int64) throws {
            self.bytes = bytes
            self.fileID = fileID
            self.factCount = factCount
            guard let format = bytes.first else { throw damaged("empty") }
            guard format == PackedValues.format else { throw damaged("format \(format), expected \(PackedValues.format)") }
            guard factCount >= 0 else { throw damaged("fact_count \(factCount)") }
        }

        @inline(__always)
        mutating func next() throws -> Fact? {
            guard read < factCount else {
                guard offset == bytes.count else { throw damaged("\(bytes.count - offset) bytes after fact \(factCount)") }
                return nil
            }
            let id = lastID &+ Int64(bitPattern: try varint())
            guard read == 0 || id > lastID else { throw damaged("indicator \(id) follows \(lastID)") }
            guard offset < bytes.count else { throw cut() }
            let kinds = Int(bytes[offset])
            offset += 1
            guard kinds < 64 else { throw damaged("fact \(read + 1) has kinds byte \(kinds)") }
            guard bytes.count - offset >= PackedValues.numberBytes(kinds) else { throw cut() }
            // The numbers' bytes are all there: read without further checks.
            let fact = Fact(indicatorID: id, value: number(kinds & 3), numerator: number(kinds >> 2 & 3), denominator: number(kinds >> 4))
            lastID = id
            read += 1
            return fact
        }

        @inline(__always)
        private mutating func number(_ kind: Int) -> Double? {
            switch kind {
            case 0:
                return nil
            case 1, 2:
                let n = Double(Int32(littleEndian: bytes.loadUnaligned(fromByteOffset: offset, as: Int32.self)))
                offset += 4
                return kind == 1 ? n : n / 100
            default:
                let bits = UInt64(littleEndian: bytes.loadUnaligned(fromByteOffset: offset, as: UInt64.self))
                offset += 8
                return Double(bitPattern: bits)
            }
        }

        @inline(__always)
        private mutating func varint() throws -> UInt64 {
            var value: UInt64 = 0
            var shift: UInt64 = 0
            while true {
                guard offset < bytes.count else { throw cut() }
                let byte = bytes[offset]
                offset += 1
                guard shift < 64 else { throw damaged("fact \(read + 1) has an overlong varint") }
                value |= UInt64(byte & 0x7F) << shift
                if byte < 0x80 { return value }
                shift += 7
            }
        }

        private func cut() -> WarehouseError {
            damaged("fact \(read + 1) of \(factCount) is cut short")
        }

        private func damaged(_ what: String) -> WarehouseError {
            WarehouseError("""
                the packed values of file \(fileID) (etl_file_values) are damaged: \(what). They are a copy of its rows of \
                fact_indicator_value; delete the copy (DELETE FROM etl_file_values WHERE file_id = \(fileID)) and the rows are read instead
                """)
        }
    }

    /// All the facts of a packed copy (see `Reader`).
    static func decode(_ bytes: UnsafeRawBufferPointer, factCount: Int, fileID: Int64) throws -> [Fact] {
        var reader = try Reader(bytes, factCount: factCount, fileID: fileID)
        var facts: [Fact] = []
        while let fact = try reader.next() { facts.append(fact) }
        return facts
    }
}
