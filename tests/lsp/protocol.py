#!/usr/bin/env python3
"""Protocol-level test of `pblint lsp`: hand-written frames, exact replies.

usage: protocol.py PBLINT SEEDS_DIR [CRASHING_PLUGIN.so]

Each session starts `PBLINT lsp`, writes frames to its stdin and reads the
replies from its stdout (every read has a deadline: nothing here can hang).
The diagnostics are checked entry by entry against fixed values, and all of
them against what `pblint --format=json` reports for the same file.
"""
import json
import os
import select
import shutil
import subprocess
import sys
import tempfile
import time
import urllib.parse

PBLINT = os.path.abspath(sys.argv[1])
SEEDS = sys.argv[2]
CRASHER = sys.argv[3] if len(sys.argv) > 3 else None
SEED = os.path.join(SEEDS, '001_fcbd786c23210c20.txt')
TIMEOUT = 20.0

failures = []
checks = 0
sessions = []


def check(cond, what, got=None, want=None):
    global checks
    checks += 1
    if not cond:
        msg = 'FAIL: ' + what
        if got is not None or want is not None:
            msg += '\n  got:  %s\n  want: %s' % (json.dumps(got, ensure_ascii=False),
                                                json.dumps(want, ensure_ascii=False))
        print(msg)
        failures.append(what)


def equal(got, want, what):
    check(got == want, what, got, want)


def frame(obj, extra=b''):
    body = json.dumps(obj, ensure_ascii=False).encode()
    return b'Content-Length: %d\r\n' % len(body) + extra + b'\r\n' + body


class Session:
    def __init__(self, *args, env=None):
        self.stderr = tempfile.TemporaryFile()
        self.p = subprocess.Popen([PBLINT, 'lsp'] + list(args), stdin=subprocess.PIPE,
                                  stdout=subprocess.PIPE, stderr=self.stderr, env=env)
        self.buf = b''
        self.next_id = 100
        sessions.append(self)

    def raw(self, data):
        self.p.stdin.write(data)
        self.p.stdin.flush()

    def send(self, obj, extra=b''):
        self.raw(frame(obj, extra))

    def notify(self, method, params):
        self.send({'jsonrpc': '2.0', 'method': method, 'params': params})

    def _fill(self, deadline):
        left = deadline - time.monotonic()
        if left <= 0:
            raise TimeoutError('no reply in time')
        r, _, _ = select.select([self.p.stdout], [], [], left)
        if not r:
            raise TimeoutError('no reply in time')
        chunk = os.read(self.p.stdout.fileno(), 65536)
        if not chunk:
            raise EOFError('the server closed its output')
        self.buf += chunk

    def recv(self, timeout=TIMEOUT):
        """The next message, checking its framing exactly."""
        deadline = time.monotonic() + timeout
        while b'\r\n\r\n' not in self.buf:
            self._fill(deadline)
        head, _, rest = self.buf.partition(b'\r\n\r\n')
        lines = head.split(b'\r\n')
        check(len(lines) == 1 and lines[0].startswith(b'Content-Length: '),
              'the server frames with one Content-Length header', head.decode('latin-1'))
        n = int(lines[0].split(b':', 1)[1])
        while len(rest) < n:
            self.buf = head + b'\r\n\r\n' + rest
            self._fill(deadline)
            head, _, rest = self.buf.partition(b'\r\n\r\n')
        self.buf = rest[n:]
        return json.loads(rest[:n].decode())

    def request(self, method, params, extra=b''):
        self.next_id += 1
        msg = {'jsonrpc': '2.0', 'id': self.next_id, 'method': method}
        if params is not None:
            msg['params'] = params
        self.send(msg, extra)
        reply = self.recv()
        equal(reply.get('id'), self.next_id, method + ': the reply comes next, with its id')
        return reply

    def ping(self, what):
        """A request that must be answered: the server is alive and in step."""
        r = self.request('textDocument/codeAction',
                         {'textDocument': {'uri': 'file:///nowhere/ping.txt'},
                          'range': rng(0, 0, 0, 0), 'context': {'diagnostics': []}})
        equal(r, {'jsonrpc': '2.0', 'id': self.next_id, 'result': []},
              'the server still answers after ' + what)

    def wait(self, timeout=TIMEOUT):
        try:
            return self.p.wait(timeout)
        except subprocess.TimeoutExpired:
            self.p.kill()
            self.p.wait()
            check(False, 'the server ends in time')
            return None

    def log(self):
        self.stderr.seek(0)
        return self.stderr.read().decode(errors='replace')


