#!/usr/bin/env python3
"""Splits one pack's labelled messages into a tuning part and a held-out part.

Usage: scripts/split-intent-set.py PACK SOURCE OUT_DIR

SOURCE has one message a line as `label|language|text` (language `en` or `es`; the text holds no
`|` or tab). For each (label, language) stratum, the messages are sorted, shuffled with
random.Random(f"20261205-{PACK}") and cut in half; when the count is odd, the same generator
decides which side gets the extra one. Writes OUT_DIR/tune.tsv and OUT_DIR/holdout.tsv, each with
the header `label<TAB>language<TAB>text`, rows shuffled by the same generator. Refuses duplicates
(case-insensitive, whitespace collapsed) and unknown languages. The split is made once, before any
tuning, and committed; see docs/intents.md for the rules of use.
"""
import random
import sys
from collections import defaultdict


def main(pack, source, out_dir):
    rng = random.Random(f"20261205-{pack}")
    strata = defaultdict(list)
    seen = set()
    with open(source, encoding="utf-8") as f:
        for n, line in enumerate(f, 1):
            line = line.rstrip("\n")
            if not line.strip():
                continue
            label, language, text = line.split("|", 2)
            if language not in ("en", "es") or "\t" in text or not text.strip():
                sys.exit(f"{source}:{n}: bad row")
            norm = " ".join(text.lower().split())
            if norm in seen:
                sys.exit(f"{source}:{n}: duplicate message")
            seen.add(norm)
            strata[(label, language)].append(text.strip())
    tune, holdout = [], []
    for key in sorted(strata):
        rows = sorted(strata[key])
        rng.shuffle(rows)
        half = len(rows) // 2
        if len(rows) % 2 == 1 and rng.random() < 0.5:
            half += 1
        tune += [(key[0], key[1], t) for t in rows[:half]]
        holdout += [(key[0], key[1], t) for t in rows[half:]]
    for name, rows in (("tune", tune), ("holdout", holdout)):
        rng.shuffle(rows)
        with open(f"{out_dir}/{name}.tsv", "w", encoding="utf-8") as out:
            out.write("label\tlanguage\ttext\n")
            for row in rows:
                out.write("\t".join(row) + "\n")
        print(f"{pack} {name}: {len(rows)} messages, {sum(r[1] == 'es' for r in rows)} Spanish")


if __name__ == "__main__":
    main(*sys.argv[1:4])
