#!/usr/bin/env python3
"""cchc against the anchors, side by side, on the same generated data and in the same run (issue 7).

  python3 scripts/bench/compare.py [--scales S,M] [--runs 3] [--data /tmp/cchc-bench/data]
                                   [--bin .build-bench/release] [--no-duckdb] [--json OUT.json]

Before: `swift build -c release --static-swift-stdlib --scratch-path .build-bench` (builds `cchc` and `cchc-bench`),
`pip install duckdb` (the DuckDB anchor is skipped, and said so, when it is not installed), and the
stock `sqlite3` CLI.

For each scale the data is made once by `gen_scale.py` (deterministic, seeded), then every round
runs, one after the other (interleaved, so machine noise hits all of them alike):
  * sqlite3 anchor   `anchors/sqlite3_baseline.sh`: `.import` to a TEXT staging table, the typed
                     copy into a keyed fact table, BRIEF section 4 as one SQL query (4 processes);
  * DuckDB anchor    `anchors/duckdb_baseline.py --threads 2`: `read_csv`, the same query;
  * cchc run         the real command on a fresh warehouse, wall clock of the process (its start
                     included), peak RSS by /usr/bin/time;
  * cchc-bench batch the same batch in-process, timed step by step (reference, import, score,
                     report), peak RSS by getrusage (for L with --since: every quarter's import
                     and score);
  * cchc-bench score the score step alone on that warehouse (both periods recomputed), with 1 and
                     2 workers, and the kernel alone (compute only); not for L.
Each figure is the median over the rounds, each ratio the median of the per-round ratios.

Scale L (12 quarters) is the country's three years of history. Its bar is measured on one
`cchc run --since <first> --period <last>` (a fresh warehouse: every quarter imported and scored,
the last one's reports). Beside it, for comparison and not for the bar, `cchc run` once per quarter,
oldest first, into another warehouse, as the province office does quarter after quarter; its total
is the sum, its peak RSS the largest.

Correctness: after the rounds the product's own reports (`ranking.csv` of every province, for the
batch's period and, by a second `cchc run --period <previous>`, for the previous one; for L every
quarter, from the runs one per quarter) are gathered into one CSV in the anchors' layout and
compared with the sqlite3 and DuckDB
rankings: same rows in the same order, same rank, status, met/missed/missing and rank_change; score
cells equal to sqlite3's, and to DuckDB's except at exact half-way values, which DuckDB rounds
down about half the time. `exact_check.py` then referees every score cell in exact arithmetic. For
L, the run over all quarters must also have stored the same ranking (`v_ranking`, every row) as the
runs one per quarter, and written the same last-quarter `ranking.csv` files, byte for byte.
"""
import argparse
import csv
import json
import os
import shutil
import statistics
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
SCALES = {
    "S": dict(provinces=1, communes=120, indicators=60, periods=["2025-Q2", "2025-Q3"]),
    "M": dict(provinces=34, communes=100, indicators=80, periods=["2025-Q2", "2025-Q3"]),
    "L": dict(provinces=34, communes=100, indicators=80,
              periods=["%d-Q%d" % (y, q) for y in (2023, 2024, 2025) for q in (1, 2, 3, 4)]),
}
AS_OF = "2025-10-01"
# The bars of issue 7 per scale: (ratio key, limit, wording).
BARS = {
    "S": [("batch/sqlite3_total", 1.0, "whole batch ≤ 1.0 × the CLI's total, process start included")],
    "M": [("import/sqlite3_import+typed", 0.7, "import ≤ 0.7 × the CLI's .import + typed copy"),
          ("score/sqlite3_score", 0.1, "score + rank + roll-up ≤ 0.1 × the anchor SQL in the CLI"),
          ("score/duckdb_compute", 1.0, "score + rank + roll-up ≤ 1.0 × DuckDB's compute, 2 threads"),
          ("batch/sqlite3_total", 0.5, "whole batch ≤ 0.5 × the CLI's total"),
          ("kernel_w2/w1", 0.65, "kernel with 2 workers ≤ 0.65 × with 1 worker")],
    "L": [("batch/sqlite3_total", 0.4, "whole batch (one run over the 12 quarters) ≤ 0.4 × the CLI's total")],
}
RANK_COLUMNS = ["period", "province_code", "rank", "unit_code", "unit_name", "score", "d1", "d2", "d3", "d4", "d5", "d6",
                "d7", "d8", "met", "missed", "missing", "rank_change", "status"]