def rng(l1, c1, l2, c2):
    return {'start': {'line': l1, 'character': c1}, 'end': {'line': l2, 'character': c2}}


def uri_of(path):
    return 'file://' + urllib.parse.quote(os.path.abspath(path))


def init_params(encodings=None):
    caps = {'textDocument': {'publishDiagnostics': {'relatedInformation': True}}}
    if encodings is not None:
        caps['general'] = {'positionEncodings': encodings}
    return {'processId': os.getpid(), 'rootUri': None, 'capabilities': caps}


def initialize(s, encodings=None):
    r = s.request('initialize', init_params(encodings))
    s.notify('initialized', {})
    return r


def expected_init(enc):
    return {'jsonrpc': '2.0', 'id': 101, 'result': {
        'capabilities': {
            'positionEncoding': enc,
            'textDocumentSync': {'openClose': True, 'change': 1, 'save': {'includeText': False}},
            'codeActionProvider': {'codeActionKinds': ['quickfix']}},
        'serverInfo': {'name': 'pblint', 'version': '0.1.0'}}}


def published(s, uri, what):
    m = s.recv()
    equal(m.get('method'), 'textDocument/publishDiagnostics', what + ': publishDiagnostics')
    equal(m.get('params', {}).get('uri'), uri, what + ': for the document')
    return m.get('params', {})


def by_rule(diags, rule):
    return [d for d in diags if d.get('code') == rule]


# ------------------------------------------------------------------ oracles

def cli_json(path):
    out = subprocess.run([PBLINT, '--format=json', path], capture_output=True, timeout=60,
                         env=ENV)
    return json.loads(out.stdout)['files'][0]['diagnostics']


