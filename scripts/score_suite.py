"""Scores digitscan's CSV against a suite manifest, per category and overall.

  python3 scripts/score_suite.py OUT.csv MANIFEST.csv [--json FILE] [--failures N] [--acceptance]

Needs only Python 3.9+ (standard library). Works on the hard-case suite (scripts/make_hard_cases.py,
manifest `file,category,truth`) and on the v1 suite (Tests/Fixtures/e2e/manifest.csv,
`file,digits`, scored as one category `v1`).

Rows of OUT.csv are matched to the manifest by path: the manifest's `file` (relative to the
manifest) must be a path suffix of the CSV's `path`, so digitscan may be run on the suite
directory from anywhere. A manifest file with no row counts as read with no digits.

Measures (digit strings are the CSV's `digits` column and the manifest's truth):
  digits right   1 - sum(edit distance) / sum(true digits), with the line-separating spaces
                 removed from both strings first, so a digit read on the wrong line still counts
                 as right here; missed, extra and wrong digits each cost one edit.
  files exact    the whole string equal, line separators included: right digits, right order,
                 right line breaks.
  exact <= 6     files exact among files with at most 6 true digits (issue 3's acceptance).
  touching pairs in category `touching` every two neighbouring digits on a line touch; a pair
                 counts as read when both digits are matched, in order and next to each other,
                 in the minimal edit alignment of truth and output.
`--acceptance` exits with status 1 unless issue 3's thresholds hold: digits right >= 99.0 %
overall and >= 98.0 % in every category, exact <= 6 >= 96 %, touching pairs >= 90 %.
"""
import argparse
import csv
import json
import os
import sys


def align(truth, got):
    """Minimal edit alignment: (distance, list of (i, j) pairs where truth[i] == got[j] matched)."""
    n, m = len(truth), len(got)
    d = [[0] * (m + 1) for _ in range(n + 1)]
    for i in range(n + 1):
        d[i][0] = i
    for j in range(m + 1):
        d[0][j] = j
    for i in range(1, n + 1):
        for j in range(1, m + 1):
            d[i][j] = min(d[i - 1][j] + 1, d[i][j - 1] + 1,
                          d[i - 1][j - 1] + (truth[i - 1] != got[j - 1]))
    matches, i, j = [], n, m
    while i > 0 and j > 0:
        if truth[i - 1] == got[j - 1] and d[i][j] == d[i - 1][j - 1]:
            matches.append((i - 1, j - 1))
            i, j = i - 1, j - 1
        elif d[i][j] == d[i - 1][j - 1] + 1:
            i, j = i - 1, j - 1
        elif d[i][j] == d[i - 1][j] + 1:
            i -= 1
        else:
            j -= 1
    return d[n][m], matches[::-1]


def touching_pairs(truth_text, got):
    """(pairs, pairs read) for a file whose neighbouring digits on each line touch."""
    truth = truth_text.replace(" ", "")
    _, matches = align(truth, got)
    where = dict(matches)
    pairs = read = 0
    i = 0
    for line in truth_text.split(" "):
        for k in range(i, i + len(line) - 1):
            pairs += 1
            if k in where and k + 1 in where and where[k + 1] == where[k] + 1:
                read += 1
        i += len(line)
    return pairs, read


def load_manifest(path):
    with open(path, newline="") as f:
        rows = list(csv.DictReader(f))
    if not rows:
        raise SystemExit(f"{path}: empty manifest")
    key = "truth" if "truth" in rows[0] else "digits"
    if key not in rows[0] or "file" not in rows[0]:
        raise SystemExit(f"{path}: needs columns file and truth (or digits), has {list(rows[0])}")
    return [(r["file"], r.get("category", "v1"), r[key]) for r in rows]


def load_output(path, manifest):
    """{manifest file: (digits, status, error)} from digitscan's CSV, matched by path suffix."""
    wanted = {os.path.normpath(f).replace(os.sep, "/"): f for f, _, _ in manifest}
    found = {}
    with open(path, newline="") as f:
        reader = csv.DictReader(f)
        if reader.fieldnames is None or "path" not in reader.fieldnames or "digits" not in reader.fieldnames:
            raise SystemExit(f"{path}: not a digitscan CSV (needs path and digits columns)")
        for r in reader:
            parts = os.path.normpath(r["path"]).replace(os.sep, "/").split("/")
            for k in range(len(parts)):
                key = "/".join(parts[k:])
                if key in wanted:
                    found[wanted[key]] = (r["digits"], r.get("status", ""), r.get("error", ""))
                    break
    return found


