#!/usr/bin/env python3
"""Writes the seed corpus Fuzz/corpus: real-looking submissions of commune 03646 (Sơn La, 14) for
2025-Q3 in every dialect BRIEF §3.2 allows, and files with each kind of error. Deterministic.
Run from the repository root: python3 Fuzz/make-corpus.py"""
import codecs, os, unicodedata

OUT = "Fuzz/corpus"
HEADER = "unit_code,period,indicator_code,value,numerator,denominator,note"
ROWS = [
    ("03646", "2025-Q3", "KIEM_TRA_CCHC", "20", "1", "5", ""),
    ("03646", "2025-Q3", "TTHC_DUNG_HAN", "95.5", "191", "200", "Khảo sát 120 người, quý III"),
    ("03646", "2025-Q3", "HAI_LONG_TTHC", "92,5", "", "", "Người dân \"rất hài lòng\""),
    ("03646", "2025-Q3", "TU_DANH_GIA_CHI_SO", "1", "", "", ""),
    ("03646", "2025-Q3", "DN_THANH_LAP_MOI", "3", "", "", "Đã thành lập mới\nở xã"),
    ("03646", "2025-Q3", "GIAM_CHI_HO_TRO", "2.5%", "", "", ""),
    ("03646", "2025-Q3", "HS_TRUC_TUYEN", "", "70", "100", ""),
    ("03646", "2025-Q3", "SO_HOA_HS_KQ", "", "", "", "chưa có số liệu"),
]

def quote(cell, delim):
    if any(c in cell for c in (delim, '"', "\n", "\r")):
        return '"' + cell.replace('"', '""') + '"'
    return cell

def csv(rows, delim=",", eol="\n", header=HEADER):
    lines = [header.replace(",", delim)] + [delim.join(quote(c, delim) for c in r) for r in rows]
    return eol.join(lines) + eol

def write(name, data):
    if isinstance(data, str):
        data = data.encode("utf-8")
    with open(os.path.join(OUT, name), "wb") as f:
        f.write(data)

def vni(text):
    # VNI-Windows writes a base letter then a tone/shape byte; enough of it to seed the detector.
    table = {"ả": "a3", "á": "a1", "à": "a2", "ạ": "a5", "ã": "a4", "ư": "ö", "ơ": "ô", "ệ": "eä",
             "ố": "oá", "ậ": "aä", "ộ": "oä", "đ": "ñ", "ề": "eà", "ờ": "ôø", "ư": "ö"}
    out = "".join(table.get(c, c) for c in unicodedata.normalize("NFC", text))
    return out.encode("latin-1", "replace")

os.makedirs(OUT, exist_ok=True)
for f in os.listdir(OUT):
    os.remove(os.path.join(OUT, f))
base = csv(ROWS)
write("valid-comma-lf.csv", base)
write("valid-crlf-bom.csv", codecs.BOM_UTF8 + csv(ROWS, eol="\r\n").encode())
write("valid-semicolon.csv", csv(ROWS, delim=";"))
write("valid-tab.csv", csv(ROWS, delim="\t"))
write("valid-nfd.csv", unicodedata.normalize("NFD", base))
write("valid-vietnamese-header.csv", csv(ROWS, header="Mã đơn vị,Kỳ báo cáo,Mã chỉ tiêu,Giá trị,Tử số,Mẫu số,Ghi chú"))
write("valid-alias-header.csv", csv(ROWS, header="ma_don_vi,ky_bao_cao,ma_chi_tieu,gia_tri,tu_so,mau_so,ghi_chu"))
write("valid-utf16le.csv", codecs.BOM_UTF16_LE + base.encode("utf-16-le"))
write("valid-utf16be.csv", codecs.BOM_UTF16_BE + base.encode("utf-16-be"))
import subprocess
for name, encoding in [("valid-windows1258.csv", "CP1258"), ("valid-tcvn3.csv", "TCVN5712-1")]:
    write(name, subprocess.run(["iconv", "-f", "UTF-8", "-t", encoding], input=base.encode(), capture_output=True,
                               check=True).stdout)
# A rough VNI-Windows spelling (not every letter): a seed for the encoding vote, not a valid file.
write("legacy-vni-rough.csv", vni(base))
write("all-blank.csv", csv([(r[0], r[1], r[2], "", "", "", "") for r in ROWS]))
write("thousands.csv", csv([("03646", "2025-Q3", "DN_THANH_LAP_MOI", "1.234", "", "", ""),
                            ("03646", "2025-Q3", "TTHC_DUNG_HAN", "95,5", "", "", "")]))
# One error each.
write("err-empty.csv", "")
write("err-header-only.csv", HEADER + "\n")
write("err-missing-column.csv", "unit_code,period,value\n03646,2025-Q3,95\n")
write("err-unterminated-quote.csv", HEADER + '\n03646,2025-Q3,TTHC_DUNG_HAN,95,,,"never closed\n')
write("err-quote-inside.csv", HEADER + '\n03646,2025-Q3,TTHC_DUNG_HAN,9"5,,,\n')
write("err-non-numeric.csv", csv([("03646", "2025-Q3", "TTHC_DUNG_HAN", "chín lăm", "", "", "")]))
write("err-percent-range.csv", csv([("03646", "2025-Q3", "TTHC_DUNG_HAN", "105", "", "", "")]))
write("err-negative-count.csv", csv([("03646", "2025-Q3", "DN_THANH_LAP_MOI", "-1", "", "", "")]))
write("err-num-above-den.csv", csv([("03646", "2025-Q3", "TTHC_DUNG_HAN", "", "210", "200", "")]))
write("err-disagree.csv", csv([("03646", "2025-Q3", "TTHC_DUNG_HAN", "90", "191", "200", "")]))
write("err-unknown-indicator.csv", csv([("03646", "2025-Q3", "KHONG_CO", "1", "", "", "")]))
write("err-unknown-unit.csv", csv([("99999", "2025-Q3", "TTHC_DUNG_HAN", "95", "", "", "")]))
write("err-other-province.csv", csv([("03390", "2025-Q3", "TTHC_DUNG_HAN", "95", "", "", "")]))
write("err-two-units.csv", csv([ROWS[0], ("03664",) + ROWS[1][1:]]))
write("err-other-period.csv", csv([("03646", "2025-Q2", "TTHC_DUNG_HAN", "95", "", "", "")]))
write("err-duplicate.csv", csv([ROWS[1], ROWS[1]]))
write("err-boolean.csv", csv([("03646", "2025-Q3", "TU_DANH_GIA_CHI_SO", "2", "", "", "")]))
write("err-too-many-cells.csv", HEADER + "\n03646,2025-Q3,HAI_LONG_TTHC,92,5,,,Khảo sát\n")
write("err-invalid-utf8.csv", HEADER.encode() + b"\n03646,2025-Q3,TTHC_DUNG_HAN,95,,,\xff\xfe\xc3\n")
write("hostile-notes.csv", csv([("03646", "2025-Q3", "TTHC_DUNG_HAN", "95", "", "",
                                 "'); DROP TABLE fact_indicator_value; -- <script>alert(1)</script> =HYPERLINK(\"javascript:alert(1)\")")]))