def lsp_pos(text, byte, utf8):
    """Independent conversion of a byte offset to an LSP position."""
    data = text.encode()
    before = data[:byte].decode()
    line = before.count('\n')
    col = before[before.rfind('\n') + 1:]
    if utf8:
        return {'line': line, 'character': len(col.encode())}
    return {'line': line, 'character': len(col.encode('utf-16-le')) // 2}


def lsp_rng(text, span, utf8):
    return {'start': lsp_pos(text, span['start_byte'], utf8),
            'end': lsp_pos(text, span['end_byte'], utf8)}


SEVERITY = {'error': 1, 'warning': 2, 'note': 3}


def compare_with_cli(diags, cli, text, uri, utf8, what):
    equal(len(diags), len(cli), what + ': as many diagnostics as the CLI reports')
    for got, want in zip(diags, cli):
        w = {'range': lsp_rng(text, want['span'], utf8), 'severity': SEVERITY[want['severity']],
             'code': want['rule'], 'source': 'pblint', 'message': want['message']}
        g = {k: got.get(k) for k in w}
        equal(g, w, '%s: %s at %s' % (what, want['rule'], want['span']['start']))
        rel = [{'location': {'uri': uri, 'range': lsp_rng(text, n['span'], utf8)},
                'message': n['message']} for n in want['notes']]
        equal(got.get('relatedInformation', []), rel, what + ': notes of ' + want['rule'])
        page = os.path.join(os.path.dirname(os.path.dirname(os.path.dirname(
            os.path.abspath(__file__)))), 'rules-doc', want['rule'] + '.md')
        if os.path.exists(page) and 'codeDescription' in got:
            equal(got['codeDescription'], {'href': 'file://' + urllib.parse.quote(page)},
                  what + ': codeDescription of ' + want['rule'])
        check(os.path.exists(page) == ('codeDescription' in got),
              what + ': a codeDescription exactly when the rule has a page: ' + want['rule'])


def apply_edits(text, edits, utf8):
    """Applies LSP TextEdits (from the end backwards) to text."""
    lines = text.split('\n')

    def offset(pos):
        off = sum(len(l.encode()) + 1 for l in lines[:pos['line']])
        line = lines[pos['line']] if pos['line'] < len(lines) else ''
        enc = line.encode() if utf8 else line.encode('utf-16-le')
        unit = 1 if utf8 else 2
        part = enc[:pos['character'] * unit].decode('utf-8' if utf8 else 'utf-16-le')
        return off + len(part.encode())

    data = text.encode()
    for e in sorted(edits, key=lambda e: offset(e['range']['start']), reverse=True):
        a, b = offset(e['range']['start']), offset(e['range']['end'])
        data = data[:a] + e['newText'].encode() + data[b:]
    return data.decode()


# ---------------------------------------------------------------- sessions

TMP = tempfile.mkdtemp(prefix='pblint-lsp-')
ENV = dict(os.environ)
ENV['XDG_CONFIG_HOME'] = os.path.join(TMP, 'xdg')  # no user configuration
ENV.pop('PBLINT_PLUGIN_PATH', None)
# the crashing plugin crashes on purpose: under AddressSanitizer, let the
# signal kill the worker as in a normal build (as tests/faulty/check.sh does)
ENV['ASAN_OPTIONS'] = ':'.join(
    o for o in (os.environ.get('ASAN_OPTIONS'), 'handle_segv=0:handle_sigbus=0:handle_abort=0') if o)
DOCDIR = os.path.join(TMP, 'a dir')  # a space: the URI is percent-encoded
os.makedirs(DOCDIR)
DOC = os.path.join(DOCDIR, '001 申报表.txt')
shutil.copyfile(SEED, DOC)
URI = uri_of(DOC)
TEXT = open(DOC, encoding='utf-8').read()
CLI = cli_json(DOC)


def session_utf16():
    s = Session(env=ENV)
    equal(initialize(s), expected_init('utf-16'), 'initialize without positionEncodings')

    s.notify('textDocument/didOpen', {'textDocument': {
        'uri': URI, 'languageId': 'text', 'version': 1, 'text': TEXT}})
    p = published(s, URI, 'didOpen')
    equal(p.get('version'), 1, 'didOpen: the version is published')
    diags = p.get('diagnostics', [])
    compare_with_cli(diags, CLI, TEXT, URI, False, 'utf-16')

    # the duplicated rows of lines 67 and 68 (1-based)
    rows = by_rule(diags, 'duplicates/duplicate-row')
    row_msg = ('制度保障 row repeats line 66 (财务管理制度 “项目预算编制管理办法”), '
               'identical after normalisation')
    href = 'file://' + urllib.parse.quote(os.path.join(
        os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__)))),
        'rules-doc', 'duplicates', 'duplicate-row.md'))
    first = {'location': {'uri': URI, 'range': rng(65, 0, 65, 86)},
             'message': 'first occurrence of the row is here'}
    equal(rows, [
        {'range': rng(66, 1, 66, 80), 'severity': 2, 'code': 'duplicates/duplicate-row',
         'codeDescription': {'href': href}, 'source': 'pblint', 'message': row_msg,
         'relatedInformation': [first]},
        {'range': rng(67, 1, 67, 80), 'severity': 2, 'code': 'duplicates/duplicate-row',
         'codeDescription': {'href': href}, 'source': 'pblint', 'message': row_msg,
         'relatedInformation': [first]}], 'utf-16: the duplicated rows, exactly')
    # a CJK phrase: UTF-16 units, not bytes
    phrase = by_rule(diags, 'duplicates/repeated-phrase')
    equal([d['range'] for d in phrase], [rng(14, 36, 14, 44), rng(14, 73, 14, 85)],
          'utf-16: the repeated phrases of line 15')
    equal([d['severity'] for d in by_rule(diags, 'indicators/vague-target')], [1, 2, 2],
          'utf-16: severities 1 (error) and 2 (warning)')
    equal(by_rule(diags, 'indicators/vague-target')[0]['range'], rng(49, 15, 49, 17),
          'utf-16: the vague target of line 50')
    equal([d['severity'] for d in by_rule(diags, 'completeness/placeholder-name')], [3, 3],
          'utf-16: a note is severity 3')

    # code actions: the cursor on the first duplicated row
    r = s.request('textDocument/codeAction', {
        'textDocument': {'uri': URI}, 'range': rng(66, 5, 66, 5),
        'context': {'diagnostics': [rows[0]], 'triggerKind': 1}})
    equal(r, {'jsonrpc': '2.0', 'id': s.next_id, 'result': [{
        'title': 'Fix: ' + row_msg, 'kind': 'quickfix', 'diagnostics': [rows[0]],
        'isPreferred': True,
        'edit': {'changes': {URI: [{'range': rng(66, 0, 67, 0), 'newText': ''}]}}}]},
        'codeAction: the fix-it of the duplicated row of line 67')
    row_fix = r['result'][0]['edit']['changes'][URI] if r.get('result') else []
    # the last row: its fix-it ends at the end of the file
    r = s.request('textDocument/codeAction', {
        'textDocument': {'uri': URI}, 'range': rng(67, 0, 67, 200),
        'context': {'diagnostics': []}})
    equal([a['edit'] for a in r.get('result', [])],
          [{'changes': {URI: [{'range': rng(67, 0, 67, 80), 'newText': ''}]}}],
          'codeAction: the fix-it of the last row ends at the end of the file')
    # a replacement, on line 53
    r = s.request('textDocument/codeAction', {
        'textDocument': {'uri': URI}, 'range': rng(52, 0, 52, 30),
        'context': {'diagnostics': []}})
    equal([(a['title'], a['edit']) for a in r.get('result', [])],
          [("Fix: target '90%' of '受访群众满意度' has no comparison operator, but the 年度绩效目标 "
            "says '受访困难群众满意度达90%以上': write ≥90%",
            {'changes': {URI: [{'range': rng(52, 19, 52, 22), 'newText': '≥90%'}]}})],
          'codeAction: the operator fix-it of line 53')
    # a diagnostic with no fix-it offers nothing; neither does another kind
    r = s.request('textDocument/codeAction', {
        'textDocument': {'uri': URI}, 'range': rng(49, 16, 49, 16),
        'context': {'diagnostics': []}})
    equal(r.get('result'), [], 'codeAction: nothing for a finding without a fix-it')
    r = s.request('textDocument/codeAction', {
        'textDocument': {'uri': URI}, 'range': rng(66, 5, 66, 5),
        'context': {'diagnostics': [], 'only': ['source.organizeImports']}})
    equal(r.get('result'), [], 'codeAction: nothing for context.only = source.*')

    # didChange (full text) applying the row's fix-it: one duplicate is left
    fixed = apply_edits(TEXT, row_fix, False)
    equal(fixed.count('\n'), TEXT.count('\n') - 1, 'the fix-it removes one line')
    s.notify('textDocument/didChange', {'textDocument': {'uri': URI, 'version': 2},
                                        'contentChanges': [{'text': 'stale'}, {'text': fixed}]})
    p = published(s, URI, 'didChange')
    equal(p.get('version'), 2, 'didChange: the new version is published')
    rows2 = by_rule(p.get('diagnostics', []), 'duplicates/duplicate-row')
    equal([d['range'] for d in rows2], [rng(66, 1, 66, 80)],
          'didChange: the fixed duplicate is gone, the other one is left')
    equal(len(p.get('diagnostics', [])), len(diags) - 1, 'didChange: exactly one finding less')
    # fix the operator too: that finding disappears
    r = s.request('textDocument/codeAction', {
        'textDocument': {'uri': URI}, 'range': rng(52, 20, 52, 20),
        'context': {'diagnostics': []}})
    fixed2 = apply_edits(fixed, r['result'][0]['edit']['changes'][URI], False)
    check('\t≥90%' in fixed2, 'the operator fix-it writes ≥90%')
    s.notify('textDocument/didChange', {'textDocument': {'uri': URI, 'version': 3},
                                        'contentChanges': [{'text': fixed2}]})
    p = published(s, URI, 'didChange 2')
    ops = by_rule(p.get('diagnostics', []), 'indicators/missing-operator')
    equal([d['range']['start']['line'] for d in ops], [53],
          'didChange: the fixed operator of line 53 is no longer reported')

    # didSave lints again; didClose clears
    s.notify('textDocument/didSave', {'textDocument': {'uri': URI}})
    p = published(s, URI, 'didSave')
    equal(p.get('version'), 3, 'didSave: the current version')
    s.notify('textDocument/didClose', {'textDocument': {'uri': URI}})
    equal(s.recv(), {'jsonrpc': '2.0', 'method': 'textDocument/publishDiagnostics',
                     'params': {'uri': URI, 'diagnostics': []}}, 'didClose: an empty list')

    malformed(s)

    equal(s.request('shutdown', None), {'jsonrpc': '2.0', 'id': s.next_id, 'result': None},
          'shutdown')
    r = s.request('textDocument/codeAction', {})
    equal(r.get('error', {}).get('code'), -32600, 'a request after shutdown: -32600')
    s.notify('exit', None)
    equal(s.wait(), 0, 'exit after shutdown: status 0')


