/// The warehouse documents itself from the comments written into its schema: every column line of a
/// `CREATE TABLE` ends with `-- English | Tiếng Việt`, a `-- @table:` (or `-- @view:`) line describes
/// the table or view, and `-- @column name:` lines describe a view's computed columns. A view's other
/// columns take the description of the table column of the same name, from the tables in the order
/// the view names them. `refresh` rebuilds `meta_doc` from that text with the last migration a run applies.
public struct SchemaDocumentation {
    public struct Entry: Equatable, Sendable {
        public var objectName: String
        public var objectType: String
        /// `""` for the table or view itself.
        public var columnName: String
        public var position: Int
        public var english: String
        public var vietnamese: String
    }

    /// Every table, view and column of `database`, documented or not (undocumented ones have empty descriptions).
    public static func entries(in database: Database) throws -> [Entry] {
        let objects = try database.prepare("""
            SELECT name, type, sql FROM sqlite_schema
            WHERE type IN ('table', 'view') AND name NOT LIKE 'sqlite_%' AND sql IS NOT NULL
            ORDER BY type = 'view', rowid
            """).rows { (name: $0.text(0), type: $0.text(1), sql: $0.text(2)) }
        let columnsStatement = try database.prepare("SELECT name FROM pragma_table_info(?) ORDER BY cid")
        func columns(of object: String) throws -> [String] {
            try columnsStatement.rows(.text(object)) { $0.text(0) }
        }

        var tableDocs: [String: [String: Description]] = [:]
        var entries: [Entry] = []
        for object in objects where object.type == "table" {
            let parsed = parseTable(object.sql)
            tableDocs[object.name] = parsed.columns
            entries += try entriesFor(object.name, type: "table", own: parsed.own, columns: columns(of: object.name)) {
                parsed.columns[$0]
            }
        }
        for object in objects where object.type == "view" {
            let parsed = parseView(object.sql)
            let sources = tablesNamed(in: parsed.body, among: Array(tableDocs.keys))
            entries += try entriesFor(object.name, type: "view", own: parsed.own, columns: columns(of: object.name)) { column in
                parsed.columns[column] ?? sources.lazy.compactMap { tableDocs[$0]?[column] }.first
            }
        }
        return entries
    }

    /// Replaces the rows of `meta_doc` with `entries(in:)`. Call inside the migration's transaction.
    public static func refresh(_ database: Database) throws {
        let entries = try entries(in: database)
        try database.execute("DELETE FROM meta_doc")
        let insert = try database.prepare("""
            INSERT INTO meta_doc (object_name, object_type, column_name, position, description_en, description_vi)
            VALUES (?, ?, ?, ?, ?, ?)
            """)
        for entry in entries {
            try insert.run(.text(entry.objectName), .text(entry.objectType), .text(entry.columnName),
                           .integer(Int64(entry.position)), .text(entry.english), .text(entry.vietnamese))
        }
    }

    // MARK: - Parsing the schema's text

    struct Description: Equatable {
        var english: String
        var vietnamese: String

        /// `English | Tiếng Việt`; without the bar everything is English and the Vietnamese is empty.
        init(_ comment: Substring) {
            if let bar = SchemaText.firstRange(of: " | ", in: comment) {
                english = String(SchemaText.trimmed(comment[..<bar.lowerBound]))
                vietnamese = String(SchemaText.trimmed(comment[bar.upperBound...]))
            } else {
                english = String(SchemaText.trimmed(comment))
                vietnamese = ""
            }
        }
    }

    private static let constraintWords: Set<String> = ["PRIMARY", "UNIQUE", "CHECK", "FOREIGN", "CONSTRAINT"]

    /// A table's own description and its columns' descriptions, from the lines of its `CREATE TABLE`.
    static func parseTable(_ sql: String) -> (own: Description?, columns: [String: Description]) {
        var own: Description?
        var columns: [String: Description] = [:]
        for line in SchemaText.lines(sql).dropFirst() {
            guard let (code, comment) = splitComment(line) else { continue }
            if let text = directive("@table:", in: comment) {
                own = Description(text)
                continue
            }
            for name in columnNames(declaredIn: code) {
                columns[name] = Description(comment)
            }
        }
        return (own, columns)
    }

