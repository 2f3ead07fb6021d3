#!/usr/bin/env python3
"""Scores digitscan's JSONL on the non-digit marks of make_nondigit_marks.py.

    digitscan DIR --format jsonl > marks.jsonl; scripts/score_nondigits.py marks.jsonl

Per kind (the parent folder): how many pictures gave no digit, only low-confidence digits
(status low_confidence), or a digit read with confidence (status ok: the failure this measures).
"""
import collections
import json
import sys


def main():
    rows = [json.loads(line) for line in open(sys.argv[1]) if line.strip()]
    tally = collections.defaultdict(collections.Counter)
    for row in rows:
        kind = row["path"].rstrip("/").split("/")[-2]
        tally[kind][row["status"]] += 1
    print(f"{'kind':15} {'files':>6} {'dropped':>8} {'low_conf':>9} {'read as digit':>14}")
    total = collections.Counter()
    for kind in sorted(tally):
        t = tally[kind]
        total.update(t)
        n = sum(t.values())
        print(f"{kind:15} {n:6} {t['no_digits']:8} {t['low_confidence']:9} {t['ok']:8} ({100 * t['ok'] / n:4.1f} %)")
    n = sum(total.values())
    print(f"{'all':15} {n:6} {total['no_digits']:8} {total['low_confidence']:9} {total['ok']:8} ({100 * total['ok'] / n:4.1f} %)")
    if total["error"]:
        print(f"errors: {total['error']}")


if __name__ == "__main__":
    main()