def err(code, message, id=None):
    return {'jsonrpc': '2.0', 'id': id, 'error': {'code': code, 'message': message}}


def malformed(s):
    cases = [
        (b'GARBAGE\r\n\r\n',
         err(-32700, "parse error: malformed header line 'GARBAGE' (expected 'Name: value')"),
         'a garbage header'),
        (b'Content-Length: 999999999999\r\n\r\n',
         err(-32700, 'parse error: Content-Length 999999999999 is more than the 67108864 bytes '
                     'a message may have'), 'Content-Length too large'),
        (b'X-Long: ' + b'a' * 9000 + b'\r\n\r\n',
         err(-32700, 'parse error: a header line is longer than 8192 bytes'), 'a long header line'),
        (b'X-A: 1\r\n' * 40 + b'\r\n', err(-32700, 'parse error: more than 32 header lines'),
         'too many header lines'),
        (b'Content-Length: 12x\r\n\r\n', err(-32700, "parse error: invalid Content-Length '12x'"),
         'an invalid Content-Length'),
        (b'Content-Type: application/vscode-jsonrpc; charset=utf-8\r\n\r\n{"jsonrpc":"2.0"}',
         err(-32700, 'parse error: no Content-Length header'), 'no Content-Length'),
        (b'Content-Length: 37\r\n\r\n{"jsonrpc": "2.0", "id": 5, "method":'[:59],
         err(-32700, 'parse error: unexpected token near end of file (line 1, column 37)'),
         'invalid JSON'),
        (b'Content-Length: 5\r\n\r\n[1,2]', err(-32600, 'invalid request: batches are not '
                                                       'supported'), 'a JSON array'),
        (b'Content-Length: 7\r\n\r\n"hello"', err(-32600, 'invalid request: a message is a JSON '
                                                         'object'), 'a JSON string'),
        (frame({'jsonrpc': '1.0', 'id': 7, 'method': 'shutdown'}),
         err(-32600, 'invalid request: "jsonrpc" must be "2.0"', 7), 'a wrong jsonrpc'),
        (frame({'jsonrpc': '2.0', 'id': {'a': 1}, 'method': 'shutdown'}),
         err(-32600, 'invalid request: "id" must be an integer or a string'), 'an object id'),
        (frame({'jsonrpc': '2.0', 'id': 8}),
         err(-32600, 'invalid request: "method" must be a string', 8), 'no method'),
        (frame({'jsonrpc': '2.0', 'id': 9, 'method': 'textDocument/hover',
                'params': {'textDocument': {'uri': URI}, 'position': {'line': 0, 'character': 0}}}),
         err(-32601, 'method not found: textDocument/hover', 9), 'an unknown request'),
        (frame({'jsonrpc': '2.0', 'id': 'ten', 'method': 'textDocument/codeAction',
                'params': 'oops'}),
         err(-32602, 'invalid params: params must be an object or an array', 'ten'),
         'params that are a string'),
        (frame({'jsonrpc': '2.0', 'id': 11, 'method': 'textDocument/codeAction',
                'params': {'textDocument': {'uri': URI}, 'range': {'start': {'line': -1}}}}),
         err(-32602, 'invalid params: textDocument/codeAction takes {textDocument: {uri}, range, '
                     'context}', 11), 'codeAction without a valid range'),
        (frame({'jsonrpc': '2.0', 'id': 12, 'method': 'initialize', 'params': init_params()}),
         err(-32600, 'initialize may be sent only once', 12), 'a second initialize'),
        (frame({'jsonrpc': '2.0', 'id': 13, 'method': '$/unknownRequest'}),
         err(-32601, 'method not found: $/unknownRequest', 13), 'an unknown $/ request'),
    ]
    for data, want, what in cases:
        s.raw(data)
        equal(s.recv(), want, what + ': the error reply')
        s.ping(what)
    # notifications: no reply at all, right or wrong
    quiet = [
        (frame({'jsonrpc': '2.0', 'method': 'foo/bar', 'params': {}}), 'an unknown notification'),
        (frame({'jsonrpc': '2.0', 'method': '$/cancelRequest', 'params': {'id': 3}}),
         '$/cancelRequest'),
        (frame({'jsonrpc': '2.0', 'method': 'textDocument/didOpen', 'params': {'x': 1}}),
         'didOpen with wrong params'),
        (frame({'jsonrpc': '2.0', 'method': 'textDocument/didChange', 'params': [1]}),
         'didChange with wrong params'),
        (frame({'jsonrpc': '2.0', 'id': 99, 'result': None}), 'a response'),
        (b'\r\n' + frame({'jsonrpc': '2.0', 'method': 'initialized', 'params': {}}),
         'a stray line break between frames'),
    ]
    for data, what in quiet:
        s.raw(data)
        s.ping(what)
    # a body without its header, run into the next frame's header
    s.raw(b'{"jsonrpc":"2.0","id":1,"method":"shutdown"}')
    s.raw(frame({'jsonrpc': '2.0', 'id': 14, 'method': 'textDocument/codeAction',
                 'params': {'textDocument': {'uri': 'file:///x'}, 'range': rng(0, 0, 0, 0)}}))
    m = s.recv()
    equal(m.get('error', {}).get('code'), -32700, 'a headerless body: a parse error')
    equal(s.recv(), {'jsonrpc': '2.0', 'id': 14, 'result': []},
          'a headerless body: the next frame is read')
    # frames written one byte at a time, with a Content-Type header
    for b in frame({'jsonrpc': '2.0', 'id': 15, 'method': 'textDocument/codeAction',
                    'params': {'textDocument': {'uri': 'file:///x'}, 'range': rng(0, 0, 0, 0)}},
                   b'Content-Type: application/vscode-jsonrpc; charset=utf-8\r\n'):
        s.raw(bytes([b]))
    equal(s.recv(), {'jsonrpc': '2.0', 'id': 15, 'result': []},
          'a frame written byte by byte, with Content-Type')


