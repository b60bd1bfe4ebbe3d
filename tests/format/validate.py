#!/usr/bin/env python3
"""Validates pblint's SARIF and JSON logs.

  validate.py sarif SARIF_SCHEMA TMPDIR LOG:BASEDIR...
  validate.py json JSON_SCHEMA TMPDIR LOG:BASEDIR...

Each LOG is validated against the schema with jsonschema's Draft7Validator
(and, for SARIF, with the validator of the draft the schema declares), then
checked against the files it names (relative paths are relative to BASEDIR):
every position must be the one the byte offsets give, in the documented
units; SARIF rule indices, descriptions, fingerprints, fixes and
invocations must be consistent.  Prints one line per problem; exits 1 if
there is any.
"""
import json
import re
import sys
import urllib.parse

import jsonschema

problems = []


def problem(where, msg):
    problems.append(f"{where}: {msg}")


# ---------------------------------------------------------------- files

class Source:
    """A file as pblint decodes it: UTF-8 text (BOM removed) and its lines."""

    def __init__(self, path):
        raw = open(path, "rb").read()
        self.bom = 0
        self.bytes_match = True
        if raw.startswith(b"\xef\xbb\xbf"):
            self.text, self.bom = raw[3:], 3
            self.encoding = "UTF-8 (BOM)"
        else:
            try:
                raw.decode("utf-8")
                self.text = raw
                self.encoding = "UTF-8"
            except UnicodeDecodeError:
                self.text = raw.decode("gb18030").encode("utf-8")
                self.bytes_match = False
                self.encoding = "GB18030"
        t = self.text
        self.starts = [0]
        for i, c in enumerate(t):
            if (c == 0x0A or (c == 0x0D and (i + 1 >= len(t) or t[i + 1] != 0x0A))) and i + 1 < len(t):
                self.starts.append(i + 1)

    def _line(self, off):
        lo = 0
        for i, s in enumerate(self.starts):
            if s <= off:
                lo = i
        return lo

    def _content_end(self, i):
        end = self.starts[i + 1] if i + 1 < len(self.starts) else len(self.text)
        s = self.starts[i]
        if end > s and self.text[end - 1] == 0x0A:
            end -= 1
        if end > s and self.text[end - 1] == 0x0D:
            end -= 1
        return end

    def _cps(self, a, b):
        return sum(1 for c in self.text[a:b] if c & 0xC0 != 0x80)

    def exact(self, off):
        """(line, code-point column, byte column), nothing clamped."""
        t = self.text
        while off < len(t) and t[off] & 0xC0 == 0x80:
            off += 1
        if off == len(t) and off > 0 and t[-1] in (0x0A, 0x0D) and self.starts[-1] < off:
            return (len(self.starts) + 1, 1, 1)
        i = self._line(off)
        ls = self.starts[i]
        return (i + 1, self._cps(ls, off) + 1, off - ls + 1)

    def clamped(self, off):
        """The position the text renderer prints: inside a line ending, or at the
        end of a text that ends with one, it is the end of the line's text."""
        t = self.text
        off = min(off, len(t))
        while off < len(t) and t[off] & 0xC0 == 0x80:
            off += 1
        i = self._line(off)
        ls, le = self.starts[i], self._content_end(i)
        o = min(off, le)
        return (i + 1, self._cps(ls, o) + 1, o - ls + 1)

    def offset_of(self, line, column):
        """Byte offset of a 1-based line and code-point column (exact)."""
        if line == len(self.starts) + 1:
            assert column == 1
            return len(self.text)
        off = self.starts[line - 1]
        for _ in range(column - 1):
            off += 1
            while off < len(self.text) and self.text[off] & 0xC0 == 0x80:
                off += 1
        return off


sources = {}


def source(path):
    if path not in sources:
        sources[path] = Source(path)
    return sources[path]


def resolve(base, path):
    return path if path.startswith("/") else f"{base}/{path}"


URI_RE = re.compile(r"^[A-Za-z0-9\-._~/!$&'()*+,;=:@?#\[\]%]*$")


