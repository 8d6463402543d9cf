#!/usr/bin/env python3
"""Deterministic generator of CLEAN, valid cchc data in the BRIEF's canonical formats.

The repository's copy of the performance anchors' generator (shared/bench/gen_scale.py): same
arguments, same seed, byte-identical output, so our figures and the anchors' come from the same
files. Used by scripts/bench/compare.py; anyone can use it to try `cchc run` at scale:

  python3 scripts/bench/gen_scale.py --provinces 34 --communes-per-province 100 --indicators 80 \
      --periods 2025-Q2,2025-Q3 --out /tmp/cchc-M
  cchc run --reference /tmp/cchc-M/reference --inbox /tmp/cchc-M/inbox --warehouse /tmp/cchc-M/w.sqlite \
      --reports /tmp/cchc-M/reports --period 2025-Q3

Usage:
  gen_scale.py --provinces P --communes-per-province C --indicators K \
               --periods 2025-Q1,2025-Q2 --out DIR [--seed N]

Writes
  DIR/reference/units.csv       unit_code,unit_name,parent_code,level
  DIR/reference/indicators.csv  indicator_code,domain,name_vi,name_en,unit,direction,weight,aggregation
  DIR/reference/targets.csv     scope_code,year,indicator_code,target,source
  DIR/inbox/<period>/<province_code>/<commune_code>.csv   one file per commune per period
  DIR/all_facts.csv             every submission row, one header (for bulk-load baselines)
  DIR/manifest.json             parameters and counts

Everything is valid per BRIEF 3 (nothing here should be rejected):
  * comma-delimited UTF-8 (no BOM), LF, canonical header, '.' decimal mark;
  * codes are digit strings with leading zeros (province "01", commune "01001") like the real
    Vietnamese administrative codes -- a loader that type-sniffs them as integers is wrong;
  * percent indicators carry numerator/denominator; value = round(100*num/den, 2), and ~5 % of
    percent rows leave value blank (valid: value is then 100*num/den);
  * ~2 % of rows have a blank value and no num/den ("missing", not an error);
  * ~1 % of (commune, indicator) rows are simply absent from the file (also "missing");
  * ~1 % of (commune, period) pairs have no file at all (-> not_submitted);
  * ~3 % of notes are Vietnamese free text, some with commas (RFC 4180 quoted);
  * ~3 % of (province, indicator, year) have no province target (untargeted), ~15 % of communes
    override ~10 % of their targets.
Output is byte-identical for identical arguments (seeded by strings, not by hash()).
"""
import argparse
import csv
import io
import json
import os
import random
import sys

SYL = ["Mường", "Chiềng", "Phong", "Thổ", "Kỳ", "Lạc", "Thuận", "Châu", "Sơn", "Nậm",
       "Bản", "Tân", "Hòa", "Yên", "Long", "Phúc", "An", "Bình", "Đông", "Tây",
       "Nam", "Bắc", "Hưng", "Thịnh", "Quang", "Minh", "Trung", "Đức", "Việt", "Ẳng",
       "Nặm", "Pá", "Huổi", "Co", "Mai", "Sốp", "Phiêng", "Tà", "Xuân", "Lũng"]

# (domain, unit, direction, aggregation, name_vi, name_en, target choices)
TEMPLATES = [
    (1, "percent", "higher", "ratio", "Tỷ lệ cơ quan chuyên môn được kiểm tra CCHC", "Share of specialised offices inspected for PAR", [20, 35, 50]),
    (1, "count", "higher", "sum", "Số cuộc kiểm tra, giám sát CCHC", "PAR inspections held", [1, 2, 4]),
    (2, "percent", "higher", "ratio", "Tỷ lệ văn bản QPPL được rà soát, công bố đúng hạn", "Legal documents reviewed and published on time", [100]),
    (2, "count", "lower", "sum", "Số văn bản bị đình chỉ, hủy bỏ", "Documents suspended or annulled", [0, 1]),
    (3, "percent", "higher", "ratio", "Tỷ lệ hồ sơ TTHC giải quyết đúng hạn, trước hạn", "Dossiers resolved on time or early", [95, 98, 100]),
    (3, "percent", "higher", "ratio", "Mức độ hài lòng của người dân, doanh nghiệp", "Citizen and business satisfaction", [90, 95]),
    (3, "percent", "lower", "ratio", "Tỷ lệ hồ sơ trễ hạn", "Dossiers resolved late", [2, 5]),
    (4, "percent", "higher", "ratio", "Tỷ lệ cơ quan được quy định rõ chức năng, nhiệm vụ", "Offices with functions clearly assigned", [100]),
    (5, "percent", "higher", "ratio", "Tỷ lệ cán bộ, công chức có trình độ đại học", "Officials with a university degree", [80, 90]),
    (5, "count", "higher", "sum", "Số lượt cán bộ được bồi dưỡng, tập huấn", "Officials trained (person-times)", [10, 20, 40]),
    (6, "percent", "higher", "ratio", "Tỷ lệ giải ngân vốn đầu tư công", "Public-investment disbursement", [90, 95]),
    (6, "count", "lower", "sum", "Số vụ vi phạm quản lý tài chính", "Public-finance violations found", [0, 1]),
    (7, "percent", "higher", "ratio", "Tỷ lệ hồ sơ nộp trực tuyến", "Dossiers submitted online", [50, 70, 80]),
    (7, "percent", "higher", "ratio", "Tỷ lệ kết quả TTHC được số hóa", "Procedure results digitised", [90, 95]),
    (7, "percent", "higher", "ratio", "Tỷ lệ thanh toán trực tuyến", "Online payments", [50, 70]),
    (8, "count", "higher", "sum", "Số doanh nghiệp thành lập mới", "New enterprises founded", [1, 3, 5]),
    (8, "count", "lower", "sum", "Số đơn thư khiếu nại về TTHC", "Complaints about procedures", [0, 2, 5]),
]
WEIGHTS = [1, 1, 1, 1, 1, 2, 0.5, 1.5]
NOTES = ["Đạt kế hoạch", "Vượt chỉ tiêu, đã báo cáo UBND huyện", "Chưa đạt do thiếu nhân lực",
         "Số liệu tạm tính, sẽ cập nhật", "Theo báo cáo của Bộ phận Một cửa"]