def session_utf8():
    s = Session(env=ENV)
    equal(initialize(s, ['utf-16', 'utf-8']), expected_init('utf-8'),
          'initialize offering utf-8: utf-8 is picked')
    s.notify('textDocument/didOpen', {'textDocument': {
        'uri': URI, 'languageId': 'text', 'version': 7, 'text': TEXT}})
    p = published(s, URI, 'utf-8 didOpen')
    diags = p.get('diagnostics', [])
    compare_with_cli(diags, CLI, TEXT, URI, True, 'utf-8')
    equal([d['range'] for d in by_rule(diags, 'duplicates/duplicate-row')],
          [rng(66, 1, 66, 224), rng(67, 1, 67, 224)], 'utf-8: the duplicated rows, in bytes')
    equal([d['range'] for d in by_rule(diags, 'duplicates/repeated-phrase')],
          [rng(14, 106, 14, 130), rng(14, 217, 14, 253)], 'utf-8: the repeated phrases, in bytes')
    r = s.request('textDocument/codeAction', {
        'textDocument': {'uri': URI}, 'range': rng(67, 3, 67, 3),
        'context': {'diagnostics': []}})
    equal([a['edit'] for a in r.get('result', [])],
          [{'changes': {URI: [{'range': rng(67, 0, 67, 224), 'newText': ''}]}}],
          'utf-8: the fix-it of the last row, in bytes')
    # the cursor before the diagnostic, which the client names in the context
    rows = by_rule(diags, 'duplicates/duplicate-row')
    r = s.request('textDocument/codeAction', {
        'textDocument': {'uri': URI}, 'range': rng(66, 0, 66, 0),
        'context': {'diagnostics': rows[:1]}})
    equal([(a['diagnostics'], a['edit']) for a in r.get('result', [])],
          [(rows[:1], {'changes': {URI: [{'range': rng(66, 0, 67, 0), 'newText': ''}]}})],
          'codeAction: a diagnostic named in context.diagnostics')
    r = s.request('textDocument/codeAction', {
        'textDocument': {'uri': URI}, 'range': rng(66, 0, 66, 0),
        'context': {'diagnostics': []}})
    equal(r.get('result'), [], 'codeAction: before the diagnostic, not named: nothing')
    s.notify('exit', None)
    equal(s.wait(), 1, 'exit without shutdown: status 1')