def score(manifest, output):
    """Per-category tallies and the list of wrong files."""
    cats, wrong = {}, []
    for file, cat, truth in manifest:
        got_text, status, error = output.get(file, ("", "missing", "no row in the output"))
        t = cats.setdefault(cat, dict(files=0, digits=0, edits=0, exact=0, small=0, small_exact=0,
                                      pairs=0, pairs_read=0, missing=0, errors=0))
        true_digits, got = truth.replace(" ", ""), got_text.replace(" ", "")
        dist, _ = align(true_digits, got)
        t["files"] += 1
        t["digits"] += len(true_digits)
        t["edits"] += dist
        exact = got_text == truth
        t["exact"] += exact
        if len(true_digits) <= 6:
            t["small"] += 1
            t["small_exact"] += exact
        t["missing"] += status == "missing"
        t["errors"] += status == "error"
        if cat == "touching":
            pairs, read = touching_pairs(truth, got)
            t["pairs"] += pairs
            t["pairs_read"] += read
        if not exact:
            wrong.append(dict(file=file, category=cat, truth=truth, got=got_text, status=status,
                              error=error, edits=dist))
    return cats, wrong


def pct(a, b):
    return None if b == 0 else 100.0 * a / b


def summary(t):
    return dict(files=t["files"], digits=t["digits"],
                digits_right=pct(t["digits"] - t["edits"], t["digits"]),
                files_exact=pct(t["exact"], t["files"]),
                small_files=t["small"], small_exact=pct(t["small_exact"], t["small"]),
                touching_pairs=t["pairs"], touching_read=t["pairs_read"],
                touching_pct=pct(t["pairs_read"], t["pairs"]),
                missing=t["missing"], errors=t["errors"])


def fmt(v, width=8):
    return f"{'-':>{width}}" if v is None else f"{v:{width}.2f}"


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("output", help="digitscan's CSV")
    ap.add_argument("manifest", help="the suite's manifest.csv")
    ap.add_argument("--json", help="also write the figures as JSON to this file ('-' = stdout)")
    ap.add_argument("--failures", type=int, default=0, help="list up to N wrong files per category")
    ap.add_argument("--acceptance", action="store_true", help="exit 1 unless issue 3's thresholds hold")
    args = ap.parse_args()

    manifest = load_manifest(args.manifest)
    cats, wrong = score(manifest, load_output(args.output, manifest))
    total = {k: sum(t[k] for t in cats.values()) for k in next(iter(cats.values()))}
    rows = {c: summary(t) for c, t in cats.items()}
    rows["overall"] = summary(total)

    print(f"{'category':<12}{'files':>6}{'digits':>7}{'digits%':>9}{'exact%':>9}{'<=6 exact%':>11}{'touching':>12}{'missing':>8}{'errors':>7}")
    for c, s in rows.items():
        touch = f"{s['touching_read']}/{s['touching_pairs']}" if s["touching_pairs"] else "-"
        if c == "overall":
            print("-" * 81)
        print(f"{c:<12}{s['files']:>6}{s['digits']:>7}{fmt(s['digits_right'], 9)}{fmt(s['files_exact'], 9)}"
              f"{fmt(s['small_exact'], 11)}{touch:>12}{s['missing']:>8}{s['errors']:>7}")
    if args.failures:
        for c in cats:
            shown = [w for w in wrong if w["category"] == c][:args.failures]
            for w in shown:
                extra = f"  [{w['status']}: {w['error']}]" if w["status"] in ("error", "missing") else ""
                print(f"  {c:<11} {w['file']:<32} truth {w['truth']!r:<22} got {w['got']!r}{extra}")
    if args.json:
        doc = json.dumps(dict(categories=rows, wrong=wrong), indent=1)
        if args.json == "-":
            print(doc)
        else:
            with open(args.json, "w") as f:
                f.write(doc + "\n")
    if args.acceptance:
        o = rows["overall"]
        fails = []
        if (o["digits_right"] or 0) < 99.0:
            fails.append(f"overall digits right {o['digits_right']:.2f} % < 99.0 %")
        fails += [f"{c} digits right {s['digits_right']:.2f} % < 98.0 %" for c, s in rows.items()
                  if c != "overall" and (s["digits_right"] or 0) < 98.0]
        if o["small_exact"] is not None and o["small_exact"] < 96.0:
            fails.append(f"files with <= 6 digits exact {o['small_exact']:.2f} % < 96.0 %")
        if o["touching_pct"] is not None and o["touching_pct"] < 90.0:
            fails.append(f"touching pairs read {o['touching_pct']:.2f} % < 90.0 %")
        for line in fails:
            print(f"FAIL {line}", file=sys.stderr)
        sys.exit(1 if fails else 0)


if __name__ == "__main__":
    main()
