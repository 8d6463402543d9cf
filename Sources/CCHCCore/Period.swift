/// A reporting period: a year (`2025`), a half (`2025-H2`), a quarter (`2025-Q3`) or a month (`2025-07`).
public struct Period: Hashable, Comparable, Sendable, CustomStringConvertible {
    public enum Kind: String, Sendable, CaseIterable {
        case year, half, quarter, month

        /// How many months one period of this kind spans.
        var months: Int {
            switch self {
            case .year: 12
            case .half: 6
            case .quarter: 3
            case .month: 1
            }
        }
    }

    public let kind: Kind
    public let year: Int
    /// 1-based index within the year (1 for a year).
    public let number: Int

    public init?(kind: Kind, year: Int, number: Int) {
        guard (1000...9999).contains(year), (1...(12 / kind.months)).contains(number) else { return nil }
        self.kind = kind
        self.year = year
        self.number = number
    }

    /// Parses the canonical text forms; surrounding whitespace is ignored, letters in any case.
    public init?(_ text: some StringProtocol) {
        if let canonical = Period.canonical(text.utf8) {  // every row of every file names its period: keep it cheap
            self = canonical
            return
        }
        let s = text.trimmingASCIIWhitespace().uppercased()
        let parts = s.split(separator: "-", omittingEmptySubsequences: false)
        guard let first = parts.first, first.count == 4, let year = Int(first) else { return nil }
        switch parts.count {
        case 1:
            self.init(kind: .year, year: year, number: 1)
        case 2:
            let tail = parts[1]
            if tail.count == 2, tail.first == "Q", let n = Int(tail.dropFirst()) {
                self.init(kind: .quarter, year: year, number: n)
            } else if tail.count == 2, tail.first == "H", let n = Int(tail.dropFirst()) {
                self.init(kind: .half, year: year, number: n)
            } else if tail.count == 2, tail.allSatisfy(\.isASCIIDigit), let n = Int(tail) {
                self.init(kind: .month, year: year, number: n)
            } else {
                return nil
            }
        default:
            return nil
        }
    }

    /// The exact canonical forms (`2025`, `2025-Q3`, `2025-H2`, `2025-07`) read byte by byte; nil
    /// for anything else, which the general parser then reads (or refuses).
    static func canonical(_ bytes: some Sequence<UInt8>) -> Period? {
        var count = 0, year = 0, number = 0
        var kind = Kind.year
        for byte in bytes {
            let digit = byte &- UInt8(ascii: "0")
            switch count {
            case 0...3:
                guard digit < 10 else { return nil }
                year = year * 10 + Int(digit)
            case 4:
                guard byte == UInt8(ascii: "-") else { return nil }
            case 5:
                if byte == UInt8(ascii: "Q") { kind = .quarter }
                else if byte == UInt8(ascii: "H") { kind = .half }
                else if digit < 10 { kind = .month; number = Int(digit) }
                else { return nil }
            case 6:
                guard digit < 10 else { return nil }
                number = number * 10 + Int(digit)
            default:
                return nil
            }
            count += 1
        }
        switch count {
        case 4: return Period(kind: .year, year: year, number: 1)
        case 7: return Period(kind: kind, year: year, number: number)
        default: return nil
        }
    }

    public var description: String {
        switch kind {
        case .year: "\(year)"
        case .half: "\(year)-H\(number)"
        case .quarter: "\(year)-Q\(number)"
        case .month: number < 10 ? "\(year)-0\(number)" : "\(year)-\(number)"
        }
    }

    /// The period of the same kind just before this one (2025-Q2 for 2025-Q3, 2024 for 2025).
    public var previous: Period {
        if number > 1 { return Period(kind: kind, year: year, number: number - 1)! }
        return Period(kind: kind, year: year - 1, number: 12 / kind.months)!
    }

    /// First day, as `yyyy-mm-dd`.
    public var startDate: String { Self.isoDate(year: year, month: (number - 1) * kind.months + 1, day: 1) }

    /// Last day, as `yyyy-mm-dd`.
    public var endDate: String {
        let month = number * kind.months
        return Self.isoDate(year: year, month: month, day: Self.daysIn(month: month, year: year))
    }

    /// The Vietnamese label used in reports: `Quý III/2025`, `6 tháng cuối năm 2025`, `Năm 2025`, `Tháng 7/2025`.
    public var vietnameseLabel: String {
        switch kind {
        case .year: "Năm \(year)"
        case .half: number == 1 ? "6 tháng đầu năm \(year)" : "6 tháng cuối năm \(year)"
        case .quarter: "Quý \(["I", "II", "III", "IV"][number - 1])/\(year)"
        case .month: "Tháng \(number)/\(year)"
        }
    }

    /// Whether the closed date range `[from, to]` (ISO dates, nil = open) overlaps this period.
    public func overlaps(validFrom from: String?, validTo to: String?) -> Bool {
        if let from, !from.isEmpty, from > endDate { return false }
        if let to, !to.isEmpty, to < startDate { return false }
        return true
    }

    public static func < (lhs: Period, rhs: Period) -> Bool {
        (lhs.startDate, lhs.endDate) < (rhs.startDate, rhs.endDate)
    }

    static func isoDate(year: Int, month: Int, day: Int) -> String {
        func pad(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }
        return "\(year)-\(pad(month))-\(pad(day))"
    }

    static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }
}

extension StringProtocol {
    /// The text without leading and trailing ASCII spaces, tabs, CR and LF.
    public func trimmingASCIIWhitespace() -> String {
        // Fast path (every CSV cell comes through here): when neither the first nor the last byte is
        // ASCII whitespace, neither is the first or last Character, so there is nothing to trim.
        func isSpaceByte(_ b: UInt8) -> Bool { b == 0x20 || b == 0x09 || b == 0x0D || b == 0x0A }
        let text = String(self)  // no copy when `self` is a String
        guard let first = text.utf8.first, let last = text.utf8.last else { return "" }
        if !isSpaceByte(first) && !isSpaceByte(last) { return text }
        // "\r\n" is one Character in Swift, equal to neither "\r" nor "\n".
        let isSpace: (Character) -> Bool = { $0 == " " || $0 == "\t" || $0 == "\r" || $0 == "\n" || $0 == "\r\n" }
        guard let start = firstIndex(where: { !isSpace($0) }) else { return "" }
        let end = lastIndex(where: { !isSpace($0) })!
        return String(self[start...end])
    }
}

extension Character {
    var isASCIIDigit: Bool { isASCII && isNumber }
}
