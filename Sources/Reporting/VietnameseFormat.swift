import CCHCCore

/// Numbers and dates as a Vietnamese reader writes them: `1.234,5`, `87,50`, `10/10/2025`.
public enum VietnameseFormat {
    /// A score with exactly 2 decimals: `87,50`; blank for nil.
    public static func score(_ x: Double?) -> String {
        guard let x else { return "" }
        return withScore(x) { String(decoding: $0, as: UTF8.self) }
    }

    /// `score`'s text as UTF-8 bytes handed to `body` (the page writer copies them, no `String`).
    @inline(__always)
    static func withScore<R>(_ x: Double, _ body: (UnsafeBufferPointer<UInt8>) -> R) -> R {
        // Beyond what 2 decimals can count (a hostile 7e67): Rounding's own form.
        guard x.isFinite, (x * 100).magnitude < 9e18 else {
            var text = grouped(Rounding.fixed(x))
            return text.withUTF8(body)
        }
        return DecimalText.withBytes(Rounding.scaled(x), places: 2, droppingTrailingZeros: false,
                                     mark: UInt8(ascii: ","), thousands: UInt8(ascii: "."), body)
    }

    /// A value or target: integers bare, else up to 2 decimals: `95`, `85,5`, `1.250`; blank for nil.
    public static func number(_ x: Double?) -> String {
        guard let x else { return "" }
        return withNumber(x) { String(decoding: $0, as: UTF8.self) }
    }

    /// `number`'s text as UTF-8 bytes handed to `body`.
    @inline(__always)
    static func withNumber<R>(_ x: Double, _ body: (UnsafeBufferPointer<UInt8>) -> R) -> R {
        // Beyond what 2 decimals can count (a hostile 7e67): Rounding's own form, `7,1e+67`.
        guard x.isFinite, x.magnitude * 100 < 9e18 else {
            var text = grouped(Rounding.compact(x))
            return text.withUTF8(body)
        }
        return DecimalText.withBytes(Rounding.scaled(x), places: 2, droppingTrailingZeros: true,
                                     mark: UInt8(ascii: ","), thousands: UInt8(ascii: "."), body)
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
        return DecimalText.vietnamese(Rounding.scaled(share, places: 1), places: 1, droppingTrailingZeros: false) + " %"
    }

    /// `2025-10-10` → `10/10/2025`; anything else unchanged.
    public static func date(_ iso: String) -> String {
        let parts = iso.prefix(10).split(separator: "-")
        guard parts.count == 3 else { return iso }
        return "\(parts[2])/\(parts[1])/\(parts[0])"
    }

    /// `-1234.5` (the dot-decimal text of `Rounding`) → `-1.234,5`; for numbers too large for
    /// `DecimalText`.
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
