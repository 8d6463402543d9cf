/// HTML streamed straight into UTF-8 bytes: the province page is ~3 MB of repeated rows, and a tree
/// of `HTMLNode`s for it cost more to build and free than to write (issue 7).
///
/// The same safety as `HTMLNode`: tag and attribute names are `StaticString`s, written in this
/// module and never from input; every text and attribute value goes through `text`/`attribute`,
/// which escape `& < > " '` on the bytes (ASCII bytes never occur inside a multi-byte UTF-8
/// character, so escaping bytes is escaping characters). The output is the same, byte for byte, as
/// `HTMLNode.render` of the equivalent tree.
///
/// A page is a few hundred thousand appends of a few bytes each, so the writer owns its buffer
/// (one `memcpy` per append, no `Array` bookkeeping); hence `~Copyable`, freeing it in `deinit`.
struct HTMLWriter: ~Copyable {
    private var start: UnsafeMutablePointer<UInt8>
    private var count = 0
    private var capacity: Int

    init(capacity: Int = 0) {
        self.capacity = max(capacity, 4096)
        start = .allocate(capacity: self.capacity)
    }

    deinit {
        start.deallocate()
    }

    /// What has been written, as UTF-8.
    var bytes: [UInt8] {
        Array(UnsafeBufferPointer(start: start, count: count))
    }

    // MARK: - Elements

    /// `<name>` or `<name class="…">`.
    mutating func open(_ name: StaticString, class cssClass: String? = nil) {
        append("<")
        append(name)
        if let cssClass { attribute("class", cssClass) }
        append(">")
    }

    /// `<name key="value" …>`, attributes in the order given.
    mutating func open(_ name: StaticString, _ attributes: [(StaticString, String)]) {
        append("<")
        append(name)
        for (key, value) in attributes { attribute(key, value) }
        append(">")
    }

    mutating func close(_ name: StaticString) {
        append("</")
        append(name)
        append(">")
    }

    /// `<name class="…">text</name>`.
    mutating func element(_ name: StaticString, class cssClass: String? = nil, text: String) {
        open(name, class: cssClass)
        self.text(text)
        close(name)
    }

    /// `<name key="value" …>text</name>`.
    mutating func element(_ name: StaticString, _ attributes: [(StaticString, String)], text: String) {
        open(name, attributes)
        self.text(text)
        close(name)
    }

    /// `<name class="…">`, what `body` writes, `</name>`.
    mutating func element(_ name: StaticString, class cssClass: String? = nil, _ body: (inout HTMLWriter) -> Void) {
        open(name, class: cssClass)
        body(&self)
        close(name)
    }

    /// `<name class="…">`, what `body` writes, `</name>`, for a class written in this module (the
    /// cells of the long tables: no `String` to escape).
    mutating func element(_ name: StaticString, fixedClass cssClass: StaticString, _ body: (inout HTMLWriter) -> Void) {
        append("<")
        append(name)
        append(" class=\"")
        append(cssClass)
        append("\">")
        body(&self)
        close(name)
    }

    /// `<name key="value" …>`, what `body` writes, `</name>`.
    mutating func element(_ name: StaticString, _ attributes: [(StaticString, String)], _ body: (inout HTMLWriter) -> Void) {
        open(name, attributes)
        body(&self)
        close(name)
    }

    /// `<name key="value" …>` for `HTMLNode`, whose names are also written in this module.
    mutating func open(tag name: String, attributes: [(String, String)]) {
        append("<")
        trusted(name)
        for (key, value) in attributes {
            append(" ")
            trusted(key)
            append("=\"")
            text(value)
            append("\"")
        }
        append(">")
    }

    mutating func close(tag name: String) {
        append("</")
        trusted(name)
        append(">")
    }

    // MARK: - Text

    /// Input text, escaped.
    mutating func text(_ text: String) {
        var text = text
        text.withUTF8 { appendEscaped($0) }
    }

    /// Markup written in this module (the stylesheet, `<!DOCTYPE html>`); never built from input.
    mutating func trusted(_ markup: String) {
        var markup = markup
        markup.withUTF8 { append($0) }
    }

    mutating func trusted(_ markup: StaticString) {
        append(markup)
    }

    /// Text written in this module with nothing to escape (` %`, `Có`): no `String` made or scanned.
    mutating func literal(_ text: StaticString) {
        append(text)
    }

    /// Markup written earlier by another `HTMLWriter` (`bytes`): the cells a page repeats, made once.
    mutating func written(_ markup: [UInt8]) {
        markup.withUnsafeBufferPointer { append($0) }
    }

    /// `VietnameseFormat.score(x)`, straight into the buffer: digits, `.`, `,` and `-` need no escaping.
    mutating func score(_ x: Double) {
        VietnameseFormat.withScore(x) { append($0) }
    }

    /// `VietnameseFormat.number(x)`, straight into the buffer.
    mutating func number(_ x: Double) {
        VietnameseFormat.withNumber(x) { append($0) }
    }

    // MARK: - Bytes

    /// ` key="escaped value"`.
    private mutating func attribute(_ key: StaticString, _ value: String) {
        append(" ")
        append(key)
        append("=\"")
        text(value)
        append("\"")
    }

    @inline(__always)
    private mutating func append(_ literal: StaticString) {
        // A one-character literal may be stored as a scalar, without a pointer.
        guard literal.hasPointerRepresentation else { return literal.withUTF8Buffer { append($0) } }
        append(literal.utf8Start, count: literal.utf8CodeUnitCount)
    }

    private mutating func append(_ utf8: UnsafeBufferPointer<UInt8>) {
        guard let base = utf8.baseAddress else { return }
        append(base, count: utf8.count)
    }

    @inline(__always)
    private mutating func append(_ source: UnsafePointer<UInt8>, count added: Int) {
        if count + added > capacity { grow(toAtLeast: count + added) }
        (start + count).initialize(from: source, count: added)
        count += added
    }

    private mutating func grow(toAtLeast minimum: Int) {
        let larger = max(minimum, 2 * capacity)
        let moved = UnsafeMutablePointer<UInt8>.allocate(capacity: larger)
        moved.initialize(from: start, count: count)
        start.deallocate()
        start = moved
        capacity = larger
    }

    private mutating func appendEscaped(_ utf8: UnsafeBufferPointer<UInt8>) {
        var done = 0
        for index in utf8.indices {
            let entity: StaticString
            switch utf8[index] {
            case UInt8(ascii: "&"): entity = "&amp;"
            case UInt8(ascii: "<"): entity = "&lt;"
            case UInt8(ascii: ">"): entity = "&gt;"
            case UInt8(ascii: "\""): entity = "&quot;"
            case UInt8(ascii: "'"): entity = "&#39;"
            default: continue
            }
            append(UnsafeBufferPointer(rebasing: utf8[done..<index]))
            append(entity)
            done = index + 1
        }
        append(UnsafeBufferPointer(rebasing: utf8[done...]))
    }
}