def log(*a):
    print(*a, file=sys.stderr, flush=True)


def result_fields(text, tool):
    """The key=value pairs of the `RESULT tool=<tool> …` line in `text`."""
    for line in text.splitlines():
        if line.startswith("RESULT ") and (" tool=%s " % tool) in line + " ":
            return dict(kv.split("=", 1) for kv in line.split()[1:])
    raise RuntimeError("no RESULT line for %s in:\n%s" % (tool, text[-2000:]))


def run(cmd, **kw):
    p = subprocess.run(cmd, capture_output=True, text=True, **kw)
    if p.returncode != 0:
        raise RuntimeError("%s exited %d:\n%s\n%s" % (" ".join(cmd), p.returncode, p.stdout[-2000:], p.stderr[-3000:]))
    return p


def timed(cmd, **kw):
    """Runs cmd under /usr/bin/time; returns (wall seconds, peak RSS KiB, completed process)."""
    rss_file = "/tmp/cchc-bench-rss.%d" % os.getpid()
    t0 = time.perf_counter()
    p = run(["/usr/bin/time", "-f", "%M", "-o", rss_file] + cmd, **kw)
    wall = time.perf_counter() - t0
    with open(rss_file) as f:
        rss = int(f.read().split()[-1])
    return wall, rss, p


def generate(scale, data_root):
    spec = SCALES[scale]
    d = os.path.join(data_root, scale)
    manifest = os.path.join(d, "manifest.json")
    want = dict(provinces=spec["provinces"], communes_per_province=spec["communes"], indicators=spec["indicators"],
                periods=spec["periods"])
    if os.path.exists(manifest):
        with open(manifest) as f:
            have = json.load(f)
        if all(have.get(k) == v for k, v in want.items()):
            return d
    shutil.rmtree(d, ignore_errors=True)
    log("generating %s in %s" % (scale, d))
    run([sys.executable, os.path.join(HERE, "gen_scale.py"), "--provinces", str(spec["provinces"]),
         "--communes-per-province", str(spec["communes"]), "--indicators", str(spec["indicators"]),
         "--periods", ",".join(spec["periods"]), "--out", d])
    return d


def fresh(path):
    for suffix in ("", "-wal", "-shm", ".lock"):
        if os.path.exists(path + suffix):
            os.remove(path + suffix)


def cchc_run(binary, d, work, period, warehouse, reports, workers=2, since=None):
    return ["%s/cchc" % binary, "run", "--reference", d + "/reference", "--inbox", d + "/inbox", "--warehouse", warehouse,
            "--reports", reports, "--period", period, "--as-of", AS_OF, "--workers", str(workers)] + (
                ["--since", since] if since else [])


