import CCHCCore

/// Numbers as Vietnamese offices write them: `95.5`, `95,5`, `95,5%`, `-3`, thousands grouped as
/// `1.234.567` or `1,234,567`, `1.234,5` or `1,234.5`.
///
/// `1.234` and `1,234` are the one real ambiguity (one mark followed by exactly three digits): it is
/// returned as `.ambiguous`, for the file's other values to settle which mark is the decimal one.
enum NumberText {
    enum Failure: Error { case notANumber }

    /// Which character a file uses as its decimal mark.
    enum DecimalMark: Character, Sendable {
        case point = "."
        case comma = ","

        var other: DecimalMark { self == .point ? .comma : .point }
    }

    enum Reading: Equatable {
        /// A number, and the decimal mark its form proves the writer used (nil when it proves none).
        case number(Double, shows: DecimalMark?)
        /// `1.234`: 1234 when `mark` groups thousands, 1.234 when it is the decimal mark.
        case ambiguous(mark: DecimalMark, asThousands: Double, asDecimal: Double)

        /// The value once the file's decimal mark is known.
        func value(decimalMark: DecimalMark) -> Double {
            switch self {
            case .number(let value, _): value
            case .ambiguous(let mark, let thousands, let decimal): mark == decimalMark ? decimal : thousands
            }
        }
    }

    /// `parse(_: String)` of a cell's UTF-8 bytes: the common cell is read without making a `String`.
    static func parse(_ bytes: UnsafeBufferPointer<UInt8>) throws(Failure) -> Reading? {
        if bytes.isEmpty { return nil }
        if let plain = PlainDecimal(bytes), !plain.looksGrouped, let value = plain.value, value.isFinite {
            return .number(value, shows: plain.fractionDigits > 0 ? .point : nil)
        }
        return try parse(String(decoding: bytes, as: UTF8.self))
    }

    /// Parses `text`; `nil` for a blank cell. A trailing `%` is allowed.
    static func parse(_ text: String) throws(Failure) -> Reading? {
        if text.isEmpty { return nil }
        // Fast path for the common cell (`95.5`, `120`): plain ASCII, read without Character iteration.
        if let plain = PlainDecimal(text.utf8), !plain.looksGrouped, let value = plain.value ?? Double(text), value.isFinite {
            return .number(value, shows: plain.fractionDigits > 0 ? .point : nil)
        }
        var body = text.trimmingASCIIWhitespace()
        if body.isEmpty { return nil }
        if body.hasSuffix("%") {
            body.removeLast()
            body = body.trimmingASCIIWhitespace()
        }
        var sign = ""
        if let first = body.first, first == "-" || first == "+" {
            sign = String(first)
            body.removeFirst()
        }
        guard !body.isEmpty, body.allSatisfy({ $0.isASCII && ($0.isNumber || $0 == "." || $0 == ",") }) else { throw .notANumber }
        let marks = body.filter { $0 == "." || $0 == "," }
        let digits = body.split(separator: ".", omittingEmptySubsequences: false).flatMap { $0.split(separator: ",", omittingEmptySubsequences: false) }
        func number(_ s: String) throws(Failure) -> Double {
            guard let value = Double(sign + s), value.isFinite else { throw .notANumber }
            return value
        }
        func grouped(_ groups: ArraySlice<Substring>) -> Bool {
            guard let first = groups.first, (1...3).contains(first.count), !(first.first == "0") || groups.count == 1 else { return false }
            return groups.dropFirst().allSatisfy { $0.count == 3 }
        }
        switch marks.count {
        case 0:
            return .number(try number(body), shows: nil)
        case 1:
            guard let mark = marks.first.flatMap(DecimalMark.init(rawValue:)), digits.count == 2 else { throw .notANumber }
            let (whole, fraction) = (String(digits[0]), String(digits[1]))
            guard !fraction.isEmpty || !whole.isEmpty else { throw .notANumber }
            let decimal = try number((whole.isEmpty ? "0" : whole) + "." + (fraction.isEmpty ? "0" : fraction))
            if fraction.count == 3, grouped(digits[0...1]) {
                return .ambiguous(mark: mark, asThousands: try number(whole + fraction), asDecimal: decimal)
            }
            return .number(decimal, shows: fraction.isEmpty ? nil : mark)
        default:
            // Several marks: the last one is the decimal mark when it differs from the others,
            // otherwise every mark groups thousands.
            guard let last = marks.last.flatMap(DecimalMark.init(rawValue:)) else { throw .notANumber }
            let groupMark = marks.first.flatMap(DecimalMark.init(rawValue:)) ?? last
            guard marks.dropLast().allSatisfy({ $0 == groupMark.rawValue }) else { throw .notANumber }
            if last == groupMark {
                guard grouped(digits[...]) else { throw .notANumber }
                return .number(try number(digits.joined()), shows: groupMark.other)
            }
            guard grouped(digits.dropLast()), let fraction = digits.last, !fraction.isEmpty else { throw .notANumber }
            return .number(try number(digits.dropLast().joined() + "." + fraction), shows: last)
        }
    }

