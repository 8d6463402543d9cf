#!/usr/bin/env python3
"""Deterministic generator of the sample inbox shipped with cchc.

Reads Warehouse/reference/{units,indicators,targets}.csv (paths relative to the
repository root, found from this file's own location) and writes synthetic
commune submissions to Jobs/sample/inbox/<period>/<province>/<unit_code>.csv
for every commune of Sơn La (14) and Lai Châu (12).

Python 3 standard library only; no arguments; no clock or hash-order
dependence: the same reference files always give byte-identical output.
The values are invented (plausible around each commune's 2025 target); they
are NOT real reports of any commune.
"""

import csv
import os
import random
import shutil
import unicodedata
from decimal import Decimal, ROUND_HALF_UP
from pathlib import Path

SEED = "cchc-sample-2025"
YEAR = "2025"
PERIODS = ["2025-Q2", "2025-Q3"]
PROVINCES = ["12", "14"]           # Lai Châu, Sơn La (Hà Tĩnh 42 left out on purpose)
MISSING_PER_PERIOD = 3              # communes with no file, per period and province
BLANK_SHARE = 0.02                  # rows reported blank (value, numerator, denominator)
NOTE_SHARE = 0.04                   # rows carrying a note
# Communes whose own plan is in the seeds always submit (their targets are the interesting ones).
ALWAYS_SUBMIT = {"03721", "03549", "18838"}
# Fixed modification time of every file of a period (UTC epoch), so "newer" never depends on the run.
MTIME = {"2025-Q2": 1751875200, "2025-Q3": 1759737600}  # 2025-07-07, 2025-10-06 08:00 UTC
PERIOD_BOUNDS = {"2025-Q2": ("2025-04-01", "2025-06-30"), "2025-Q3": ("2025-07-01", "2025-09-30")}

HEADER = ["unit_code", "period", "indicator_code", "value", "numerator", "denominator", "note"]

# Typical quarterly denominator (what the percentage is "of") for one average commune.
DENOMINATORS = {
    "KIEM_TRA_CCHC": (5, 12),          # offices and units under the commune
    "VB_QPPL_TRIEN_KHAI": (3, 20),     # legal documents to implement
    "VB_QPPL_RA_SOAT": (2, 10),
    "VB_SAI_PHAM_XU_LY": (1, 4),
    "VB_QPPL_DUNG_QD": (1, 6),
    "PHO_BIEN_PHAP_LUAT": (5, 20),
    "TTHC_DUNG_HAN": (150, 1500),      # dossiers
    "HAI_LONG_TTHC": (50, 400),        # survey answers
    "TTHC_CONG_KHAI": (250, 400),      # procedures
    "TTHC_NOI_BO_CONG_BO": (5, 30),
    "PAKN_XU_LY": (1, 12),
    "HS_DONG_BO_CONG_DVC": (150, 1500),
    "CO_CAU_DUNG_QD": (4, 8),
    "PHAN_DINH_CHUC_NANG": (4, 8),
    "CBCC_DAT_CHUAN": (25, 60),        # officials
    "DAO_TAO_BOI_DUONG": (4, 20),      # planned courses
    "VI_TRI_VIEC_LAM": (4, 12),
    "CBCC_BOI_DUONG_SO": (25, 60),
    "GIAI_NGAN_DTC": (5000, 60000),    # million VND
    "NHA_DAT_SAP_XEP": (3, 25),        # premises
    "KIEN_NGHI_TTKT": (2, 15),
    "CONG_KHAI_NGAN_SACH": (5, 20),
    "PHAN_BO_VON_DT": (3000, 40000),   # million VND
    "HS_TRUC_TUYEN": (150, 1500),
    "HS_TT_TOAN_TRINH": (150, 1500),
    "DVC_TOAN_TRINH": (100, 250),
    "SO_HOA_HS_KQ": (150, 1500),
    "TAI_SU_DUNG_DU_LIEU": (150, 1500),
    "TTHC_THANH_TOAN_TT": (20, 60),
    "GD_THANH_TOAN_TT": (40, 500),
    "VB_DIEN_TU_KY_SO": (300, 2500),
    "HS_CONG_VIEC_DT": (100, 800),
    "HAI_LONG_PHUC_VU": (50, 400),
}
DEFAULT_DENOMINATOR = (10, 100)

NOTES = [
    "Số liệu tạm tính",
    "Đã rà soát, đối chiếu với sổ theo dõi",
    "Số liệu tính đến ngày chốt báo cáo theo hướng dẫn của Sở Nội vụ",
    "Giảm do sắp xếp đơn vị hành chính, bộ máy đang ổn định",
    "Tổng hợp từ báo cáo của các phòng, ban",
]
# Extra notes only for indicators counted in dossiers (codes starting with these prefixes).
DOSSIER_PREFIXES = ("HS_", "TTHC_", "SO_HOA", "TAI_SU_DUNG", "GD_THANH_TOAN", "DVC_")
DOSSIER_NOTES = [
    'Số liệu lấy từ phần mềm "Một cửa điện tử"',
    "Số liệu trích xuất từ Hệ thống thông tin giải quyết TTHC tỉnh",
    "Một số hồ sơ trễ hạn do lỗi đường truyền, đã xin lỗi người dân",
]
BLANK_NOTES = [
    "Chưa có số liệu, sẽ báo cáo bổ sung",
    "Không phát sinh trong kỳ",
]


def repo_root():
    return Path(__file__).resolve().parent.parent.parent