def one_round(scale, d, work, binary, duckdb_ok):
    spec = SCALES[scale]
    periods = spec["periods"]
    out = {}
    # --- sqlite3 CLI anchor ---------------------------------------------------------------
    p = run(["bash", os.path.join(HERE, "anchors", "sqlite3_baseline.sh"), d, work + "/sqlite3"])
    r = result_fields(p.stdout, "sqlite3")
    sq = {k: float(r[k]) for k in ("ref_s", "import_s", "typed_s", "score_s")}
    sq["total_s"] = sum(sq.values())
    sq["load_s"] = sq["import_s"] + sq["typed_s"]
    sq["peak_rss_kb"] = int(r["peak_rss_kb"])
    out["sqlite3"] = sq
    # --- DuckDB anchor, 2 threads ---------------------------------------------------------
    if duckdb_ok:
        wall, rss, p = timed([sys.executable, os.path.join(HERE, "anchors", "duckdb_baseline.py"), d, work + "/duckdb",
                              "--threads", "2"])
        r = result_fields(p.stdout, "duckdb")
        out["duckdb"] = dict(startup_s=float(r["startup_s"]), read_s=float(r["read_s"]), compute_s=float(r["compute_s"]),
                             total_s=wall, peak_rss_kb=int(r["peak_rss_kb"]))
    # --- cchc run: the real command, process start included --------------------------------
    wh = work + "/cchc/warehouse.sqlite"
    os.makedirs(work + "/cchc", exist_ok=True)
    fresh(wh)
    shutil.rmtree(work + "/cchc/reports", ignore_errors=True)
    if scale == "L":
        wall, rss, _ = timed(cchc_run(binary, d, work, periods[-1], wh, work + "/cchc/reports", since=periods[0]))
        out["cchc_run"] = dict(total_s=wall, peak_rss_kb=rss)
        qwh = work + "/quarterly/warehouse.sqlite"
        os.makedirs(work + "/quarterly", exist_ok=True)
        fresh(qwh)
        shutil.rmtree(work + "/quarterly/reports", ignore_errors=True)
        total, peak = 0.0, 0
        for period in periods:
            wall, rss, _ = timed(cchc_run(binary, d, work, period, qwh, work + "/quarterly/reports"))
            total += wall
            peak = max(peak, rss)
        out["cchc_quarterly"] = dict(total_s=total, peak_rss_kb=peak)
        out["cchc"] = bench_batch(binary, d, work, periods[-1], since=periods[0])
        return out
    wall, rss, _ = timed(cchc_run(binary, d, work, periods[-1], wh, work + "/cchc/reports"))
    out["cchc_run"] = dict(total_s=wall, peak_rss_kb=rss)
    # --- cchc-bench: the same batch in-process, step by step ---------------------------------
    out["cchc"] = bench_batch(binary, d, work, periods[-1])
    bwh = work + "/bench/warehouse.sqlite"
    for workers in (1, 2):
        p = run(["%s/cchc-bench" % binary, "score", "--warehouse", bwh, "--period", periods[-1], "--workers", str(workers),
                 "--repeat", "3"])
        r = result_fields(p.stdout, "cchc-score")
        out["score_w%d" % workers] = dict(score_step_s=float(r["score_step_s"]), kernel_s=float(r["kernel_s"]))
    return out


def bench_batch(binary, d, work, period, since=None):
    """`cchc-bench batch`: the same batch in-process on a fresh warehouse, timed step by step."""
    os.makedirs(work + "/bench", exist_ok=True)
    p = run(["%s/cchc-bench" % binary, "batch", "--reference", d + "/reference", "--inbox", d + "/inbox",
             "--warehouse", work + "/bench/warehouse.sqlite", "--reports", work + "/bench/reports", "--period", period,
             "--as-of", AS_OF, "--workers", "2"] + (["--since", since] if since else []))
    r = result_fields(p.stdout, "cchc")
    return {k: float(v) for k, v in r.items() if k.endswith("_s") or k.endswith("_kb")}


def ratios(rnd):
    """The issue-7 ratios of one round (None when an anchor is missing)."""
    sq, dk, ours, run_ = rnd["sqlite3"], rnd.get("duckdb"), rnd.get("cchc"), rnd["cchc_run"]
    r = {"batch/sqlite3_total": run_["total_s"] / sq["total_s"]}
    if "cchc_quarterly" in rnd:
        r["one_run_per_quarter/sqlite3_total"] = rnd["cchc_quarterly"]["total_s"] / sq["total_s"]
    if dk:
        r["batch/duckdb_total"] = run_["total_s"] / dk["total_s"]
    if ours:
        r["import/sqlite3_import+typed"] = ours["import_s"] / sq["load_s"]
        r["score/sqlite3_score"] = ours["score_s"] / sq["score_s"]
        if dk:
            r["import/duckdb_read"] = ours["import_s"] / dk["read_s"]
            r["score/duckdb_compute"] = ours["score_s"] / dk["compute_s"]
        if "score_w1" in rnd:
            r["score_step_w2/w1"] = rnd["score_w2"]["score_step_s"] / rnd["score_w1"]["score_step_s"]
            r["kernel_w2/w1"] = rnd["score_w2"]["kernel_s"] / rnd["score_w1"]["kernel_s"]
    return r