def session_lifecycle():
    s = Session(env=ENV)
    r = s.request('textDocument/codeAction', {})
    equal(r, err(-32002, 'the server is not initialized: send initialize first', s.next_id),
          'a request before initialize: -32002')
    r = s.request('initialize', 'nonsense')
    equal(r, err(-32602, 'invalid params: params must be an object or an array', s.next_id),
          'initialize with a string')
    r = s.request('initialize', {'capabilities': 3})
    equal(r, err(-32602, 'invalid params: capabilities must be an object', s.next_id),
          'initialize with bad capabilities')
    r = s.request('initialize', {'capabilities': {'general': {'positionEncodings': 'utf-8'}}})
    equal(r.get('result', {}).get('capabilities', {}).get('positionEncoding'), 'utf-16',
          'positionEncodings that is not a list: utf-16')
    s.request('shutdown', None)
    s.p.stdin.close()  # end of input
    equal(s.wait(), 0, 'end of input after shutdown: status 0')
    s = Session(env=ENV)
    initialize(s)
    s.p.stdin.close()
    equal(s.wait(), 1, 'end of input without shutdown: status 1')
    s = Session('--no-such-option', env=ENV)
    equal(s.wait(), 2, 'an unknown option: status 2')


def session_config():
    """The nearest .pblint.yaml applies, and edits of it are seen."""
    cdir = os.path.join(TMP, 'configured')
    os.makedirs(cdir)
    doc = os.path.join(cdir, 'filing.txt')
    shutil.copyfile(SEED, doc)
    uri = uri_of(doc)
    cfg = os.path.join(cdir, '.pblint.yaml')
    with open(cfg, 'w') as f:
        f.write('rules:\n  - id: indicators/*\n    severity: off\n'
                '  - id: duplicates/duplicate-row\n    severity: error\n')
    s = Session(env=ENV)
    initialize(s)
    s.notify('textDocument/didOpen', {'textDocument': {
        'uri': uri, 'languageId': 'text', 'version': 1, 'text': TEXT}})
    diags = published(s, uri, 'config').get('diagnostics', [])
    check(diags and not [d for d in diags if d['code'].startswith('indicators/')],
          'config: indicators/* off')
    equal([d['severity'] for d in by_rule(diags, 'duplicates/duplicate-row')], [1, 1],
          'config: duplicate-row raised to error')
    equal([(d['code'], d['severity']) for d in diags],
          [(d['rule'], SEVERITY[d['severity']]) for d in cli_json(doc)],
          'config: the same findings as the CLI with the same configuration')
    with open(cfg, 'w') as f:
        f.write('rules:\n  - id: nosuch/rule\n    severity: warning\n')
    s.notify('textDocument/didSave', {'textDocument': {'uri': uri}})
    diags = published(s, uri, 'broken config').get('diagnostics', [])
    equal(len(diags), 1, 'a configuration with errors: one diagnostic')
    if diags:
        d = diags[0]
        equal((d['range'], d['severity'], d['source']), (rng(0, 0, 0, 0), 1, 'pblint'),
              'a configuration with errors: an error at the start')
        check(d['message'].startswith('not linted: its configuration ') and
              'has errors' in d['message'] and 'nosuch/rule' in d['message'],
              'a configuration with errors: the message says why', d['message'])
        locs = [r['location'] for r in d.get('relatedInformation', [])]
        equal([l['uri'] for l in locs], [uri_of(cfg)],
              'a configuration with errors: related information points into it')
    os.remove(cfg)
    s.notify('textDocument/didSave', {'textDocument': {'uri': uri}})
    diags = published(s, uri, 'config removed').get('diagnostics', [])
    equal(len(diags), len(CLI), 'the configuration removed: the defaults again')
    s.request('shutdown', None)
    s.notify('exit', None)
    equal(s.wait(), 0, 'config session ends')


