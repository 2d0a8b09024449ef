#!/usr/bin/env python3
"""Drives a language server through a scripted LSP session and prints what it
answers, for FileCheck.

    lsp_client.py [--root DIR] [--timeout SECONDS] SESSION -- SERVER [ARGS...]

The server is started in DIR (default: the session file's directory) and spoken
to over stdio (JSON-RPC 2.0 with Content-Length framing). SESSION holds one
command per line; lines starting with '#' are comments. Files are named
relative to DIR and positions are written LINE:COLUMN, both 1-based as in
compiler messages.

    open FILE                   didOpen with FILE's content, then print the
                                diagnostics published for that version
    change FILE SOURCE          didChange: FILE's whole text becomes SOURCE's
                                content; print the new diagnostics
    hover FILE POS              print the hover text at POS
    actions FILE POS            print the titles of the code actions at POS,
                                given the diagnostics that cover POS
    apply FILE POS TITLE        apply the edit of the code action TITLE, print
                                the resulting text, send it as a didChange and
                                print the new diagnostics
    published FILE              print the next diagnostics published for FILE,
                                open or not (clangd reports problems in a
                                .clangd file this way)
    shell COMMAND...            run COMMAND in DIR with the shell (the rest of
                                the line), print its exit status
    shutdown                    shutdown + exit; the server must exit with 0

Every wait has a timeout. When a step fails (timeout, server exit, missing
action) the client prints the messages it received, the tail of the server's
log and exits with 1, so that a failing test shows what the server did.
"""

import argparse
import json
import os
import queue
import shlex
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
import urllib.request

SEVERITIES = {1: "error", 2: "warning", 3: "info", 4: "hint"}


class SessionError(Exception):
    pass


def to_uri(path):
    return "file://" + urllib.request.pathname2url(os.path.abspath(path))


def from_uri(uri):
    return urllib.request.url2pathname(urllib.parse.urlparse(uri).path)


def read_messages(stream, inbox):
    """Parses Content-Length framed messages from the server into the inbox,
    followed by None at the end of the stream or a SessionError if the stream
    is not LSP."""
    while True:
        length = None
        while True:
            line = stream.readline()
            if not line:
                inbox.put(None)
                return
            line = line.strip()
            if not line:
                break
            name, _, value = line.partition(b":")
            if name.strip().lower() == b"content-length":
                length = int(value)
        body = stream.read(length) if length is not None else b""
        try:
            inbox.put(json.loads(body))
        except ValueError:
            inbox.put(SessionError("the server sent a malformed message: %r"
                                   % body[:200]))
            return


class Server:
    def __init__(self, command, root, timeout):
        self.root = root
        self.timeout = timeout
        self.log = tempfile.TemporaryFile()
        self.process = subprocess.Popen(command, cwd=root,
                                        stdin=subprocess.PIPE,
                                        stdout=subprocess.PIPE,
                                        stderr=self.log)
        self.inbox = queue.Queue()
        threading.Thread(target=read_messages,
                         args=(self.process.stdout, self.inbox),
                         daemon=True).start()
        self.received = []
        self.pending = []
        self.next_id = 0

    def send(self, message):
        message["jsonrpc"] = "2.0"
        body = json.dumps(message).encode()
        try:
            self.process.stdin.write(b"Content-Length: %d\r\n\r\n" % len(body))
            self.process.stdin.write(body)
            self.process.stdin.flush()
        except BrokenPipeError:
            raise self.gone()

    def notify(self, method, params):
        self.send({"method": method, "params": params})

    def receive(self, deadline):
        message = self.inbox.get(timeout=max(0, deadline - time.monotonic()))
        if message is None:
            raise self.gone()
        if isinstance(message, SessionError):
            raise message
        self.received.append(message)
        # The server asks us things (progress tokens, registrations): accept
        # them so that it does not wait on us.
        if "method" in message and "id" in message:
            self.send({"id": message["id"], "result": None})
        return message

    def gone(self):
        """The error for a server that stopped talking to us."""
        try:
            return SessionError("the server exited (status %d)" %
                                self.process.wait(timeout=self.timeout))
        except subprocess.TimeoutExpired:
            return SessionError("the server closed the connection")

    def wait_for(self, what, matches):
        """Returns the first message, already received or new, that matches."""
        for message in self.pending:
            if matches(message):
                self.pending.remove(message)
                return message
        deadline = time.monotonic() + self.timeout
        while True:
            try:
                message = self.receive(deadline)
            except queue.Empty:
                raise SessionError("timed out after %gs waiting for %s" %
                                   (self.timeout, what))
            if matches(message):
                return message
            self.pending.append(message)

    def request(self, method, params):
        self.next_id += 1
        request_id = self.next_id
        self.send({"id": request_id, "method": method, "params": params})
        response = self.wait_for(
            "the answer to " + method,
            lambda m: m.get("id") == request_id and "method" not in m)
        if "error" in response:
            raise SessionError("%s failed: %s" % (method, response["error"]))
        return response.get("result")

    def server_log_tail(self, lines=40):
        self.log.seek(0)
        return b"\n".join(self.log.read().splitlines()[-lines:]).decode(
            errors="replace")

    def stop(self):
        if self.process.poll() is None:
            self.process.kill()
        self.process.wait()


