#!/usr/bin/env python3
"""Writes base/messages_zh.cpp, the Chinese message catalogue, from po/zh.po.

    python3 scripts/messages-zh.py

po/zh.po is the catalogue as translators keep it (GNU gettext's PO format: msgid in English as
the sources write it, msgstr in Chinese; poedit and every PO tool read it). The generated C++ is
committed, so that building needs no Python; tests/messages_test.cpp fails when the two differ,
when a message of the sources (tr("…"), tr_format("…")) has no translation, or when a
translation's placeholders differ from its message's.
"""
import pathlib
import re

ROOT = pathlib.Path(__file__).resolve().parent.parent


def unquote_po(s):
    """A PO string's C escapes are kept as they are: the C++ literal is written with the same."""
    return s


def read_po(path):
    entries = []
    msgid = msgstr = None
    current = None
    for line in path.read_text(encoding="utf-8").splitlines():
        line = line.strip()
        if line.startswith("#") or not line:
            if msgid is not None and msgstr is not None:
                entries.append((msgid, msgstr))
            msgid = msgstr = current = None
            continue
        m = re.match(r'(msgid|msgstr)\s+"(.*)"$', line)
        if m:
            if m.group(1) == "msgid":
                if msgid is not None and msgstr is not None:
                    entries.append((msgid, msgstr))
                msgid, msgstr, current = m.group(2), None, "msgid"
            else:
                msgstr, current = m.group(2), "msgstr"
            continue
        m = re.match(r'"(.*)"$', line)
        if m and current == "msgid":
            msgid += m.group(1)
        elif m and current == "msgstr":
            msgstr += m.group(1)
    if msgid is not None and msgstr is not None:
        entries.append((msgid, msgstr))
    return [(i, s) for i, s in entries if i]


def main():
    entries = read_po(ROOT / "po" / "zh.po")
    lines = [
        "// The Chinese message catalogue: generated from po/zh.po by scripts/messages-zh.py; do not edit.",
        '#include "base/messages.hpp"',
        "",
        "namespace rubric {",
        "namespace {",
        "",
        "constexpr Translation kChinese[] = {",
    ]
    for msgid, msgstr in entries:
        lines.append(f'    {{"{msgid}",\n     "{msgstr}"}},')
    lines += [
        "};",
        "",
        "}  // namespace",
        "",
        "std::pair<const Translation*, std::size_t> chinese_catalogue() noexcept {",
        "  return {kChinese, sizeof kChinese / sizeof kChinese[0]};",
        "}",
        "",
        "}  // namespace rubric",
        "",
    ]
    (ROOT / "base" / "messages_zh.cpp").write_text("\n".join(lines), encoding="utf-8")


if __name__ == "__main__":
    main()