def session_crash():
    """A plugin that crashes costs its findings, not the server."""
    s = Session('--plugin=' + CRASHER, env=ENV)
    initialize(s)
    s.notify('textDocument/didOpen', {'textDocument': {
        'uri': URI, 'languageId': 'text', 'version': 1, 'text': TEXT}})
    diags = published(s, URI, 'crashing plugin').get('diagnostics', [])
    crashed = by_rule(diags, 'core/plugin-failed')
    equal([(d['range'], d['severity']) for d in crashed], [(rng(0, 0, 0, 0), 1)],
          'a crashing plugin: core/plugin-failed is reported')
    check(crashed and 'crashed' in crashed[0]['message'], 'the message says it crashed')
    equal(len(diags), len(CLI) + 1, 'a crashing plugin: the other findings are kept')
    s.ping('a crashing plugin')
    s.request('shutdown', None)
    s.notify('exit', None)
    equal(s.wait(), 0, 'the server survives the crash and exits cleanly')


def session_garbage():
    """Seeded random damage to a whole session's frames: whatever the server
    makes of them, it neither crashes nor hangs, and it ends at end of input."""
    import random
    msgs = [
        {'jsonrpc': '2.0', 'id': 1, 'method': 'initialize',
         'params': init_params(['utf-8'])},
        {'jsonrpc': '2.0', 'method': 'textDocument/didOpen', 'params': {'textDocument': {
            'uri': URI, 'languageId': 'text', 'version': 1, 'text': TEXT}}},
        {'jsonrpc': '2.0', 'method': 'textDocument/didChange', 'params': {
            'textDocument': {'uri': URI, 'version': 2}, 'contentChanges': [
                {'range': rng(3, 2, 70, 999), 'text': 'xé\U0001F600'}]}},
        {'jsonrpc': '2.0', 'id': 2, 'method': 'textDocument/codeAction', 'params': {
            'textDocument': {'uri': URI}, 'range': rng(0, 0, 99, 0),
            'context': {'diagnostics': [{'range': 5}], 'only': [3, 'quick']}}},
        {'jsonrpc': '2.0', 'method': 'textDocument/didClose',
         'params': {'textDocument': {'uri': URI}}},
        {'jsonrpc': '2.0', 'id': 3, 'method': 'shutdown'},
    ]
    frames = [frame(m) for m in msgs]
    bits = [b'\r\n', b'Content-Length: 5\r\n', b'{', b'"', b'\\u0000', b'Content-Length:',
            b'\n\n', b'\xff\xfe']
    for it in range(40):
        r = random.Random(it)
        data = b''
        for f in frames:
            b = bytearray(f)
            if r.random() < 0.4:
                for _ in range(r.randint(1, 8)):
                    i = r.randint(0, len(b))
                    op = r.randint(0, 3)
                    if op == 0:
                        del b[i:i + r.randint(1, 20)]
                    elif op == 1:
                        b[i:i] = bytes(r.randint(0, 255) for _ in range(r.randint(1, 10)))
                    elif op == 2 and i < len(b):
                        b[i] = r.randint(0, 255)
                    else:
                        b[i:i] = r.choice(bits)
            data += bytes(b)
        p = subprocess.run([PBLINT, 'lsp', '--debounce=0'], input=data, capture_output=True,
                           timeout=60, env=ENV)
        check(p.returncode in (0, 1), 'damaged session %d: the server ends normally' % it,
              p.returncode, '0 or 1')


try:
    for fn in [session_utf16, session_utf8, session_lifecycle, session_config,
               session_garbage] + \
              ([session_crash] if CRASHER else []):
        try:
            fn()
        except (TimeoutError, EOFError, KeyError, IndexError, TypeError,
                json.JSONDecodeError, subprocess.TimeoutExpired) as e:
            check(False, '%s: %s: %s' % (fn.__name__, type(e).__name__, e))
finally:
    for ses in sessions:
        if ses.p.poll() is None:
            ses.p.kill()
            ses.p.wait()
    shutil.rmtree(TMP, ignore_errors=True)

print('%d checks, %d failed' % (checks, len(failures)))
sys.exit(1 if failures else 0)