def lsp_position(pos):
    line, _, column = pos.partition(":")
    return {"line": int(line) - 1, "character": int(column) - 1}


def show_position(pos):
    return "%d:%d" % (pos["line"] + 1, pos["character"] + 1)


def show_range(rng):
    return "%s-%s" % (show_position(rng["start"]), show_position(rng["end"]))


def offset(text, pos):
    """The index in text of an LSP position (columns in UTF-16 code units)."""
    lines = text.split("\n")
    start = sum(len(line) + 1 for line in lines[:pos["line"]])
    line = lines[pos["line"]] if pos["line"] < len(lines) else ""
    units = 0
    for index, char in enumerate(line):
        if units >= pos["character"]:
            return start + index
        units += 2 if ord(char) > 0xFFFF else 1
    return start + len(line)


def apply_edits(text, edits):
    # Later edits first, so that earlier offsets stay valid.
    for edit in sorted(edits, key=lambda e: offset(text, e["range"]["start"]),
                       reverse=True):
        begin = offset(text, edit["range"]["start"])
        end = offset(text, edit["range"]["end"])
        text = text[:begin] + edit["newText"] + text[end:]
    return text


def covers(rng, pos):
    start = (rng["start"]["line"], rng["start"]["character"])
    end = (rng["end"]["line"], rng["end"]["character"])
    return start <= (pos["line"], pos["character"]) <= end


