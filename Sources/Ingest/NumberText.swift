import CCHCCore

/// Numbers as Vietnamese offices write them: `95.5`, `95,5`, `95,5%`, `-3`, `1 234`.
enum NumberText {
    enum Failure: Error { case notANumber }

    /// Parses `text`; `nil` for a blank cell. A trailing `%` is allowed. One `,` and no `.` is a
    /// decimal comma. Thousands groups and mixed marks are issue-3 territory: they are refused here
    /// rather than guessed.
    static func parse(_ text: String) throws(Failure) -> (value: Double, hadPercentSign: Bool)? {
        // Fast path for the common cell (`95.5`, `120`): plain ASCII, read without Character iteration.
        if isPlainDecimalBytes(text), let value = Double(text), value.isFinite { return (value, false) }
        var body = text.trimmingASCIIWhitespace()
        if body.isEmpty { return nil }
        var percent = false
        if body.hasSuffix("%") {
            percent = true
            body.removeLast()
            body = body.trimmingASCIIWhitespace()
        }
        let commas = body.filter { $0 == "," }.count
        let dots = body.filter { $0 == "." }.count
        if commas == 1, dots == 0 { body = body.replacingOccurrences(of: ",", with: ".") }
        else if commas > 0 { throw .notANumber }
        guard isPlainDecimal(body), let value = Double(body), value.isFinite else { throw .notANumber }
        return (value, percent)
    }

    /// `isPlainDecimal` on the UTF-8 bytes: optional sign, digits, at most one `.`; at least one digit.
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

    /// Optional sign, digits, at most one `.` followed by digits; nothing else (no `inf`, `nan`, `1e5`).
    static func isPlainDecimal(_ s: String) -> Bool {
        var sawDigit = false
        var sawDot = false
        for (offset, c) in s.enumerated() {
            switch c {
            case "+" where offset == 0, "-" where offset == 0: continue
            case "0"..."9": sawDigit = true
            case "." where !sawDot: sawDot = true
            default: return false
            }
        }
        return sawDigit
    }
}
