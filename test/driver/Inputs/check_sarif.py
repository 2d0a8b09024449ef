#!/usr/bin/env python3
"""Checks a SARIF log against what SARIF 2.1.0 requires and what GitHub code
scanning documents it reads, then prints a summary of its results.

No SARIF schema is packaged for Debian, so the required properties are
checked here by hand."""

import json
import re
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


# RFC 3986: a URI reference holds only unreserved and reserved characters
# and %XX escapes; a space or a raw non-ASCII byte makes it invalid.
URI_CHARS = re.compile(r"^(?:[A-Za-z0-9\-._~:/?#\[\]@!$&'()*+,;=]|%[0-9A-Fa-f]{2})*$")
SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.\-]*:")


def check_uri(uri, where, relative):
    """Fails unless uri is a valid RFC 3986 URI reference naming a file: a
    relative reference when it has a uriBaseId, else a file:/// URI."""
    if not URI_CHARS.match(uri):
        fail("%s: '%s' is not a valid URI (RFC 3986): characters outside "
             "the URI syntax must be percent-encoded" % (where, uri))
    # A file path has no query or fragment: a raw '?' or '#' would cut it.
    if "?" in uri or "#" in uri:
        fail("%s: '%s' has a query or fragment; '?' and '#' in a path must "
             "be percent-encoded" % (where, uri))
    if relative:
        # A ':' in the first segment would be read as a scheme.
        if SCHEME.match(uri) or uri.startswith("/"):
            fail("%s: a uri relative to a base must be relative" % where)
    elif not uri.startswith("file:///"):
        fail("%s: '%s' is neither relative to a base nor a file:/// URI"
             % (where, uri))


def check_region(physical, where):
    region = require(physical, "region", dict, where)
    start_line = require(region, "startLine", int, where + ".region")
    start_col = region.get("startColumn", 1)
    if start_line < 1 or start_col < 1:
        fail("%s: lines and columns start at 1" % where)
    end = ""
    if "endLine" in region:
        end = "-%d:%d" % (region["endLine"], region.get("endColumn", 1))
    return "%d:%d%s" % (start_line, start_col, end)


def check_artifact(physical, where, bases):
    artifact = require(physical, "artifactLocation", dict, where)
    uri = require(artifact, "uri", str, where + ".artifactLocation")
    base = artifact.get("uriBaseId")
    if base is not None and base not in bases:
        fail("%s uses an undeclared uriBaseId" % where)
    check_uri(uri, where + ".artifactLocation.uri", base is not None)
    return uri, base


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
        uri, base = check_artifact(physical, where, bases)
        lines.append("result %s %s:%s uriBaseId=%s" % (
            rule_id, uri, check_region(physical, where), base))
        for j, related in enumerate(result.get("relatedLocations", [])):
            rwhere = "%s.relatedLocations[%d]" % (where, j)
            physical = require(related, "physicalLocation", dict, rwhere)
            uri, base = check_artifact(physical, rwhere, bases)
            lines.append("  related %s:%s uriBaseId=%s" % (
                uri, check_region(physical, rwhere), base))
    for name, base in bases.items():
        uri = require(base, "uri", str, name)
        check_uri(uri, "originalUriBaseIds.%s.uri" % name, False)
        if not uri.endswith("/"):
            fail("originalUriBaseIds.%s.uri must end with '/'" % name)
    print("sarif ok: %d result(s), rules: %s" % (
        sum(1 for line in lines if line.startswith("result")),
        ", ".join(sorted(ids))))
    for name, base in sorted(bases.items()):
        print("base %s %s" % (name, base["uri"]))
    for line in lines:
        print(line)


if __name__ == "__main__":
    main()
