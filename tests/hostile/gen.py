#!/usr/bin/env python3
"""Writes the hostile inputs of tests/hostile/check.sh into a folder.

    gen.py OUTDIR SAMPLE small|big

SAMPLE is a real declaration (samples/declaration-2024.txt); every input
but the pure binary ones is that filing, changed in one way, so that the
rest of it must still be read exactly as before.  "small" writes the quick
cases, "big" the 100 MB file and the 1,000,000-row table (seconds to write,
about 150 MB on disk).
"""
import os
import struct
import sys
import zipfile
import zlib

out, sample, which = sys.argv[1:4]
text = open(sample, encoding='utf-8').read()
raw = text.encode('utf-8')
lines = text.split('\n')


def put(name, data):
    with open(os.path.join(out, name), 'wb') as f:
        f.write(data if isinstance(data, bytes) else data.encode('utf-8'))


def replace_once(s, old, new):
    assert s.count(old) >= 1, old
    return s.replace(old, new, 1)


def png():
    def chunk(kind, data):
        return (struct.pack('>I', len(data)) + kind + data +
                struct.pack('>I', zlib.crc32(kind + data) & 0xffffffff))
    return (b'\x89PNG\r\n\x1a\n' + chunk(b'IHDR', struct.pack('>IIBBBBB', 1, 1, 8, 2, 0, 0, 0)) +
            chunk(b'IDAT', zlib.compress(b'\x00\xff\x00\x00')) + chunk(b'IEND', b''))


def docx(path):
    """A minimal but real Word document (what `pandoc -f docx` opens)."""
    body = ''.join('<w:p><w:r><w:t>%s</w:t></w:r></w:p>' % l.replace('&', '&amp;').replace('<', '&lt;')
                   for l in lines[:12] if l)
    with zipfile.ZipFile(path, 'w', zipfile.ZIP_DEFLATED) as z:
        z.writestr('[Content_Types].xml',
                   '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/'
                   'package/2006/content-types"><Default Extension="rels" ContentType="application/'
                   'vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" '
                   'ContentType="application/xml"/><Override PartName="/word/document.xml" '
                   'ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.'
                   'document.main+xml"/></Types>')
        z.writestr('_rels/.rels',
                   '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.'
                   'openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://'
                   'schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" '
                   'Target="word/document.xml"/></Relationships>')
        z.writestr('word/document.xml',
                   '<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="http://schemas.'
                   'openxmlformats.org/wordprocessingml/2006/main"><w:body>%s</w:body></w:document>' % body)


def budget(value):
    return replace_once(text, '项目总预算: 360000', '项目总预算: ' + value)


if which == 'small':
    put('control.txt', raw)
    put('empty.txt', b'')
    put('image.png', png())
    docx(os.path.join(out, 'my filing.docx'))
    docx(os.path.join(out, 'filing-docx.txt'))  # a Word file saved under a .txt name
    put('filing.pdf', b'%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog >>\nendobj\n')
    # the 项目名称 as four invalid sequences: FF, FE, and the overlong C0 AF (two)
    put('invalid-utf8.txt', raw.replace('项目名称\t社区老年助餐服务'.encode(),
                                        '项目名称\t'.encode() + b'\xff\xfe\xc0\xaf', 1))
    put('truncated-utf8.txt', raw + '服'.encode('utf-8')[:2])
    put('utf16le-bom.txt', b'\xff\xfe' + text.encode('utf-16-le'))
    put('utf16be-bom.txt', b'\xfe\xff' + text.encode('utf-16-be'))
    put('gb18030.txt', text.encode('gb18030'))
    put('nul-bytes.txt', raw.replace('王晓东'.encode(), b'\x00' + '王晓'.encode() + b'\x00', 1))
    put('nul-binary.txt', b'\x00' * 4096 + raw)
    # a single line of 10 MB: the 项目总目标, running text with an amount every 30 bytes
    clause = '项目总投入为360000元，'
    put('line-10mb.txt', replace_once(text, '建立覆盖全街道的老年助餐服务网络。',
                                      clause * (10 * 1024 * 1024 // len(clause.encode()))))
    # a row of 10,000 cells: the first indicator row, 10,000 remark cells longer
    row = lines[46] + ''.join('\t备注%d' % i for i in range(10000))
    put('cells-10k.txt', replace_once(text, lines[46] + '\n', row + '\n'))
    for name, value in (('1e309', '1e309'), ('huge', '99999999999999999999.99'),
                        ('minus', '－5'), ('fullwidth', '１２３')):
        put('budget-%s.txt' % name, budget(value))
    # sums and products that overflow 64-bit fen: no crash, no wrong figure
    ovf = '92233720368547758.07'
    t = text
    for label in ('(一) 财政拨款:\t\t350000', '(二) 其他资金:\t\t0', '2. 本级财政安排:\t\t350000'):
        t = replace_once(t, label, label.split('\t')[0] + '\t\t' + ovf)
    put('overflow-sums.txt', t)
    put('overflow-products.txt', replace_once(text, '320000.00\t8.00', ovf + '\t' + ovf))
elif which == 'big':
    # 100 MB: the filings of a whole department concatenated (cat *.txt > all.txt)
    copies = 100 * 1024 * 1024 // len(raw) + 1
    with open(os.path.join(out, 'all-100mb.txt'), 'wb') as f:
        for _ in range(copies):
            f.write(raw)
    # 1,000,000 rows: the indicator table, 1,000,000 well-formed 数量 rows longer
    with open(os.path.join(out, 'rows-1m.txt'), 'w', encoding='utf-8') as f:
        f.write('\n'.join(lines[:47]) + '\n')
        f.writelines('\t\t数量\t助餐服务人次%d\t≥%d人次\n' % (i, i + 1) for i in range(1000000))
        f.write('\n'.join(lines[47:]))
else:
    sys.exit('gen.py: small or big, not ' + which)
