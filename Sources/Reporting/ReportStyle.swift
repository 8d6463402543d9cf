/// The stylesheet of `report.html` and `national.html`: screen and A4 print, no web fonts, no
/// network. Trusted text written here, never built from input.
enum ReportStyle {
    static let css = """
    :root{--ink:#1b1b1b;--muted:#5a5a5a;--rule:#b9b9b9;--head:#e9edf3;--accent:#8b1a1a}
    *{box-sizing:border-box}
    body{font-family:"Times New Roman","Liberation Serif","DejaVu Serif",serif;font-size:13pt;line-height:1.35;color:var(--ink);
      max-width:1100px;margin:0 auto;padding:24px 32px;background:#fff}
    .letterhead{display:flex;justify-content:space-between;text-align:center;font-size:12pt;margin-bottom:10px}
    .letterhead>div{flex:0 0 48%}
    .letterhead .org{font-weight:bold;text-transform:uppercase}
    .letterhead .motto{font-weight:bold}
    .letterhead hr{width:40%;margin:3px auto 0;border:0;border-top:1px solid var(--ink)}
    .place-date{text-align:right;font-style:italic;margin:4px 0 18px}
    .doc-title{text-align:center;margin:0 0 20px}
    .doc-title h1{font-size:16pt;margin:0;text-transform:uppercase}
    .doc-title p{margin:2px 0;font-weight:bold}
    h2{font-size:14pt;margin:26px 0 8px;color:var(--accent);break-after:avoid}
    h3{font-size:12.5pt;margin:14px 0 6px;break-after:avoid}
    p.note{color:var(--muted);font-size:10.5pt;margin:4px 0 8px}
    .cards{display:flex;flex-wrap:wrap;gap:10px;margin:8px 0 10px}
    .card{flex:1 1 150px;border:1px solid var(--rule);border-radius:4px;padding:8px 10px;break-inside:avoid}
    .card .big{font-size:20pt;font-weight:bold;line-height:1.1}
    .card .what{font-size:10.5pt;color:var(--muted)}
    table{border-collapse:collapse;width:100%;font-size:10.5pt;margin:4px 0 12px}
    th,td{border:1px solid var(--rule);padding:2px 5px;vertical-align:top}
    th{background:var(--head);font-weight:bold;text-align:center}
    td.num{text-align:right;white-space:nowrap;font-variant-numeric:tabular-nums}
    td.c{text-align:center;white-space:nowrap}
    td.code{font-family:"DejaVu Sans Mono",monospace;font-size:9pt;white-space:nowrap}
    tr.unranked td{color:var(--muted);font-style:italic}
    tfoot td{font-weight:bold;background:#f6f6f6}
    .up{color:#1a6e3a}.down{color:#b8322b}.same{color:var(--muted)}
    .met{color:#1a6e3a}.missed{color:#b8322b}.missing{color:#8a5a00}
    .g-excellent{background:#9fd1ad}.g-good{background:#d6ecd4}.g-fair{background:#faecb5}
    .g-average{background:#f6c99c}.g-weak{background:#ee9f98}
    .legend{display:flex;flex-wrap:wrap;gap:6px 14px;font-size:10pt;margin:2px 0 8px}
    .legend span.sw{display:inline-block;width:14px;height:11px;border:1px solid var(--rule);vertical-align:middle;margin-right:4px}
    table.heat td.num{text-align:center}
    ul.misses{margin:0;padding:0;list-style:none;font-size:10pt}
    ul.misses li{display:inline}
    ul.misses li:not(:last-child)::after{content:" · ";color:var(--muted)}
    figure{margin:6px 0 12px;break-inside:avoid}
    td.name{white-space:nowrap}
    figure svg{display:block;width:100%;max-width:900px;height:auto}
    figcaption{font-size:10pt;color:var(--muted)}
    details{border:1px solid var(--rule);border-radius:3px;margin:4px 0;padding:2px 8px;break-inside:avoid}
    details summary{cursor:pointer;padding:2px 0}
    details table{margin-top:6px}
    footer{margin-top:26px;border-top:1px solid var(--rule);padding-top:6px;font-size:10pt;color:var(--muted)}
    @page{size:A4 portrait;margin:14mm 12mm 14mm 12mm}
    @media print{
      body{max-width:none;padding:0;font-size:11.5pt}
      table{font-size:9pt}
      table.ranking{font-size:8pt}
      table.ranking .code{display:none}
      ul.misses{font-size:8.5pt}
      .letterhead{font-size:10.5pt}
      .letterhead>div:first-child{flex-basis:40%}.letterhead>div:last-child{flex-basis:58%}
      th,td{padding:1px 3px}
      thead{display:table-header-group}
      tfoot{display:table-row-group}
      tr,img,svg{break-inside:avoid}
      table.misses-table tr{break-inside:auto}
      figure svg{max-height:238mm;width:auto}
      h2{break-after:avoid}
      .cards .card .big{font-size:16pt}
      details{border:0;padding:0}
      *{-webkit-print-color-adjust:exact;print-color-adjust:exact}
    }
    """
}