def read_csv(path):
    with open(path, encoding="utf-8-sig", newline="") as f:
        return [{k.strip(): (v or "").strip() for k, v in row.items()} for row in csv.DictReader(f)]


def fmt(d):
    """Decimal -> text with '.' and at most 2 decimals, no trailing zeros."""
    q = d.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
    s = format(q, "f")
    if "." in s:
        s = s.rstrip("0").rstrip(".")
    return "0" if s in ("-0", "") else s


def pct(num, den):
    return fmt(Decimal(100 * num) / Decimal(den))


def in_period(unit, period):
    start, end = PERIOD_BOUNDS[period]
    vf, vt = unit.get("valid_from", ""), unit.get("valid_to", "")
    return not (vf and vf > end) and not (vt and vt < start)


def commune_profile(code):
    """Stable per-commune traits: performance level and size."""
    r = random.Random(f"{SEED}|profile|{code}")
    u = r.random()
    level = 0.04 if u < 0.2 else (-0.13 if u > 0.8 else -0.02)   # strong / weak / typical
    size = round(r.uniform(0.5, 1.8), 3)
    return level, size


def gen_row(r, ind, target, quality, size):
    """Return (value, numerator, denominator) strings for one indicator."""
    unit, direction = ind["unit"], ind["direction"]
    t = float(target)
    adj = quality + r.gauss(0, 0.05)
    if unit == "boolean":
        return ("1" if r.random() < (0.6 if quality < -0.08 else 0.93) else "0"), "", ""
    if unit == "count":
        base = t * (1 + adj * 3) if direction == "higher" else t * (1 - adj * 3)
        return str(max(0, int(round(base + r.gauss(0, 0.7))))), "", ""
    if unit == "number":
        base = t * (1 + adj * 3) if direction == "higher" else t * (1 - adj * 3)
        return fmt(Decimal(repr(round(base + r.gauss(0, 1.5), 2)))), "", ""
    # percent
    if direction == "higher":
        rate = t * (1 + adj)
    else:
        rate = t * (1 - adj) if t > 0 else max(0.0, r.gauss(0, 2) - quality * 20)
    rate = min(100.0, max(0.0, rate))
    lo, hi = DENOMINATORS.get(ind["indicator_code"], DEFAULT_DENOMINATOR)
    den = max(1, int(round(r.uniform(lo, hi) * size)))
    num = min(den, max(0, int(round(rate * den / 100.0))))
    if ind["aggregation"] == "ratio":
        return pct(num, den), str(num), str(den)
    return fmt(Decimal(repr(round(rate, 2)))), "", ""


def main():
    root = repo_root()
    ref = root / "Warehouse" / "reference"
    units = read_csv(ref / "units.csv")
    indicators = {row["indicator_code"]: row for row in read_csv(ref / "indicators.csv")}
    targets = {}
    for row in read_csv(ref / "targets.csv"):
        if row["year"] == YEAR:
            targets[(row["scope_code"], row["indicator_code"])] = row["target"]

    out = Path(__file__).resolve().parent / "inbox"
    assert out.parent == root / "Jobs" / "sample"
    if out.exists():
        shutil.rmtree(out)
    out.mkdir()

    files = rows = blanks = notes = 0
    order = lambda code: (int(indicators[code]["domain"]), code)
    for prov in PROVINCES:
        communes = sorted((u for u in units if u["level"] == "commune" and u["parent_code"] == prov),
                          key=lambda u: u["unit_code"])
        missing_before = set()
        for period in PERIODS:
            present = [u for u in communes if in_period(u, period)]
            candidates = sorted(u["unit_code"] for u in present
                                if u["unit_code"] not in ALWAYS_SUBMIT and u["unit_code"] not in missing_before)
            missing = set(random.Random(f"{SEED}|missing|{period}|{prov}").sample(candidates, MISSING_PER_PERIOD))
            missing_before = missing
            pdir = out / period / prov
            pdir.mkdir(parents=True)
            for u in present:
                code = u["unit_code"]
                if code in missing:
                    continue
                level, size = commune_profile(code)
                r = random.Random(f"{SEED}|{period}|{code}")
                quality = level + r.gauss(0, 0.03)
                own = {}
                for (scope, ic), t in targets.items():
                    if scope == prov:
                        own.setdefault(ic, t)
                for (scope, ic), t in targets.items():
                    if scope == code:
                        own[ic] = t
                lines = []
                for ic in sorted(own, key=order):
                    value, num, den = gen_row(r, indicators[ic], own[ic], quality, size)
                    note = ""
                    if r.random() < BLANK_SHARE:
                        value = num = den = ""
                        blanks += 1
                        if r.random() < 0.5:
                            note = r.choice(BLANK_NOTES)
                    elif r.random() < NOTE_SHARE:
                        pool = NOTES + (DOSSIER_NOTES if ic.startswith(DOSSIER_PREFIXES) else [])
                        note = r.choice(pool)
                    if note:
                        notes += 1
                    lines.append([code, period, ic, value, num, den, unicodedata.normalize("NFC", note)])
                path = pdir / f"{code}.csv"
                with open(path, "w", encoding="utf-8", newline="") as f:
                    w = csv.writer(f, lineterminator="\n", quoting=csv.QUOTE_MINIMAL)
                    w.writerow(HEADER)
                    w.writerows(lines)
                os.utime(path, (MTIME[period], MTIME[period]))
                files += 1
                rows += len(lines)
    print(f"wrote {files} files, {rows} rows ({blanks} blank, {notes} with a note) under {out}")


if __name__ == "__main__":
    main()