class Session:
    def __init__(self, server, out):
        self.server = server
        self.out = out
        self.documents = {}  # uri -> [version, text]
        self.diagnostics = {}  # uri -> latest published list

    def print(self, line):
        self.out.write(line + "\n")
        self.out.flush()

    def initialize(self):
        self.server.request("initialize", {
            "processId": os.getpid(),
            "rootUri": to_uri(self.server.root),
            "capabilities": {
                "textDocument": {
                    "publishDiagnostics": {"versionSupport": True,
                                           "relatedInformation": True},
                    "hover": {"contentFormat": ["plaintext"]},
                    "codeAction": {
                        "codeActionLiteralSupport": {
                            "codeActionKind": {
                                "valueSet": ["quickfix", "refactor",
                                             "source"]}}},
                },
            },
        })
        self.server.notify("initialized", {})

    def path(self, name):
        return os.path.join(self.server.root, name)

    def read(self, name):
        with open(self.path(name), encoding="utf-8") as f:
            return f.read()

    def await_diagnostics(self, name, version=None):
        """Prints the diagnostics published for a version of an open file or,
        without a version, the first ones published for the file (open or not:
        clangd reports the problems of a .clangd file this way)."""
        uri = to_uri(self.path(name))
        message = self.server.wait_for(
            "diagnostics of %s%s" % (
                name, "" if version is None else " version %d" % version),
            lambda m: m.get("method") == "textDocument/publishDiagnostics"
            and m["params"]["uri"] == uri
            and (version is None or m["params"].get("version") == version))
        diagnostics = sorted(
            message["params"]["diagnostics"],
            key=lambda d: (d["range"]["start"]["line"],
                           d["range"]["start"]["character"]))
        self.diagnostics[uri] = diagnostics
        self.print("diagnostics %s%s: %d" % (
            name, "" if version is None else " version %d" % version,
            len(diagnostics)))
        for d in diagnostics:
            self.print("  %s %s %s [%s]: %s" % (
                show_range(d["range"]), SEVERITIES.get(d.get("severity"), "?"),
                d.get("source", "-"), d.get("code", "-"),
                d["message"].replace("\n", " | ")))
            for note in d.get("relatedInformation", []):
                self.print("    note %s:%s: %s" % (
                    os.path.relpath(from_uri(note["location"]["uri"]),
                                    self.server.root),
                    show_range(note["location"]["range"]), note["message"]))

    def open(self, name):
        uri = to_uri(self.path(name))
        text = self.read(name)
        self.documents[uri] = [1, text]
        self.server.notify("textDocument/didOpen", {"textDocument": {
            "uri": uri, "languageId": "cpp", "version": 1, "text": text}})
        self.await_diagnostics(name, 1)

    def replace_text(self, name, text):
        uri = to_uri(self.path(name))
        if uri not in self.documents:
            raise SessionError("%s is not open" % name)
        self.documents[uri][0] += 1
        self.documents[uri][1] = text
        self.server.notify("textDocument/didChange", {
            "textDocument": {"uri": uri, "version": self.documents[uri][0]},
            "contentChanges": [{"text": text}]})
        self.await_diagnostics(name, self.documents[uri][0])

    def change(self, name, source):
        self.replace_text(name, self.read(source))

    def hover(self, name, pos):
        result = self.server.request("textDocument/hover", {
            "textDocument": {"uri": to_uri(self.path(name))},
            "position": lsp_position(pos)})
        if not result:
            self.print("hover %s %s: none" % (name, pos))
            return
        contents = result["contents"]
        text = contents["value"] if isinstance(contents, dict) else contents
        self.print("hover %s %s:" % (name, pos))
        for line in text.splitlines():
            self.print(("  " + line).rstrip())

    def code_actions(self, name, pos):
        uri = to_uri(self.path(name))
        position = lsp_position(pos)
        context = [d for d in self.diagnostics.get(uri, [])
                   if covers(d["range"], position)]
        return self.server.request("textDocument/codeAction", {
            "textDocument": {"uri": uri},
            "range": {"start": position, "end": position},
            "context": {"diagnostics": context}}) or []

    def actions(self, name, pos):
        actions = self.code_actions(name, pos)
        self.print("actions %s %s: %d" % (name, pos, len(actions)))
        for action in actions:
            self.print("  %s (%s)" % (action["title"],
                                      action.get("kind", "-")))

    def apply(self, name, pos, title):
        actions = self.code_actions(name, pos)
        chosen = [a for a in actions if a["title"] == title]
        if not chosen:
            raise SessionError("no code action %r at %s %s; offered: %s" % (
                title, name, pos, [a["title"] for a in actions]))
        edit = chosen[0].get("edit")
        if not edit:
            raise SessionError("code action %r carries no edit" % title)
        uri = to_uri(self.path(name))
        edits = edit.get("changes", {}).get(uri, [])
        for change in edit.get("documentChanges", []):
            if change["textDocument"]["uri"] == uri:
                edits += change["edits"]
        if not edits:
            raise SessionError("code action %r does not edit %s" %
                               (title, name))
        text = apply_edits(self.documents[uri][1], edits)
        self.print("applied %r to %s:" % (title, name))
        for line in text.splitlines():
            self.print(("  | " + line).rstrip())
        self.replace_text(name, text)

    def shutdown(self):
        self.server.request("shutdown", None)
        self.server.notify("exit", None)
        try:
            status = self.server.process.wait(timeout=self.server.timeout)
        except subprocess.TimeoutExpired:
            raise SessionError("the server did not exit after 'exit'")
        if status != 0:
            raise SessionError("the server exited with status %d" % status)
        self.print("shutdown: exit status 0")

    def shell(self, command):
        status = subprocess.call(command, shell=True, cwd=self.server.root,
                                 stdout=subprocess.DEVNULL,
                                 stderr=subprocess.DEVNULL)
        self.print("shell: exit status %d" % status)

    def run(self, command):
        if command.startswith("shell "):
            return self.shell(command[len("shell "):])
        words = shlex.split(command)
        handlers = {"open": (self.open, 1),
                    "change": (self.change, 2),
                    "hover": (self.hover, 2),
                    "actions": (self.actions, 2),
                    "apply": (self.apply, 3),
                    "published": (self.await_diagnostics, 1),
                    "shutdown": (self.shutdown, 0)}
        if words[0] not in handlers or len(words) - 1 != handlers[words[0]][1]:
            raise SessionError("bad session command: %s" % command)
        handlers[words[0]][0](*words[1:])


def main():
    parser = argparse.ArgumentParser(
        description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--root", help="the project directory")
    parser.add_argument("--timeout", type=float, default=120,
                        help="seconds to wait for each answer (default 120)")
    parser.add_argument("session")
    parser.add_argument("server", nargs=argparse.REMAINDER)
    args = parser.parse_args()
    if args.server[:1] == ["--"]:
        args.server = args.server[1:]
    if not args.server:
        parser.error("no server command after --")
    root = os.path.abspath(args.root or os.path.dirname(args.session))
    with open(args.session, encoding="utf-8") as f:
        commands = [line.strip() for line in f
                    if line.strip() and not line.lstrip().startswith("#")]

    try:
        server = Server(args.server, root, args.timeout)
    except OSError as error:
        sys.stderr.write("FAIL: cannot start %s: %s\n" %
                         (args.server[0], error))
        return 1
    session = Session(server, sys.stdout)
    current = "initialize"
    try:
        session.initialize()
        for command in commands:
            current = command
            session.run(command)
    except SessionError as error:
        report = sys.stderr
        report.write("FAIL: %s: %s\n" % (current, error))
        report.write("--- messages received from the server:\n")
        for message in server.received:
            report.write(json.dumps(message) + "\n")
        report.write("--- end of the server's log:\n%s\n" %
                     server.server_log_tail())
        return 1
    finally:
        server.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main())