def uri_path(where, uri, base):
    if not URI_RE.match(uri) or re.search(r"%(?![0-9A-Fa-f]{2})", uri):
        problem(where, f"not a URI reference: {uri!r}")
    if uri.startswith("file://"):
        return urllib.parse.unquote(uri[len("file://"):])
    first = uri.split("/", 1)[0]
    if ":" in first:
        problem(where, f"a relative URI whose first segment has ':' reads as a scheme: {uri!r}")
    for c in "?#":
        if c in uri:
            problem(where, f"unencoded {c!r} in {uri!r}")
    return resolve(base, urllib.parse.unquote(uri))


def code_points(s):
    return len(s)


# ---------------------------------------------------------------- SARIF

def check_region(where, src, region, exact):
    for k in ("startLine", "startColumn", "endLine", "endColumn"):
        if k not in region:
            problem(where, f"region without {k}")
            return None
    a = (region["startLine"], region["startColumn"])
    b = (region["endLine"], region["endColumn"])
    if b < a:
        problem(where, f"region ends before it starts: {region}")
    if ("byteOffset" in region) != src.bytes_match:
        problem(where, f"byteOffset {'given' if 'byteOffset' in region else 'missing'} for a "
                       f"{src.encoding} file")
    if "charOffset" in region or "charLength" in region:
        problem(where, "charOffset/charLength are not written")
    if "byteOffset" not in region:
        return None
    s = region["byteOffset"] - src.bom
    e = s + region["byteLength"]
    pos = src.exact if exact else src.clamped
    want_a, want_b = pos(s)[:2], pos(e)[:2]
    if a != want_a:
        problem(where, f"start {a} but byteOffset {region['byteOffset']} is at {want_a}")
    if b != want_b:
        problem(where, f"end {b} but byteOffset+byteLength is at {want_b}")
    if exact and src.offset_of(*a) != s:
        problem(where, f"line/column {a} is byte {src.offset_of(*a)}, not {s}")
    return (s, e)


