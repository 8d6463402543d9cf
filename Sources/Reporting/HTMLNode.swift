/// A tiny HTML tree: text is escaped when rendered, so input text can never become markup.
public indirect enum HTMLNode: Sendable {
    case element(String, attributes: [(String, String)], children: [HTMLNode])
    case text(String)
    /// Trusted markup written in this module (CSS); never built from input.
    case trusted(String)

    public static func el(_ name: String, _ attributes: [(String, String)] = [], _ children: [HTMLNode] = []) -> HTMLNode {
        .element(name, attributes: attributes, children: children)
    }

    public static func el(_ name: String, _ attributes: [(String, String)] = [], text: String) -> HTMLNode {
        .element(name, attributes: attributes, children: [.text(text)])
    }

    static let voidElements: Set<String> = ["meta", "br", "hr", "col"]

    /// Writes the node and its children, text escaped (see `HTMLWriter`).
    func render(into writer: inout HTMLWriter) {
        switch self {
        case .text(let text):
            writer.text(text)
        case .trusted(let markup):
            writer.trusted(markup)
        case .element(let name, let attributes, let children):
            writer.open(tag: name, attributes: attributes)
            if Self.voidElements.contains(name) { return }
            for child in children { child.render(into: &writer) }
            writer.close(tag: name)
        }
    }

    /// The node as HTML text.
    public func rendered() -> String {
        var writer = HTMLWriter()
        render(into: &writer)
        return String(decoding: writer.bytes, as: UTF8.self)
    }

    static func escape(_ text: String) -> String {
        // Most text has nothing to escape: return it as it is, without rebuilding it scalar by scalar.
        if !text.utf8.contains(where: { $0 == UInt8(ascii: "&") || $0 == UInt8(ascii: "<") || $0 == UInt8(ascii: ">")
                                        || $0 == UInt8(ascii: "\"") || $0 == UInt8(ascii: "'") }) {
            return text
        }
        var result = ""
        result.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": result += "&amp;"
            case "<": result += "&lt;"
            case ">": result += "&gt;"
            case "\"": result += "&quot;"
            case "'": result += "&#39;"
            default: result.unicodeScalars.append(scalar)
            }
        }
        return result
    }
}