def median_of(rounds, path):
    xs = []
    for rnd in rounds:
        v = rnd
        for k in path:
            v = v.get(k) if isinstance(v, dict) else None
        if v is not None:
            xs.append(v)
    return statistics.median(xs) if xs else None


# --- correctness ------------------------------------------------------------------------------

def gather_ours(d, work, binary, scale):
    """Our reports for every scored period in the anchors' CSV layout; returns its path."""
    periods = SCALES[scale]["periods"]
    os.makedirs(work + "/check", exist_ok=True)
    if scale == "L":
        reports = work + "/quarterly/reports"  # the timed rounds already ran one batch per quarter
    else:
        wh = work + "/check/warehouse.sqlite"
        reports = work + "/check/reports"
        fresh(wh)
        shutil.rmtree(reports, ignore_errors=True)
        # One batch per period, oldest first: each writes its period's reports (and the first also
        # imports and scores the period before it, which has no data in the generated inbox).
        for period in periods:
            run(cchc_run(binary, d, work, period, wh, reports))
    units = {}
    with open(d + "/reference/units.csv", encoding="utf-8") as f:
        for row in csv.DictReader(f):
            units[row["unit_code"]] = row
    provinces = sorted(u for u, row in units.items() if row["level"] == "province")
    path = work + "/check/ranking_cchc.csv"
    with open(path, "w", newline="", encoding="utf-8") as out:
        w = csv.writer(out, lineterminator="\n")
        w.writerow(RANK_COLUMNS)
        for period in periods:
            for province in provinces:
                with open("%s/%s/%s/ranking.csv" % (reports, period, province), encoding="utf-8-sig") as f:
                    for row in csv.DictReader(f):
                        w.writerow([period, province] + [row[c] for c in RANK_COLUMNS[2:]])
    return path


def read_ranking(path):
    with open(path, encoding="utf-8-sig") as f:
        return [{k: (v or "") for k, v in row.items()} for row in csv.DictReader(f)]


def is_half_way(a, b):
    try:
        return abs(float(a) - float(b)) < 0.0100001
    except ValueError:
        return False


def agree(ours_path, anchor_path, name, strict):
    """Compares our ranking with an anchor's; returns (ok, message)."""
    ours, theirs = read_ranking(ours_path), read_ranking(anchor_path)
    if len(ours) != len(theirs):
        return False, "DIFFER %s: %d rows against %d" % (name, len(ours), len(theirs))
    score_cols = ["score"] + ["d%d" % i for i in range(1, 9)]
    exact_cols = ["period", "province_code", "rank", "unit_code", "status", "met", "missed", "missing", "rank_change"]
    halves = 0
    for i, (a, b) in enumerate(zip(ours, theirs)):
        for c in exact_cols:
            if a[c] != b[c]:
                return False, "DIFFER %s: row %d column %s: ours %r, %s %r" % (name, i + 2, c, a[c], name, b[c])
        for c in score_cols:
            if a[c] != b[c]:
                if strict or not is_half_way(a[c], b[c]):
                    return False, "DIFFER %s: row %d (%s %s) %s: ours %r, %s %r" % (name, i + 2, a["period"], a["unit_code"], c,
                                                                                   a[c], name, b[c])
                halves += 1
    extra = "" if strict else "; %d score cells differ by 0.01 at half-way values (%s rounds x.xx5 down about half the time)" % (halves, name)
    return True, "AGREE %s: %d rows, same order; rank, status, met/missed/missing, rank_change%s identical%s" % (
        name, len(ours), " and every score cell" if strict else "", extra)