    /// One `.` followed by exactly three digits after one to three digits: maybe a thousands group.
    static func looksGrouped(_ s: String) -> Bool {
        let bytes = s.utf8.drop { $0 == UInt8(ascii: "+") || $0 == UInt8(ascii: "-") }
        guard let dot = bytes.firstIndex(of: UInt8(ascii: ".")) else { return false }
        let before = bytes.distance(from: bytes.startIndex, to: dot)
        let after = bytes.distance(from: dot, to: bytes.endIndex) - 1
        return after == 3 && (1...3).contains(before) && bytes.first != UInt8(ascii: "0")
    }

    /// Optional sign, digits, at most one `.`, at least one digit; nothing else (no `inf`, `nan`, `1e5`). Read on
    /// the UTF-8 bytes.
    static func isPlainDecimalBytes(_ s: String) -> Bool {
        var sawDigit = false
        var sawDot = false
        var offset = 0
        for byte in s.utf8 {
            switch byte {
            case UInt8(ascii: "+") where offset == 0, UInt8(ascii: "-") where offset == 0: break
            case UInt8(ascii: "0")...UInt8(ascii: "9"): sawDigit = true
            case UInt8(ascii: ".") where !sawDot: sawDot = true
            default: return false
            }
            offset += 1
        }
        return sawDigit
    }

    /// Optional sign, digits and at most one `.`, read in one pass over the bytes: what `parse` needs
    /// to tell a plain cell from a thousands group, and its value when that is cheap to get exactly.
    struct PlainDecimal {
        private(set) var fractionDigits = 0
        /// The value when Clinger's fast path applies, nil when `Double(String)` must read it.
        private(set) var value: Double?
        /// One `.` before exactly three digits, after one to three digits not starting with 0 (`1.234`).
        private(set) var looksGrouped = false

        /// nil when `bytes` is not a plain decimal (see `isPlainDecimalBytes`).
        init?<Bytes: Sequence<UInt8>>(_ bytes: Bytes) {
            var negative = false
            var wholeDigits = 0
            var sawDot = false
            var firstDigit: UInt8 = 0
            // The digits without the point, leading zeros dropped; 19 of them always fit in a UInt64.
            var mantissa: UInt64 = 0
            var significantDigits = 0
            var offset = 0
            for byte in bytes {
                switch byte {
                case UInt8(ascii: "0")...UInt8(ascii: "9"):
                    if wholeDigits == 0 && !sawDot { firstDigit = byte }
                    if sawDot { fractionDigits += 1 } else { wholeDigits += 1 }
                    if significantDigits > 0 || byte != UInt8(ascii: "0") {
                        significantDigits += 1
                        if significantDigits <= 19 { mantissa = mantissa &* 10 &+ UInt64(byte &- UInt8(ascii: "0")) }
                    }
                case UInt8(ascii: "-") where offset == 0: negative = true
                case UInt8(ascii: "+") where offset == 0: break
                case UInt8(ascii: ".") where !sawDot: sawDot = true
                default: return nil
                }
                offset += 1
            }
            guard wholeDigits + fractionDigits > 0 else { return nil }
            looksGrouped = sawDot && fractionDigits == 3 && (1...3).contains(wholeDigits) && firstDigit != UInt8(ascii: "0")
            // Both the mantissa (< 2^53) and 10^k (k <= 22) are exact doubles, so the one division is
            // correctly rounded: the same double strtod returns.
            if significantDigits <= 15, fractionDigits < Self.powersOfTen.count {
                let magnitude = Double(mantissa) / Self.powersOfTen[fractionDigits]
                value = negative ? -magnitude : magnitude
            }
        }

        private static let powersOfTen: [Double] = [
            1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11,
            1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22,
        ]
    }
}
