#!/usr/bin/env python3
"""Checks a SARIF log against what SARIF 2.1.0 requires and what GitHub code
scanning documents it reads, then prints a summary of its results.

No SARIF schema is packaged for Debian, so the required properties are
checked here by hand."""

import json
import sys


def fail(message):
    print("sarif invalid: " + message)
    sys.exit(1)


def require(obj, key, kind, where):
    if key not in obj:
        fail("%s has no '%s'" % (where, key))
    if not isinstance(obj[key], kind):
        fail("%s.%s is not a %s" % (where, key, kind.__name__))
    return obj[key]


def main():
    with open(sys.argv[1], encoding="utf-8") as f:
        log = json.load(f)
    if log.get("version") != "2.1.0":
        fail("version is not 2.1.0")
    if "$schema" in log and "sarif" not in log["$schema"]:
        fail("unexpected $schema")
    runs = require(log, "runs", list, "log")
    if len(runs) != 1:
        fail("expected exactly one run")
    run = runs[0]
    driver = require(require(run, "tool", dict, "run"), "driver", dict, "tool")
    require(driver, "name", str, "driver")
    rules = require(driver, "rules", list, "driver")
    ids = []
    for i, rule in enumerate(rules):
        ids.append(require(rule, "id", str, "rules[%d]" % i))
        desc = require(rule, "shortDescription", dict, "rules[%d]" % i)
        require(desc, "text", str, "rules[%d].shortDescription" % i)
        if "help" in rule:
            require(rule["help"], "text", str, "rules[%d].help" % i)
    if len(set(ids)) != len(ids):
        fail("duplicate rule ids")
    bases = run.get("originalUriBaseIds", {})
    lines = []
    for i, result in enumerate(require(run, "results", list, "run")):
        where = "results[%d]" % i
        rule_id = require(result, "ruleId", str, where)
        if rule_id not in ids:
            fail("%s.ruleId '%s' is not a rule" % (where, rule_id))
        if "ruleIndex" in result and ids[result["ruleIndex"]] != rule_id:
            fail("%s.ruleIndex does not match ruleId" % where)
        if result.get("level", "warning") not in ("none", "note", "warning", "error"):
            fail("%s.level is invalid" % where)
        require(require(result, "message", dict, where), "text", str, where + ".message")
        fingerprints = require(result, "partialFingerprints", dict, where)
        if not fingerprints:
            fail("%s has no fingerprint" % where)
        locations = require(result, "locations", list, where)
        if not locations:
            fail("%s has no location" % where)
        physical = require(locations[0], "physicalLocation", dict, where)
        artifact = require(physical, "artifactLocation", dict, where)
        uri = require(artifact, "uri", str, where + ".artifactLocation")
        base = artifact.get("uriBaseId")
        if base is not None and base not in bases:
            fail("%s uses an undeclared uriBaseId" % where)
        if base is not None and (uri.startswith("/") or "://" in uri):
            fail("%s: a uri relative to a base must be relative" % where)
        region = require(physical, "region", dict, where)
        start_line = require(region, "startLine", int, where + ".region")
        start_col = region.get("startColumn", 1)
        if start_line < 1 or start_col < 1:
            fail("%s: lines and columns start at 1" % where)
        end = ""
        if "endLine" in region:
            end = "-%d:%d" % (region["endLine"], region.get("endColumn", 1))
        lines.append("result %s %s:%d:%d%s uriBaseId=%s" % (
            rule_id, uri, start_line, start_col, end, base))
    for name, base in bases.items():
        if not require(base, "uri", str, name).endswith("/"):
            fail("originalUriBaseIds.%s.uri must end with '/'" % name)
    print("sarif ok: %d result(s), rules: %s" % (len(lines), ", ".join(sorted(ids))))
    for line in lines:
        print(line)


if __name__ == "__main__":
    main()
