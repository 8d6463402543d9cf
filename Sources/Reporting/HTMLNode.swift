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

    public func render(into output: inout String) {
        switch self {
        case .text(let text):
            output += Self.escape(text)
        case .trusted(let markup):
            output += markup
        case .element(let name, let attributes, let children):
            output += "<" + name
            for (key, value) in attributes { output += " \(key)=\"\(Self.escape(value))\"" }
            output += ">"
            if Self.voidElements.contains(name) { return }
            for child in children { child.render(into: &output) }
            output += "</\(name)>"
        }
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
