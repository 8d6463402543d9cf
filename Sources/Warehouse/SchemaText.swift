/// Byte-level helpers for reading the schema's SQL text: the separators and blanks it uses are all
/// ASCII, and Character-level `split` and Foundation's `trimmingCharacters` made documenting the
/// schema most of the time of creating a warehouse (issue 7).
enum SchemaText {
    /// The lines of `text`, split at `\n` (the schema's SQL has no `\r`).
    static func lines(_ text: String) -> [Substring] {
        var lines: [Substring] = []
        let bytes = text.utf8
        var start = bytes.startIndex
        var index = start
        while index != bytes.endIndex {
            if bytes[index] == UInt8(ascii: "\n") {
                lines.append(text[start..<index])
                start = bytes.index(after: index)
            }
            index = bytes.index(after: index)
        }
        lines.append(text[start...])
        return lines
    }

    /// The first occurrence of the ASCII `needle` in `text`.
    static func firstRange(of needle: StaticString, in text: Substring) -> Range<String.Index>? {
        let pattern = UnsafeBufferPointer(start: needle.utf8Start, count: needle.utf8CodeUnitCount)
        guard let first = pattern.first else { return nil }
        let bytes = text.utf8
        var index = bytes.startIndex
        while index != bytes.endIndex {
            if bytes[index] == first {
                var end = index
                var matched = true
                for byte in pattern {
                    guard end != bytes.endIndex, bytes[end] == byte else { matched = false; break }
                    end = bytes.index(after: end)
                }
                if matched { return index..<end }
            }
            index = bytes.index(after: index)
        }
        return nil
    }

    /// `text` without leading and trailing spaces and tabs.
    static func trimmed(_ text: Substring) -> Substring {
        let isBlank = { (c: Character) in c == " " || c == "\t" }
        guard let first = text.firstIndex(where: { !isBlank($0) }), let last = text.lastIndex(where: { !isBlank($0) }) else {
            return text[text.endIndex...]
        }
        return text[first...last]
    }
}
