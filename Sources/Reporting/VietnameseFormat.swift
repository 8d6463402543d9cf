import CCHCCore

/// Numbers and dates as a Vietnamese reader writes them: `1.234,5`, `87,50`, `10/10/2025`.
public enum VietnameseFormat {
    /// A score with exactly 2 decimals: `87,50`; blank for nil.
    public static func score(_ x: Double?) -> String {
        guard let x else { return "" }
        // Beyond what 2 decimals can count (a hostile 7e67): Rounding's own form.
        guard x.isFinite, (x * 100).magnitude < 9e18 else { return grouped(Rounding.fixed(x)) }
        return decimal(Rounding.scaled(x), places: 2, droppingTrailingZeros: false)
    }

    /// A value or target: integers bare, else up to 2 decimals: `95`, `85,5`, `1.250`; blank for nil.
    public static func number(_ x: Double?) -> String {
        guard let x else { return "" }
        // Beyond what 2 decimals can count (a hostile 7e67): Rounding's own form, `7,1e+67`.
        guard x.isFinite, x.magnitude * 100 < 9e18 else { return grouped(Rounding.compact(x)) }
        return decimal(Rounding.scaled(x), places: 2, droppingTrailingZeros: true)
    }

    /// A signed difference: `+2,5`, `−4`, `0` (a real minus sign, which reads better in print).
    public static func signed(_ x: Double) -> String {
        let text = number(abs(x))
        if text == "0" { return "0" }
        return (x < 0 ? "−" : "+") + text
    }

    /// A share as a percentage with one decimal: `66,7 %`.
    public static func percent(_ part: Int, of whole: Int) -> String {
        guard whole > 0 else { return "" }
        let share = 100 * Double(part) / Double(whole)
        guard share.isFinite, (share * 10).magnitude < 9e18 else { return grouped(Rounding.fixed(share, places: 1)) + " %" }
        return decimal(Rounding.scaled(share, places: 1), places: 1, droppingTrailingZeros: false) + " %"
    }

    /// `2025-10-10` → `10/10/2025`; anything else unchanged.
    public static func date(_ iso: String) -> String {
        let parts = iso.prefix(10).split(separator: "-")
        guard parts.count == 3 else { return iso }
        return "\(parts[2])/\(parts[1])/\(parts[0])"
    }

    /// `scaled` counts of 10^-places written the Vietnamese way, `-1.234,56`: digits put right to
    /// left into a buffer on the stack, so a number costs no allocation (the result fits Swift's
    /// inline small string). Reports print a few hundred thousand of these (issue 7).
    static func decimal(_ scaled: Int64, places: Int, droppingTrailingZeros: Bool) -> String {
        // 20 digits, 6 thousands dots, sign, comma and the decimals.
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 32 + places) { buffer in
            var start = buffer.count
            func put(_ byte: UInt8) {
                start -= 1
                buffer[start] = byte
            }
            var unit: UInt64 = 1
            for _ in 0..<places { unit *= 10 }
            var whole = scaled.magnitude / unit, fraction = scaled.magnitude % unit
            var decimals = places
            if droppingTrailingZeros {
                while decimals > 0, fraction % 10 == 0 {
                    fraction /= 10
                    decimals -= 1
                }
            }
            if decimals > 0 {
                for _ in 0..<decimals {
                    put(UInt8(ascii: "0") + UInt8(fraction % 10))
                    fraction /= 10
                }
                put(UInt8(ascii: ","))
            }
            var digits = 0
            repeat {
                if digits > 0, digits % 3 == 0 { put(UInt8(ascii: ".")) }
                put(UInt8(ascii: "0") + UInt8(whole % 10))
                whole /= 10
                digits += 1
            } while whole > 0
            if scaled < 0 { put(UInt8(ascii: "-")) }
            return String(decoding: UnsafeBufferPointer(rebasing: buffer[start...]), as: UTF8.self)
        }
    }

    /// `-1234.5` (the dot-decimal text of `Rounding`) → `-1.234,5`; for numbers too large for
    /// `decimal`.
    static func grouped(_ plain: String) -> String {
        var body = Substring(plain)
        let negative = body.first == "-"
        if negative { body = body.dropFirst() }
        let parts = body.split(separator: ".", maxSplits: 1, omittingEmptySubsequences: false)
        let whole = Array(parts[0])
        var out = ""
        for (index, digit) in whole.enumerated() {
            if index > 0, (whole.count - index) % 3 == 0 { out.append(".") }
            out.append(digit)
        }
        if parts.count == 2 { out += "," + parts[1] }
        return (negative && out != "0" ? "-" : "") + out
    }
}
