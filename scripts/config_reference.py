#!/usr/bin/env python3
"""Prints the README's pipeline.json reference (one table per section) from pipeline.json itself,
whose "// key" entries document each key. Standard library only.

  python3 scripts/config_reference.py [pipeline.json]
"""
import json
import sys


def main():
    path = sys.argv[1] if len(sys.argv) > 1 else "pipeline.json"
    with open(path) as f:
        config = json.load(f)
    for section, body in config.items():
        if section.startswith("//"):
            continue
        print(f"**`{section}`** — {body.get('//', '')}\n")
        print("| key | default | meaning |")
        print("|---|---|---|")
        for key, value in body.items():
            if key.startswith("//"):
                continue
            doc = body.get(f"// {key}", "").replace("|", "\\|")
            print(f"| `{key}` | `{json.dumps(value)}` | {doc} |")
        print()


if __name__ == "__main__":
    main()