def check(scale, d, work, binary, duckdb_ok):
    ours = gather_ours(d, work, binary, scale)
    lines = []
    ok = True
    for name, path, strict in [("sqlite3", work + "/sqlite3/ranking_sqlite3.csv", True),
                               ("duckdb", work + "/duckdb/ranking_duckdb.csv", False)]:
        if name == "duckdb" and not duckdb_ok:
            continue
        good, msg = agree(ours, path, name, strict)
        ok = ok and good
        lines.append(msg)
    anchors = [work + "/sqlite3/ranking_sqlite3.csv"] + ([work + "/duckdb/ranking_duckdb.csv"] if duckdb_ok else [])
    p = run([sys.executable, os.path.join(HERE, "exact_check.py"), d, ours] + anchors)
    lines += p.stdout.strip().splitlines()
    if scale == "L":
        good, msg = same_as_one_run_per_quarter(work, SCALES[scale]["periods"][-1])
        ok = ok and good
        lines.append(msg)
    return ok, lines


def same_as_one_run_per_quarter(work, last):
    """The run over every quarter against the runs one per quarter: stored ranking and last reports."""
    def ranking(warehouse):
        return run(["sqlite3", "-readonly", "-csv", warehouse, "SELECT * FROM v_ranking"]).stdout
    ours, quarterly = ranking(work + "/cchc/warehouse.sqlite"), ranking(work + "/quarterly/warehouse.sqlite")
    if ours != quarterly:
        return False, "DIFFER cchc run --since: v_ranking is not the same as after one run per quarter"
    folder = "%s/%%s/reports/%s" % (work, last)
    provinces = sorted(p for p in os.listdir(folder % "quarterly") if os.path.isdir(os.path.join(folder % "quarterly", p)))
    for province in provinces:
        with open("%s/%s/ranking.csv" % (folder % "cchc", province), "rb") as a, \
                open("%s/%s/ranking.csv" % (folder % "quarterly", province), "rb") as b:
            if a.read() != b.read():
                return False, "DIFFER cchc run --since: %s/%s/ranking.csv" % (last, province)
    return True, "AGREE cchc run --since: v_ranking (%d rows) as after one run per quarter; %s ranking.csv of %d provinces identical" % (
        ours.count("\n"), last, len(provinces))


# --- main -------------------------------------------------------------------------------------

