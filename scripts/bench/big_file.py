#!/usr/bin/env python3
"""Peak memory of importing one very large submission file (issue 7: under 100 MB for 1 GB).

  python3 scripts/bench/big_file.py [--mb 1024] [--data /tmp/cchc-bench/data/S] [--bin .build-bench/release]

Takes one commune's canonical file of a generated scale (run compare.py --scales S first), keeps
its header and rows, then repeats its data rows until the file reaches the size asked for, in a
fresh inbox of its own. The repeated rows make the file a rejected one (`duplicate_indicator`,
errors capped), which is the point: it is read, decoded, parsed and validated to the end as a
stream, and its bytes kept (in the warehouse, or the archive beside it above 900 MB). Prints the
wall time, the peak RSS of `cchc import` (/usr/bin/time) and what became of the file.
"""
import argparse
import os
import shutil
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--mb", type=int, default=1024)
    ap.add_argument("--data", default="/tmp/cchc-bench/data/S")
    ap.add_argument("--bin", default=os.path.join(ROOT, ".build-bench/release"))
    ap.add_argument("--work", default="/tmp/cchc-bench/big-file")
    a = ap.parse_args()
    period = sorted(os.listdir(os.path.join(a.data, "inbox")))[-1]
    province = sorted(os.listdir(os.path.join(a.data, "inbox", period)))[0]
    commune_file = sorted(os.listdir(os.path.join(a.data, "inbox", period, province)))[0]
    with open(os.path.join(a.data, "inbox", period, province, commune_file), "rb") as f:
        lines = f.read().splitlines(keepends=True)
    header, rows = lines[0], b"".join(lines[1:])
    shutil.rmtree(a.work, ignore_errors=True)
    folder = os.path.join(a.work, "inbox", period, province)
    os.makedirs(folder)
    path = os.path.join(folder, commune_file)
    target = a.mb * 1024 * 1024
    block = rows * max(1, (4 * 1024 * 1024) // len(rows))
    with open(path, "wb") as f:
        f.write(header)
        written = len(header)
        while written < target:
            piece = block[: target - written] if target - written < len(block) else block
            # whole lines only
            piece = piece[: piece.rfind(b"\n") + 1] or rows
            f.write(piece)
            written += len(piece)
    size = os.path.getsize(path)
    warehouse = os.path.join(a.work, "warehouse.sqlite")
    cmd = ["/usr/bin/time", "-f", "PEAK_KB %M", os.path.join(a.bin, "cchc"), "import", "--reference",
           os.path.join(a.data, "reference"), "--inbox", os.path.join(a.work, "inbox"), "--warehouse", warehouse,
           "--period", period]
    start = time.perf_counter()
    p = subprocess.run(cmd, capture_output=True, text=True)
    wall = time.perf_counter() - start
    peak = [int(l.split()[1]) for l in p.stderr.splitlines() if l.startswith("PEAK_KB")]
    if not peak:
        sys.exit("no peak RSS:\n" + p.stderr[-2000:])
    summary = [l for l in (p.stdout + p.stderr).splitlines() if "accepted" in l or "rejected" in l]
    print("file %s: %.0f MiB; cchc import %.1f s, peak RSS %.1f MiB (%.1f MB), exit %d" % (
        path, size / 2**20, wall, peak[0] / 1024, peak[0] * 1024 / 1e6, p.returncode))
    for line in summary[-3:]:
        print("  " + line)
    shutil.rmtree(a.work, ignore_errors=True)


if __name__ == "__main__":
    main()