    /// A view's own description, its `@column` descriptions, and its SQL without comments.
    static func parseView(_ sql: String) -> (own: Description?, columns: [String: Description], body: String) {
        var own: Description?
        var columns: [String: Description] = [:]
        var body: [Substring] = []
        for line in SchemaText.lines(sql) {
            guard let (code, comment) = splitComment(line) else {
                body.append(line)
                continue
            }
            body.append(code)
            if let text = directive("@view:", in: comment) {
                own = Description(text)
            } else if let text = directive("@column", in: comment), let colon = text.firstIndex(of: ":") {
                let name = String(SchemaText.trimmed(text[..<colon]))
                columns[name] = Description(text[text.index(after: colon)...])
            }
        }
        return (own, columns, body.joined(separator: "\n"))
    }

    private static func entriesFor(_ object: String, type: String, own: Description?, columns: [String],
                                   describe: (String) -> Description?) throws -> [Entry] {
        var entries = [Entry(objectName: object, objectType: type, columnName: "", position: 0,
                             english: own?.english ?? "", vietnamese: own?.vietnamese ?? "")]
        for (index, column) in columns.enumerated() {
            let description = describe(column)
            entries.append(Entry(objectName: object, objectType: type, columnName: column, position: index + 1,
                                 english: description?.english ?? "", vietnamese: description?.vietnamese ?? ""))
        }
        return entries
    }

    /// The code before `--` and the comment after it; nil when the line has no comment.
    private static func splitComment(_ line: Substring) -> (code: Substring, comment: Substring)? {
        guard let dashes = SchemaText.firstRange(of: "--", in: line) else { return nil }
        return (line[..<dashes.lowerBound], line[dashes.upperBound...].drop { $0 == " " })
    }

    private static func directive(_ name: String, in comment: Substring) -> Substring? {
        comment.hasPrefix(name) ? comment.dropFirst(name.count) : nil
    }

    /// `d1 REAL, d2 REAL,` declares d1 and d2; `PRIMARY KEY (…)` declares nothing.
    private static func columnNames(declaredIn code: Substring) -> [String] {
        var names: [String] = []
        var depth = 0
        var segmentStart = code.startIndex
        func finishSegment(at end: String.Index) {
            let segment = SchemaText.trimmed(code[segmentStart..<end])
            let firstWord = segment.prefix { $0 != " " && $0 != "\t" }
            let name = withoutQuotes(firstWord)
            if !name.isEmpty, !constraintWords.contains(name.uppercased()) { names.append(String(name)) }
        }
        let bytes = code.utf8
        var index = bytes.startIndex
        while index != bytes.endIndex {
            switch bytes[index] {
            case UInt8(ascii: "("): depth += 1
            case UInt8(ascii: ")"): depth -= 1
            case UInt8(ascii: ",") where depth == 0:
                finishSegment(at: index)
                segmentStart = bytes.index(after: index)
            default: break
            }
            index = bytes.index(after: index)
        }
        finishSegment(at: code.endIndex)
        return names
    }

    /// `word` without the `"`, `` ` ``, `[` and `]` that quote an identifier, at either end.
    private static func withoutQuotes(_ word: Substring) -> Substring {
        let isQuote = { (c: Character) in c == "\"" || c == "`" || c == "[" || c == "]" }
        guard let first = word.firstIndex(where: { !isQuote($0) }), let last = word.lastIndex(where: { !isQuote($0) }) else {
            return word[word.endIndex...]
        }
        return word[first...last]
    }

    /// The tables a view's SQL names, in the order it first names them. Words are runs of ASCII
    /// letters, digits, `_` and non-ASCII bytes (the letters of any Vietnamese in the SQL's text).
    private static func tablesNamed(in body: String, among tables: [String]) -> [String] {
        let known = Set(tables)
        var seen: [String] = []
        let bytes = body.utf8
        var wordStart: String.Index?
        var index = bytes.startIndex
        func finishWord() {
            guard let start = wordStart else { return }
            wordStart = nil
            let word = String(body[start..<index])
            if known.contains(word) && !seen.contains(word) { seen.append(word) }
        }
        while index != bytes.endIndex {
            if isWordByte(bytes[index]) {
                if wordStart == nil { wordStart = index }
            } else {
                finishWord()
            }
            index = bytes.index(after: index)
        }
        finishWord()
        return seen
    }

    private static func isWordByte(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
             UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "_"), 0x80...: true
        default: false
        }
    }
}