def fmt(x, unit="s"):
    if x is None:
        return "—"
    if unit == "MiB":
        return "%.0f" % (x / 1024)
    if unit == "x":
        return "%.2f×" % x
    return "%.3f" % x


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--scales", default="S,M")
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--data", default="/tmp/cchc-bench/data")
    ap.add_argument("--work", default="/tmp/cchc-bench/work")
    ap.add_argument("--bin", default=os.path.join(ROOT, ".build-bench", "release"))
    ap.add_argument("--no-duckdb", action="store_true")
    ap.add_argument("--no-check", action="store_true", help="skip the ranking agreement check")
    ap.add_argument("--json", help="also write every round's raw figures here")
    a = ap.parse_args()
    duckdb_ok = not a.no_duckdb
    if duckdb_ok:
        try:
            import duckdb  # noqa: F401
        except ImportError:
            log("DuckDB is not installed (pip install duckdb): its anchor is skipped")
            duckdb_ok = False
    binary = os.path.abspath(a.bin)
    for tool in ("cchc", "cchc-bench"):
        if not os.access(os.path.join(binary, tool), os.X_OK):
            sys.exit("%s/%s not found: swift build -c release --static-swift-stdlib --scratch-path .build-bench" % (binary, tool))
    everything = {}
    all_ok = True
    for scale in a.scales.split(","):
        d = generate(scale, a.data)
        with open(d + "/manifest.json") as f:
            manifest = json.load(f)
        work = os.path.join(a.work, scale)
        os.makedirs(work, exist_ok=True)
        rounds = []
        for i in range(a.runs):
            log("%s round %d/%d" % (scale, i + 1, a.runs))
            rounds.append(one_round(scale, d, work, binary, duckdb_ok))
        per_round = [ratios(r) for r in rounds]
        print("\n## %s: %d × %d × %d × %d periods, %d fact rows in %d files, medians of %d rounds\n" % (
            scale, SCALES[scale]["provinces"], SCALES[scale]["communes"], SCALES[scale]["indicators"],
            len(SCALES[scale]["periods"]), manifest["fact_rows"], manifest["files"], a.runs))
        print("| tool | import s | score s | report s | total s | peak RSS MiB |")
        print("|---|---:|---:|---:|---:|---:|")
        m = lambda *p: median_of(rounds, p)  # noqa: E731
        print("| sqlite3 CLI (.import + typed copy; SQL query; 4 processes) | %s | %s | | %s | %s |" % (
            fmt(m("sqlite3", "load_s")), fmt(m("sqlite3", "score_s")), fmt(m("sqlite3", "total_s")),
            fmt(m("sqlite3", "peak_rss_kb"), "MiB")))
        if duckdb_ok:
            print("| DuckDB, 2 threads (read_csv; query; total incl. Python start) | %s | %s | | %s | %s |" % (
                fmt(m("duckdb", "read_s")), fmt(m("duckdb", "compute_s")), fmt(m("duckdb", "total_s")),
                fmt(m("duckdb", "peak_rss_kb"), "MiB")))
        print("| cchc-bench batch (in-process, per step%s) | %s | %s | %s | %s | %s |" % (
            "; --since, all 12 quarters imported and scored" if scale == "L" else "",
            fmt(m("cchc", "import_s")), fmt(m("cchc", "score_s")), fmt(m("cchc", "report_s")), fmt(m("cchc", "total_s")),
            fmt(m("cchc", "peak_rss_kb"), "MiB")))
        print("| **cchc run** (whole batch, process start included%s) | | | | %s | %s |" % (
            "; one run over the 12 quarters, --since" if scale == "L" else "", fmt(m("cchc_run", "total_s")),
            fmt(m("cchc_run", "peak_rss_kb"), "MiB")))
        if scale == "L":
            print("| cchc run, one run per quarter (12 runs, each with its reports; not the bar) | | | | %s | %s |" % (
                fmt(m("cchc_quarterly", "total_s")), fmt(m("cchc_quarterly", "peak_rss_kb"), "MiB")))
        if scale != "L":
            print("\nscore step alone (read values, compute both periods, write score tables): 1 worker %s s, 2 workers %s s; "
                  "kernel alone: 1 worker %s s, 2 workers %s s" % (
                      fmt(m("score_w1", "score_step_s")), fmt(m("score_w2", "score_step_s")),
                      fmt(m("score_w1", "kernel_s")), fmt(m("score_w2", "kernel_s"))))
        print("\n| ratio (median of per-round ratios) | value |")
        print("|---|---:|")
        for key in per_round[0]:
            print("| %s | %s |" % (key, fmt(statistics.median(r[key] for r in per_round if key in r), "x")))
        bars = BARS.get(scale, [])
        if bars:
            print("\n| issue 7 bar | measured | met? |")
            print("|---|---:|---|")
            for key, limit, text in bars:
                values = [r[key] for r in per_round if key in r]
                if not values:
                    continue
                value = statistics.median(values)
                print("| %s | %.2f× | %s |" % (text, value, "yes" if value <= limit else "no"))
            if scale == "L":
                rss = m("cchc_run", "peak_rss_kb")
                print("| peak RSS ≤ 100 MB | %.1f MB | %s |" % (rss * 1024 / 1e6, "yes" if rss * 1024 <= 100e6 else "no"))
        if not a.no_check:
            ok, lines = check(scale, d, work, binary, duckdb_ok)
            all_ok = all_ok and ok
            print("\n```")
            print("\n".join(lines))
            print("```")
        sys.stdout.flush()
        everything[scale] = dict(manifest=manifest, rounds=rounds, ratios=per_round)
    if a.json:
        with open(a.json, "w") as f:
            json.dump(everything, f, indent=1)
    sys.exit(0 if all_ok else 1)


if __name__ == "__main__":
    main()
