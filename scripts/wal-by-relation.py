#!/usr/bin/env python3
"""The WAL one database wrote between two LSNs, relation by relation: records, bytes, full-page
images (FPIs) and b-tree page splits, per operation. It reads the WAL itself (pg_waldump), so a
pg_stat_statements_reset() by another session does not matter; it must run on the database
server's machine, as a user that can read the WAL directory, before the segments are recycled.

WebhookRunner prints the range and the database's oid of its drain ("WAL from A to B (database
oid N, ...)") when the database has pg_stat_statements:

    python3 scripts/wal-by-relation.py A B N <database> <operations>
    # e.g. python3 scripts/wal-by-relation.py 0/AB6BD6F0 0/B0A52608 17437 ids_bench 5000

A record counts for the relation of its first block of that database; records of no relation
(commits) are counted apart, for every database at once. PG_WALDUMP and PG_WAL override the
defaults of a Debian PostgreSQL 15. Relation names are read with psql (PGHOST, PGUSER; default
127.0.0.1 and postgres), so run it before the relations are dropped.
"""
import collections
import os
import re
import subprocess
import sys

if len(sys.argv) != 6:
    sys.exit(__doc__)
start, end, dboid, dbname, ops = sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4], int(sys.argv[5])
waldump = os.environ.get("PG_WALDUMP", "/usr/lib/postgresql/15/bin/pg_waldump")
waldir = os.environ.get("PG_WAL", "/var/lib/postgresql/15/main/pg_wal")
dump = subprocess.run([waldump, "-p", waldir, "-s", start, "-e", end], capture_output=True, text=True)
if dump.returncode != 0 and not dump.stdout:
    sys.exit(dump.stderr)

size_re = re.compile(r"len \(rec/tot\):\s*\d+/\s*(\d+)")
block_re = re.compile(r"blkref #\d+: rel (\d+)/(\d+)/(\d+)(?: fork \w+)? blk \d+( FPW)?")
per_rel = collections.defaultdict(lambda: [0, 0, 0, 0])  # records, bytes, FPIs, splits
total = [0, 0, 0, 0]
commits = [0, 0]
for line in dump.stdout.splitlines():
    m = size_re.search(line)
    if not m:
        continue
    size = int(m.group(1))
    blocks = block_re.findall(line)
    mine = [b for b in blocks if b[1] == dboid]
    if not mine:
        if not blocks and "rmgr: Transaction" in line:
            commits[0] += 1
            commits[1] += size
        continue
    row = (1, size, sum(1 for b in mine if b[3]), 1 if "desc: SPLIT" in line else 0)
    for acc in (per_rel[mine[0][2]], total):
        for i, v in enumerate(row):
            acc[i] += v

names = {}
if per_rel:
    query = "select relfilenode, relname from pg_class where relfilenode in (%s)" % ",".join(
        str(int(k)) for k in per_rel)
    out = subprocess.run(
        ["psql", "-h", os.environ.get("PGHOST", "127.0.0.1"), "-U",
         os.environ.get("PGUSER", "postgres"), "-d", dbname, "-Atc", query],
        capture_output=True, text=True).stdout
    for line in out.splitlines():
        node, name = line.split("|")
        names[node] = name

print(f"database {dbname} ({dboid}), WAL {start}..{end}, per operation of {ops}:")
print(f"  records with a block of this database: {total[0] / ops:.1f} records, "
      f"{total[1] / ops:.0f} bytes, {total[2] / ops:.2f} FPIs, {total[3] / ops:.3f} b-tree splits")
print(f"  transaction records (commits, every database): {commits[0] / ops:.1f} records, "
      f"{commits[1] / ops:.0f} bytes")
for node, v in sorted(per_rel.items(), key=lambda kv: (-kv[1][2], -kv[1][1])):
    print(f"  {names.get(node, node):50s} {v[0] / ops:6.2f} rec {v[1] / ops:7.0f} B "
          f"{v[2] / ops:6.3f} FPI {v[3] / ops:6.3f} splits")
