"""Compares the findings of an unsharded run (the first JSON file) with those
of shards and their link step (the other files): the same findings, each once.

    same_findings.py WHOLE.json SHARD.json... LINK.json
"""
import json
import sys


def findings(path):
    with open(path, encoding="utf-8") as f:
        report = json.load(f)
    return [json.dumps(finding, sort_keys=True) for finding in report["findings"]]


whole = sorted(findings(sys.argv[1]))
parts = [findings(path) for path in sys.argv[2:]]
sharded = sorted(f for part in parts for f in part)
if whole != sharded:
    print("different findings:")
    for f in sorted(set(whole) - set(sharded)):
        print("  only unsharded:", f)
    for f in sorted(set(sharded) - set(whole)):
        print("  only sharded:", f)
    if len(set(sharded)) != len(sharded):
        print("  a finding is reported more than once by the shards")
    sys.exit(1)
print("same findings: %d unsharded, %d sharded (%d shards: %s; link: %d)" % (
    len(whole), len(sharded), len(parts) - 1,
    ", ".join(str(len(p)) for p in parts[:-1]), len(parts[-1])))