HEADER = ["unit_code", "period", "indicator_code", "value", "numerator", "denominator", "note"]


def fmt_num(x):
    """Shortest plain decimal for a float rounded to 2 places ('.' decimal mark)."""
    s = "%.2f" % x
    if "." in s:
        s = s.rstrip("0").rstrip(".")
    return s


def unique_names(rng, n, prefix):
    pairs = [(a, b) for a in SYL for b in SYL if a != b]
    rng.shuffle(pairs)
    out = []
    for i in range(n):
        a, b = pairs[i % len(pairs)]
        suffix = "" if i < len(pairs) else " %d" % (i // len(pairs) + 1)
        out.append("%s %s %s%s" % (prefix, a, b, suffix))
    return out


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--provinces", type=int, required=True)
    ap.add_argument("--communes-per-province", type=int, required=True)
    ap.add_argument("--indicators", type=int, required=True)
    ap.add_argument("--periods", required=True, help="comma-separated, e.g. 2025-Q1,2025-Q2")
    ap.add_argument("--out", required=True)
    ap.add_argument("--seed", type=int, default=20250930)
    a = ap.parse_args(argv)
    periods = [p.strip() for p in a.periods.split(",") if p.strip()]
    years = sorted({p[:4] for p in periods})
    out = a.out
    os.makedirs(os.path.join(out, "reference"), exist_ok=True)
    rng = random.Random("ref|%d" % a.seed)

    # ---- units ------------------------------------------------------------------------------
    prov_names = unique_names(rng, a.provinces, "Tỉnh")
    provinces = ["%02d" % (i + 1) for i in range(a.provinces)]
    communes = {}  # province -> [commune codes]
    cname = {}
    skill = {}
    for pi, pc in enumerate(provinces):
        names = unique_names(random.Random("names|%s|%d" % (pc, a.seed)), a.communes_per_province, "Xã")
        communes[pc] = []
        for ci in range(a.communes_per_province):
            cc = "%s%03d" % (pc, ci + 1)
            communes[pc].append(cc)
            nm = names[ci]
            if ci % 7 == 3:
                nm = nm.replace("Xã", "Phường", 1)
            cname[cc] = nm
            skill[cc] = rng.gauss(0.0, 1.0)
    with open(os.path.join(out, "reference", "units.csv"), "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["unit_code", "unit_name", "parent_code", "level"])
        for pi, pc in enumerate(provinces):
            w.writerow([pc, prov_names[pi], "", "province"])
        for pc in provinces:
            for cc in communes[pc]:
                w.writerow([cc, cname[cc], pc, "commune"])

    # ---- indicators -------------------------------------------------------------------------
    inds = []  # dicts
    per_domain = {}
    for k in range(a.indicators):
        t = TEMPLATES[k % len(TEMPLATES)]
        dom = t[0]
        per_domain[dom] = per_domain.get(dom, 0) + 1
        code = "CT%d.%02d" % (dom, per_domain[dom])
        rep = k // len(TEMPLATES)
        name_vi = t[4] + ("" if rep == 0 else " (nhóm %d)" % (rep + 1))
        name_en = t[5] + ("" if rep == 0 else " (group %d)" % (rep + 1))
        inds.append(dict(code=code, domain=dom, unit=t[1], direction=t[2], agg=t[3],
                         name_vi=name_vi, name_en=name_en, targets=t[6],
                         weight=WEIGHTS[(k * 5 + 3) % len(WEIGHTS)]))
    with open(os.path.join(out, "reference", "indicators.csv"), "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["indicator_code", "domain", "name_vi", "name_en", "unit", "direction", "weight", "aggregation"])
        for d in inds:
            w.writerow([d["code"], d["domain"], d["name_vi"], d["name_en"], d["unit"], d["direction"],
                        fmt_num(d["weight"]), d["agg"]])

    # ---- targets ----------------------------------------------------------------------------
    ptarget = {}  # (province, year, code) -> T
    ctarget = {}  # (commune, year, code) -> T
    with open(os.path.join(out, "reference", "targets.csv"), "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["scope_code", "year", "indicator_code", "target", "source"])
        for y in years:
            for pc in provinces:
                for d in inds:
                    if rng.random() < 0.03:
                        continue  # province set no target for this indicator this year
                    T = rng.choice(d["targets"])
                    ptarget[(pc, y, d["code"])] = T
                    w.writerow([pc, y, d["code"], fmt_num(T), "KH CCHC %s tỉnh %s" % (y, pc)])
            for pc in provinces:
                for cc in communes[pc]:
                    if rng.random() >= 0.15:
                        continue
                    for d in inds:
                        if rng.random() >= 0.10:
                            continue
                        T = rng.choice(d["targets"])
                        if d["unit"] == "percent" and T < 100 and rng.random() < 0.5:
                            T = T + 5  # e.g. 90 -> 95 (Kỳ Lạc vs Thuận Châu)
                        ctarget[(cc, y, d["code"])] = T
                        w.writerow([cc, y, d["code"], fmt_num(T), "KH CCHC %s %s" % (y, cname[cc])])

    # ---- submissions ------------------------------------------------------------------------
    n_rows = 0
    n_files = 0
    n_bytes = 0
    allf = open(os.path.join(out, "all_facts.csv"), "w", newline="", encoding="utf-8")
    aw = csv.writer(allf, lineterminator="\n")
    aw.writerow(HEADER)
    for p in periods:
        y = p[:4]
        for pc in provinces:
            d_out = os.path.join(out, "inbox", p, pc)
            os.makedirs(d_out, exist_ok=True)
            for cc in communes[pc]:
                r = random.Random("sub|%s|%s|%d" % (p, cc, a.seed))
                if r.random() < 0.01:
                    continue  # not submitted this period
                sk = skill[cc] + r.gauss(0.0, 0.3)
                rows = []
                for d in inds:
                    u = r.random()
                    if u < 0.01:
                        continue  # row absent -> missing
                    T = ctarget.get((cc, y, d["code"]), ptarget.get((pc, y, d["code"])))
                    if T is None:
                        T = d["targets"][0]  # untargeted: still reported, not scored
                    note = ""
                    if r.random() < 0.03:
                        note = NOTES[r.randrange(len(NOTES))]
                    if u < 0.03:
                        rows.append([cc, p, d["code"], "", "", "", note])  # blank -> missing
                        continue
                    if d["unit"] == "percent":
                        if d["direction"] == "higher":
                            v = min(100.0, max(0.0, T + 6.0 * sk + r.gauss(0.0, 6.0)))
                        else:
                            v = min(100.0, max(0.0, T - 1.5 * sk + r.gauss(0.0, 2.0)))
                        den = r.randint(10, 3000)
                        num = min(den, max(0, int(round(v / 100.0 * den))))
                        val = "" if r.random() < 0.05 else fmt_num(round(100.0 * num / den, 2))
                        rows.append([cc, p, d["code"], val, str(num), str(den), note])
                    else:
                        if d["direction"] == "higher":
                            v = max(0, int(round(T * (1.0 + 0.25 * sk) + r.gauss(0.0, max(0.5, T * 0.3)))))
                        else:
                            v = max(0, int(round(T - 0.8 * sk + r.gauss(0.0, 1.2))))
                        rows.append([cc, p, d["code"], str(v), "", "", note])
                buf = io.StringIO()
                w = csv.writer(buf, lineterminator="\n")
                w.writerow(HEADER)
                w.writerows(rows)
                data = buf.getvalue()
                with open(os.path.join(d_out, cc + ".csv"), "w", newline="", encoding="utf-8") as f:
                    f.write(data)
                aw.writerows(rows)
                n_rows += len(rows)
                n_files += 1
                n_bytes += len(data.encode("utf-8"))
    allf.close()
    man = dict(provinces=a.provinces, communes_per_province=a.communes_per_province,
               indicators=a.indicators, periods=periods, seed=a.seed, fact_rows=n_rows,
               files=n_files, inbox_bytes=n_bytes,
               all_facts_bytes=os.path.getsize(os.path.join(out, "all_facts.csv")),
               province_targets=len(ptarget), commune_overrides=len(ctarget))
    with open(os.path.join(out, "manifest.json"), "w") as f:
        json.dump(man, f, indent=1)
    print(json.dumps(man), file=sys.stderr)


if __name__ == "__main__":
    main()
