import Testing
@testable import Reporting

@Suite("HTMLWriter: the streamed page's markup and escaping")
struct HTMLWriterTests {
    static let hostile = [
        "", "plain", "&", "<>\"'&", "<script>alert(\"x\")</script> & 'Xã'", "Tỷ lệ \"hồ sơ\"\nđúng hạn, <b>quý</b>",
        "đ<ạ>ữ&ể'\"", "&amp; stays escaped", "😀<😀>", "'--><!--", "a\u{0}b<",
    ]

    func written(_ write: (inout HTMLWriter) -> Void) -> String {
        var writer = HTMLWriter()
        write(&writer)
        return String(decoding: writer.bytes, as: UTF8.self)
    }

    @Test("text and attribute values are escaped exactly as HTMLNode escapes them", arguments: hostile)
    func escaping(text: String) {
        let escaped = HTMLNode.escape(text)
        #expect(written { $0.text(text) } == escaped)
        #expect(written { $0.td(text, text) } == "<td class=\"\(escaped)\">\(escaped)</td>")
        #expect(written { $0.th(text, title: text) } == "<th title=\"\(escaped)\">\(escaped)</th>")
        for forbidden in ["<", ">", "\"", "'"] {
            #expect(!escaped.contains(forbidden))
        }
    }

    @Test("the same bytes as the equivalent HTMLNode tree", arguments: hostile)
    func sameAsTree(text: String) {
        let tree = HTMLNode.table("t", head: [.th(text, title: text)], rows: [.tr([.td(text, "num"), .td([.span(text, "up")], "c")], "r")],
                                  foot: [.td(text)])
        let stream = written { w in
            w.table("t", rowCount: 1, head: { $0.th(text, title: text) }, rows: { w in
                w.tr("r") { w in
                    w.td(text, "num")
                    w.td("c") { $0.span(text, "up") }
                }
            }, foot: { $0.td(text) })
        }
        #expect(stream == tree.rendered())
    }

    @Test("a table without rows is the note “Không có.”, like HTMLNode.table")
    func emptyTable() {
        let stream = written { $0.table("t", rowCount: 0, head: { $0.th("x") }, rows: { _ in }) }
        #expect(stream == "<p class=\"note\">Không có.</p>")
        #expect(stream == HTMLNode.table("t", head: [.th("x")], rows: []).rendered())
    }

    @Test("void elements of a tree have no end tag; other elements close in order")
    func treeInsideStream() {
        let stream = written { w in
            w.section("I. <Tóm tắt>") { $0.node(.el("div", [("class", "a'b")], [.el("hr"), .text("x & y")])) }
        }
        #expect(stream == "<section><h2>I. &lt;Tóm tắt&gt;</h2><div class=\"a&#39;b\"><hr>x &amp; y</div></section>")
    }

    @Test("hostile names reach every streamed section escaped, never as markup")
    func hostileInEverySection() {
        let html = ReportFixture.html()
        let name = HTMLNode.escape(ReportFixture.hostileName)
        let indicator = HTMLNode.escape(ReportFixture.newlineIndicator)
        let sections = html.components(separatedBy: "<section>").dropFirst()
        #expect(sections.count == 9)
        for heading in ["II. Bảng xếp hạng", "IV. Điểm theo lĩnh vực", "V. Các chỉ tiêu chưa đạt", "Phụ lục."] {
            let section = sections.first { $0.hasPrefix("<h2>" + heading) } ?? ""
            #expect(section.contains(name), "\(heading)")
        }
        let misses = sections.first { $0.hasPrefix("<h2>V. ") } ?? ""
        #expect(misses.contains("<li>\(indicator): 95 % / 100 % <span class=\"missed\">(thiếu 5 điểm %)</span></li>"))
        #expect(!html.contains(ReportFixture.hostileName))
        #expect(!html.contains("<b>"))
    }
}