def validate_sarif(schema, logs):
    draft7 = jsonschema.Draft7Validator(schema)
    own = jsonschema.validators.validator_for(schema)(schema)
    for spec in logs:
        path, base = spec.rsplit(":", 1)
        log = json.load(open(path, encoding="utf-8"))
        for name, v in (("Draft7Validator", draft7), (type(own).__name__, own)):
            for err in sorted(v.iter_errors(log), key=str):
                problem(path, f"{name}: {err.message} at {list(err.absolute_path)}")
        if problems:
            continue
        if len(log["runs"]) != 1:
            problem(path, "not one run")
        run = log["runs"][0]
        if run.get("columnKind") != "unicodeCodePoints":
            problem(path, "columnKind is not unicodeCodePoints")
        driver = run["tool"]["driver"]
        if driver["name"] != "pblint" or not re.match(r"^\d+\.\d+\.\d+", driver["semanticVersion"]):
            problem(path, "driver name/semanticVersion")
        rules = driver["rules"]
        ids = [r["id"] for r in rules]
        if len(set(ids)) != len(ids):
            problem(path, "rule ids repeat")
        for r in rules:
            w = f"{path}: rule {r['id']}"
            for k in ("shortDescription", "fullDescription", "help"):
                if not r.get(k, {}).get("text"):
                    problem(w, f"no {k}.text")
            for k in ("shortDescription", "fullDescription"):
                if code_points(r[k]["text"]) > 1024:
                    problem(w, f"{k} has {code_points(r[k]['text'])} code points, more than 1024")
            if r["defaultConfiguration"]["level"] not in ("note", "warning", "error"):
                problem(w, "defaultConfiguration.level")
            if r["properties"]["tags"] != [r["id"].split("/")[0]]:
                problem(w, "tags")
        fps = set()
        for n, res in enumerate(run["results"]):
            w = f"{path}: result {n} ({res.get('ruleId')})"
            if rules[res["ruleIndex"]]["id"] != res["ruleId"]:
                problem(w, "ruleIndex names another rule")
            if res["level"] not in ("note", "warning", "error") or not res["message"]["text"]:
                problem(w, "level or message")
            if len(res["locations"]) != 1:
                problem(w, "not one location")
            phys = res["locations"][0]["physicalLocation"]
            file = uri_path(w, phys["artifactLocation"]["uri"], base)
            src = source(file)
            check_region(w, src, phys["region"], False)
            fp = res["partialFingerprints"]["primaryLocationLineHash"]
            if not re.fullmatch(r"[0-9a-f]{16}:[1-9][0-9]*", fp):
                problem(w, f"fingerprint {fp!r}")
            if (file, fp) in fps:
                problem(w, f"fingerprint {fp} repeats")
            fps.add((file, fp))
            rel = res.get("relatedLocations", [])
            if len({r["id"] for r in rel}) != len(rel):
                problem(w, "relatedLocations ids repeat")
            for r in rel:
                check_region(w + " note", src, r["physicalLocation"]["region"], False)
                if not r["message"]["text"]:
                    problem(w, "note without message")
            for fix in res.get("fixes", []):
                for ch in fix["artifactChanges"]:
                    if uri_path(w, ch["artifactLocation"]["uri"], base) != file:
                        problem(w, "a fix changes another file")
                    last = -1
                    for rp in ch["replacements"]:
                        span = check_region(w + " fix", src, rp["deletedRegion"], True)
                        if span and span[0] < last:
                            problem(w, "replacements out of order")
                        if span:
                            last = span[1]
        inv = run["invocations"]
        if len(inv) != 1:
            problem(path, "not one invocation")
        notes = inv[0]["toolExecutionNotifications"]
        if inv[0]["executionSuccessful"] != (not notes):
            problem(path, "executionSuccessful does not match the notifications")
        for note in notes:
            uri = note["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
            if not note["message"]["text"].startswith(urllib.parse.unquote(uri)):
                problem(path, f"notification for {uri} does not name it")


# ----------------------------------------------------------------- JSON

def check_span(where, src, span, exact):
    s, e = span["start_byte"], span["end_byte"]
    if not (0 <= s <= e <= len(src.text)):
        problem(where, f"span {s}..{e} outside the text ({len(src.text)} bytes)")
        return
    pos = src.exact if exact else src.clamped
    for k, off in (("start", s), ("end", e)):
        p = span[k]
        got = (p["line"], p["column"], p["byte_column"])
        if got != pos(off):
            problem(where, f"{k} {got} but byte {off} is at {pos(off)}")


def validate_json(schema, logs):
    v = jsonschema.Draft7Validator(schema)
    for spec in logs:
        path, base = spec.rsplit(":", 1)
        log = json.load(open(path, encoding="utf-8"))
        for err in sorted(v.iter_errors(log), key=str):
            problem(path, f"{err.message} at {list(err.absolute_path)}")
        if problems:
            continue
        tally = {"error": 0, "warning": 0, "note": 0}
        for f in log["files"]:
            src = source(resolve(base, f["path"]))
            if f["encoding"] != src.encoding:
                problem(path, f"{f['path']}: encoding {f['encoding']}, not {src.encoding}")
            for n, d in enumerate(f["diagnostics"]):
                w = f"{path}: {f['path']} diagnostic {n} ({d['rule']})"
                tally[d["severity"]] += 1
                check_span(w, src, d["span"], False)
                for note in d["notes"]:
                    check_span(w + " note", src, note["span"], False)
                for fx in d["fixes"]:
                    check_span(w + " fix", src, fx["span"], True)
        s = log["summary"]
        if (s["errors"], s["warnings"], s["notes"]) != (tally["error"], tally["warning"], tally["note"]):
            problem(path, f"summary {s} does not count the diagnostics {tally}")
        if s["files"] != len(log["files"]):
            problem(path, "summary.files is not the number of files")
        for e in log["errors"]:
            if not e["message"].startswith(e["path"]):
                problem(path, f"error for {e['path']} does not name it")


def main():
    kind, schema_path, _tmp = sys.argv[1:4]
    schema = json.load(open(schema_path, encoding="utf-8"))
    logs = sys.argv[4:]
    if kind == "sarif":
        validate_sarif(schema, logs)
    else:
        validate_json(schema, logs)
    for p in problems:
        print(p)
    print(f"{len(logs)} {kind} logs: {len(problems)} problems")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
