"""The VS Code extension's TextMate grammar (editors/vscode/syntaxes/rubric.tmLanguage.json).

VS Code tokenises with vscode-textmate and Oniguruma; neither is on a CI machine (Debian packages
only, no npm), so this file holds a small TextMate tokeniser of its own, for exactly the features
the grammar uses: `match` with `name` and `captures`; `begin`/`end` with `beginCaptures`,
`endCaptures`, `contentName` and `patterns`; `include` of `#repository` entries and `$self`. Like
vscode-textmate, it feeds each line with its "\\n", takes the earliest match of the current rules
(the end pattern first, then the rules in order, on a tie), and carries open begin rules from one
line to the next. The grammar's regexes are restricted to syntax that means the same in Oniguruma
and in Python's `re` (portable_regex_problems), so what Python matches here is what VS Code matches.

Then, for every shipped ruleset and file of tests: every character that is not a blank (as the
lexer defines one: space, tab) gets a scope from a rule and none is `invalid`, and no begin rule
is still open at the end of the file. Every keyword of both sets, read from dsl/keywords.def (the
lexer's table), is a keyword standing alone and not inside a longer name; identifier characters
follow dsl/grammar_words.hpp; comments, strings, numbers and the JSON of tests get their scopes;
and a few bad characters do get the invalid scope, so that the checks can fail.
"""

import json
import pathlib
import re
import warnings

import pytest

ROOT = pathlib.Path(__file__).resolve().parents[2]
EXTENSION = ROOT / "editors" / "vscode"
GRAMMAR_PATH = EXTENSION / "syntaxes" / "rubric.tmLanguage.json"

# ---- Regexes that mean the same in Oniguruma and Python --------------------------------------

# Escapes allowed outside and inside a character class: punctuation taken literally, \n and \t.
_LITERAL_ESCAPES = set("\\.-[](){}*+?|^$/\"#%:,;<>=!'&~@` ") | {"n", "t"}


def portable_regex_problems(rx):
    """What in [rx] is not in the subset shared by Oniguruma (Ruby syntax) and Python's re.

    Allowed: literal characters (any Unicode), escaped punctuation, \\n, \\t, classes with ranges
    (no nested class, no POSIX [:name:], no && intersection), groups (...), (?:...), lookaheads
    (?=...) and (?!...), the quantifiers * + ? {m} {m,} {m,n}, each optionally lazy (?), ^, $,
    |. Refused, among others: lookbehind (Python's is fixed-width only), atomic groups and
    possessive quantifiers (not in Python before 3.11), named groups and back-references (spelt
    differently), \\d \\w \\s \\b \\h \\p{..} \\x{..} \\u \\G \\A \\z (different meanings or absent)
    and inline flags."""
    problems = []
    i, n = 0, len(rx)
    quantifiable = False

    def escape_at(j, where):
        if j + 1 >= n:
            problems.append(f"a trailing backslash {where}")
            return j + 1
        if rx[j + 1] not in _LITERAL_ESCAPES:
            problems.append(f"the escape \\{rx[j + 1]} {where} at {j}")
        return j + 2

    while i < n:
        c = rx[i]
        if c == "\\":
            i = escape_at(i, "")
            quantifiable = True
        elif c == "[":
            j = i + 1
            if j < n and rx[j] == "^":
                j += 1
            if j < n and rx[j] == "]":
                problems.append(f"a class starting with ] at {i}")
            while j < n and rx[j] != "]":
                if rx[j] == "\\":
                    j = escape_at(j, "in a class")
                    continue
                if rx[j] == "[":
                    problems.append(f"[ inside a class (nested set or POSIX class) at {j}")
                if rx.startswith("&&", j):
                    problems.append(f"&& (class intersection) at {j}")
                j += 1
            if j >= n:
                problems.append(f"an unclosed class at {i}")
            i = j + 1
            quantifiable = True
        elif c == "(":
            if rx.startswith("(?", i):
                if rx[i + 2:i + 3] in (":", "=", "!"):
                    i += 3
                else:
                    problems.append(f"the group {rx[i:i + 4]!r}… at {i} (only (?: (?= (?! are portable)")
                    i += 2
            else:
                i += 1
            quantifiable = False
        elif c == ")":
            i += 1
            quantifiable = True
        elif c in "*+?" or c == "{":
            if c == "{":
                m = re.compile(r"\{[0-9]+(?:,[0-9]*)?\}").match(rx, i)
                if not m:
                    problems.append(f"a {{ that is not a quantifier at {i}")
                    i += 1
                    continue
                i = m.end()
            else:
                i += 1
            if not quantifiable:
                problems.append(f"a quantifier with nothing to repeat at {i - 1}")
            if i < n and rx[i] == "+":
                problems.append(f"a possessive quantifier at {i}")
                i += 1
            elif i < n and rx[i] == "?":
                i += 1  # lazy: the same in both
            quantifiable = False
        elif c == "}":
            problems.append(f"a lone }} at {i}")
            i += 1
        else:  # literal, . ^ $ |
            i += 1
            quantifiable = c not in "^$|"
    return problems


def compile_portable(rx, where):
    problems = portable_regex_problems(rx)
    assert not problems, f"{where}: {rx!r} is not portable between Oniguruma and Python: {problems}"
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # FutureWarning for sets Python would read differently
        try:
            return re.compile(rx)
        except re.error as e:
            raise AssertionError(f"{where}: {rx!r} does not compile: {e}") from e


# ---- The tokeniser -------------------------------------------------------------------------

RULE_KEYS = {"comment", "name", "contentName", "match", "captures", "begin", "end", "beginCaptures",
             "endCaptures", "patterns", "include"}
GRAMMAR_KEYS = {"$schema", "name", "scopeName", "fileTypes", "comment", "patterns", "repository"}


class _Frame:
    def __init__(self, name_scopes, content_scopes, end, end_captures, patterns):
        self.name_scopes = name_scopes  # outer scopes + the rule's name: its begin and end
        self.content_scopes = content_scopes  # + contentName: what lies between
        self.end = end
        self.end_captures = end_captures
        self.patterns = patterns


class Grammar:
    def __init__(self, data):
        unknown = set(data) - GRAMMAR_KEYS
        assert not unknown, f"grammar keys this tokeniser does not support: {unknown}"
        self.data = data
        self.scope = data["scopeName"]
        self.repository = data.get("repository", {})
        self._expanded = {}
        self._regex = {}
        for where, rule in self.rules():
            self._check_rule(where, rule)

    def rules(self):
        """Every rule of the grammar, with where it is, depth first."""
        def walk(where, rule):
            yield where, rule
            for k, sub in enumerate(rule.get("patterns", [])):
                yield from walk(f"{where}.patterns[{k}]", sub)
        for k, rule in enumerate(self.data["patterns"]):
            yield from walk(f"patterns[{k}]", rule)
        for key, rule in self.repository.items():
            yield from walk(f"repository.{key}", rule)

    def regexes(self):
        for where, rule in self.rules():
            for key in ("match", "begin", "end"):
                if key in rule:
                    yield f"{where}.{key}", rule[key]

    def _check_rule(self, where, rule):
        unknown = set(rule) - RULE_KEYS
        assert not unknown, f"{where}: keys this tokeniser does not support: {unknown}"
        if "include" in rule:
            assert set(rule) <= {"include", "comment"}, f"{where}: include with other keys"
            ref = rule["include"]
            assert ref == "$self" or (ref.startswith("#") and ref[1:] in self.repository), \
                f"{where}: include {ref!r} names nothing"
        elif "match" in rule:
            assert not set(rule) & {"begin", "end", "beginCaptures", "endCaptures", "patterns", "contentName"}, where
        elif "begin" in rule:
            assert "end" in rule, f"{where}: begin without end"
        else:
            assert set(rule) <= {"patterns", "comment"}, f"{where}: a rule that is neither match, begin nor include"
        for key in ("captures", "beginCaptures", "endCaptures"):
            for group, capture in rule.get(key, {}).items():
                assert group.isdigit() and set(capture) == {"name"}, f"{where}.{key}.{group}: only names are supported"
        for key in ("match", "begin", "end"):
            if key in rule:
                self._regex[(id(rule), key)] = compile_portable(rule[key], f"{where}.{key}")

    def _expand(self, rules, seen=()):
        """[rules] with their includes replaced by what they name: match and begin rules only."""
        out = []
        for rule in rules:
            if "include" in rule:
                ref = rule["include"]
                if ref in seen:
                    continue
                target = self.data if ref == "$self" else self.repository[ref[1:]]
                if "match" in target or "begin" in target:
                    out.append(target)
                else:
                    out.extend(self._expand(target.get("patterns", []), seen + (ref,)))
            elif "match" in rule or "begin" in rule:
                out.append(rule)
            else:
                out.extend(self._expand(rule.get("patterns", []), seen))
        return out

    def _patterns(self, owner):
        if id(owner) not in self._expanded:
            self._expanded[id(owner)] = self._expand(owner.get("patterns", []))
        return self._expanded[id(owner)]

    def tokenize(self, text):
        """Per line (split as VS Code does, at \\r\\n, \\r or \\n), the scopes of each character;
        and the stack of begin rules still open at the end."""
        stack = [_Frame((self.scope,), (self.scope,), None, {}, self._patterns(self.data))]
        lines = []
        for line in re.split(r"\r\n|\r|\n", text):
            lines.append(self._tokenize_line(line, stack))
        return lines, stack[1:]

    def _tokenize_line(self, line, stack):
        text = line + "\n"
        scopes = [None] * len(text)
        cache = {}  # regex -> (searched from, match): a search ahead stays valid (no lookbehind)

        def search(regex, pos):
            hit = cache.get(regex)
            if hit is not None and hit[0] <= pos and (hit[1] is None or hit[1].start() >= pos):
                return hit[1]
            m = regex.search(text, pos)
            cache[regex] = (pos, m)
            return m

        def paint(m, base, captures):
            for k in range(m.start(), m.end()):
                scopes[k] = base
            for group in sorted(captures, key=int):
                g = int(group)
                if g <= (m.re.groups) and m.start(g) != -1:
                    for k in range(m.start(g), m.end(g)):
                        scopes[k] = scopes[k] + (captures[group]["name"],)

        pos = 0
        while pos < len(text):
            frame = stack[-1]
            best, best_rule = None, None
            if frame.end is not None:
                best = search(frame.end, pos)
                best_rule = "end"
            for rule in frame.patterns:
                m = search(self._regex[(id(rule), "match" if "match" in rule else "begin")], pos)
                if m is not None and (best is None or m.start() < best.start()):
                    best, best_rule = m, rule
            if best is None:
                break
            for k in range(pos, best.start()):
                scopes[k] = frame.content_scopes
            if best_rule == "end":
                paint(best, frame.name_scopes, frame.end_captures)
                stack.pop()
            elif "match" in best_rule:
                base = frame.content_scopes + ((best_rule["name"],) if "name" in best_rule else ())
                paint(best, base, best_rule.get("captures", {}))
                assert best.end() > best.start(), f"the rule {best_rule} matches nothing at {pos}: {line!r}"
            else:
                name_scopes = frame.content_scopes + ((best_rule["name"],) if "name" in best_rule else ())
                content = name_scopes + ((best_rule["contentName"],) if "contentName" in best_rule else ())
                paint(best, name_scopes, best_rule.get("beginCaptures", {}))
                end = self._regex[(id(best_rule), "end")]
                stack.append(_Frame(name_scopes, content, end, best_rule.get("endCaptures", {}),
                                    self._patterns(best_rule)))
                assert best.end() > best.start(), f"the rule {best_rule} begins with nothing at {pos}: {line!r}"
            pos = best.end()
        for k in range(len(text)):
            if scopes[k] is None:
                scopes[k] = stack[-1].content_scopes
        return list(zip(line, scopes[:len(line)]))


GRAMMAR = Grammar(json.loads(GRAMMAR_PATH.read_text(encoding="utf-8")))
ROOT_SCOPE = GRAMMAR.scope


def tokens(text):
    lines, open_rules = GRAMMAR.tokenize(text)
    return [cell for line in lines for cell in line], open_rules


def scopes_of(text, part, occurrence=0):
    """The scopes of each character of the [occurrence]th [part] of [text]."""
    cells, _ = tokens(text)
    flat = "".join(c for c, _ in cells)
    start = -1
    for _ in range(occurrence + 1):
        start = flat.index(part, start + 1)
    return [s for _, s in cells[start:start + len(part)]]


def has_scope(scopes, prefix):
    return any(s == prefix or s.startswith(prefix + ".") for s in scopes)


def check_tokenises(text, label):
    """Every character but a blank has a scope from a rule, none invalid; nothing is left open."""
    lines, open_rules = GRAMMAR.tokenize(text)
    for number, line in enumerate(lines, 1):
        for column, (char, scopes) in enumerate(line, 1):
            if char in " \t":  # the lexer's blanks; an ideographic space is not one
                continue
            where = f"{label}:{number}:{column}: {char!r} in {''.join(c for c, _ in line)!r}"
            assert len(scopes) > 1, f"{where} has no scope of its own"
            bad = [s for s in scopes if s.startswith("invalid")]
            assert not bad, f"{where} is {bad}"
    assert not open_rules, f"{label}: still open at the end: {[f.name_scopes[-1] for f in open_rules]}"


# ---- The shipped rulesets ------------------------------------------------------------------

# tests/diagnostics and tests/bad-input are written to be wrong; every other .rubric is valid.
DELIBERATELY_WRONG = {"diagnostics", "bad-input"}
SHIPPED = sorted(
    set(ROOT.glob("rulesets/**/*.rubric"))
    | {p for p in ROOT.glob("tests/**/*.rubric") if p.relative_to(ROOT / "tests").parts[0] not in DELIBERATELY_WRONG})


def test_the_shipped_files_are_found():
    names = {p.relative_to(ROOT).as_posix() for p in SHIPPED}
    assert "rulesets/guangzhou/2023.rubric" in names
    assert "rulesets/guangzhou/zh/2023.rubric" in names  # Chinese keywords
    assert "rulesets/guangzhou/2023.test.rubric" in names  # a file of tests
    assert "tests/format/tests.test.rubric" in names  # JSON over two lines
    assert "tests/format/line_ends.rubric" in names  # CRLF and a byte-order mark
    assert len(SHIPPED) >= 50


@pytest.mark.parametrize("path", SHIPPED, ids=[p.relative_to(ROOT).as_posix() for p in SHIPPED])
def test_every_shipped_file_tokenises_without_errors(path):
    # VS Code drops a UTF-8 byte-order mark when it opens a file; so does utf-8-sig.
    check_tokenises(path.read_text(encoding="utf-8-sig"), path.relative_to(ROOT).as_posix())


# ---- Keywords, from the lexer's table ------------------------------------------------------


def _keywords_def():
    source = (ROOT / "dsl" / "keywords.def").read_text(encoding="utf-8")
    code = re.sub(r"//[^\n]*", "", source)
    keywords = re.findall(r'RUBRIC_KEYWORD\(\s*(\w+)\s*,\s*"([^"]*)"\s*,\s*"([^"]*)"\s*\)', code)
    names = re.findall(r'RUBRIC_NAME\(\s*"([^"]*)"\s*,\s*"([^"]*)"\s*\)', code)
    # Every entry is read: a change of the table's layout fails here rather than skipping words.
    assert len(keywords) == code.count("RUBRIC_KEYWORD(") and len(names) == code.count("RUBRIC_NAME(")
    return keywords, names


KEYWORDS, NAMES = _keywords_def()


def _keyword_words():
    """Each word of both sets: `until zero` is two English words, `扣完为止` one Chinese."""
    words = []
    for ident, en, zh in KEYWORDS:
        for form in (en, zh):
            words += [(ident, w) for w in form.split(" ") if w]
    return sorted(set(words))


KEYWORD_WORDS = _keyword_words()


def is_keyword(scopes):
    # Keywords are keyword.* scopes; true, false, inf and zero are constant.language.*.
    return has_scope(scopes, "keyword") or has_scope(scopes, "constant.language")


def test_both_keyword_sets_are_read_from_the_lexer():
    assert len(KEYWORDS) >= 80
    english = {w for _, w in KEYWORD_WORDS if w.isascii()}
    chinese = {w for _, w in KEYWORD_WORDS if not w.isascii()}
    assert {"indicator", "until", "zero", "at", "least"} <= english
    assert {"指标", "扣完为止", "至少", "否则"} <= chinese


@pytest.mark.parametrize("ident,word", KEYWORD_WORDS, ids=[f"{i}-{w}" for i, w in KEYWORD_WORDS])
def test_every_keyword_of_both_sets_is_a_keyword(ident, word):
    for text in (word, f"x {word} y", f"({word})", f"{word}\t# c"):
        scopes = scopes_of(text, word)
        assert all(is_keyword(s) for s in scopes), f"{word!r} ({ident}) in {text!r}: {scopes}"
    # Not inside a longer name: the lexer's keyword ends where the identifier characters do.
    for text in (f"{word}x", f"{word}甲", f"{word}1", f"x{word}", f"甲{word}", f"_{word}"):
        scopes = scopes_of(text, text)
        assert all(has_scope(s, "variable.other") for s in scopes), f"{text!r}: {scopes}"
    # A field may be any word: `j.score`.
    assert all(has_scope(s, "variable.other.property") for s in scopes_of(f"j.{word}", word))


@pytest.mark.parametrize("en,zh", NAMES, ids=[en for en, _ in NAMES])
def test_types_functions_and_rounding_modes_are_built_ins(en, zh):
    for word in (en, zh):
        assert all(has_scope(s, "support") for s in scopes_of(f"x {word} y", word)), word


def test_keywords_in_a_ruleset():
    text = 'score deduct 0.5 per audit_issues until zero\n评分 扣 0.5 每 审计问题数 扣完为止\n'
    for word in ("score", "deduct", "per", "until", "zero", "评分", "扣", "每", "扣完为止"):
        assert all(is_keyword(s) for s in scopes_of(text, word)), word
    for name in ("audit_issues", "审计问题数"):
        assert all(has_scope(s, "variable.other") for s in scopes_of(text, name)), name
    # 是否 (bool) is one name, not 是 and 否.
    assert all(has_scope(s, "support.type") for s in scopes_of("x : 是否 默认 是", "是否"))
    assert all(has_scope(s, "entity.name.function") for s in scopes_of("completion(rate, 3)", "completion"))


# ---- Identifier characters, from the lexer's table -----------------------------------------


def _identifier_ranges():
    source = (ROOT / "dsl" / "grammar_words.hpp").read_text(encoding="utf-8")
    block = re.search(r"struct ident_first\s*:\s*sor<(.*?)>\s*\{\};", source, re.S)
    assert block, "struct ident_first not found in dsl/grammar_words.hpp"
    ascii_part = re.search(r"\branges<((?:\s*'.'\s*,?)+)>", block.group(1))
    utf8_part = re.search(r"utf8::ranges<([0-9xXA-Fa-f,\s]+)>", block.group(1))
    chars = [ord(c) for c in re.findall(r"'(.)'", ascii_part.group(1))]
    codes = [int(x, 16) for x in re.findall(r"0x[0-9A-Fa-f]+", utf8_part.group(1))]
    ranges = []
    for values in (chars, codes):
        for k in range(0, len(values) - 1, 2):
            ranges.append((values[k], values[k + 1]))
        if len(values) % 2:  # PEGTL's ranges: a last lone value is one character
            ranges.append((values[-1], values[-1]))
    return ranges


IDENT_RANGES = _identifier_ranges()


def _is_ident(cp):
    return any(lo <= cp <= hi for lo, hi in IDENT_RANGES)


def test_identifier_characters_are_the_lexers():
    assert (0x4E00, 0x9FFF) in IDENT_RANGES and (ord("a"), ord("z")) in IDENT_RANGES
    for lo, hi in IDENT_RANGES:
        for cp in (lo, hi):
            for text in (chr(cp), "a" + chr(cp), "a1" + chr(cp) + "9"):
                assert all(has_scope(s, "variable.other") and not has_scope(s, "invalid")
                           for s in scopes_of(text, text)), f"U+{cp:04X} in {text!r}"
        for cp in (lo - 1, hi + 1):
            if cp > 0x7F and not _is_ident(cp):
                assert has_scope(scopes_of(chr(cp), chr(cp))[0], "invalid"), f"U+{cp:04X} is not an identifier character"
    assert has_scope(scopes_of("1a", "1")[0], "constant.numeric")  # digits only after the first


# ---- Comments, strings, numbers, JSON, punctuation -----------------------------------------


def test_comments():
    text = 'score 1 # 注释 "not a string" 100% score\n# a whole line\n'
    assert all(has_scope(s, "comment") for s in scopes_of(text, '# 注释 "not a string" 100% score'))
    assert all(has_scope(s, "comment") for s in scopes_of(text, "# a whole line"))
    assert not has_scope(scopes_of(text, "score")[0], "comment")
    assert all(has_scope(s, "string") for s in scopes_of('explain "a # b"', '"a # b"'))


def test_strings():
    text = r'standard "评分依据" "a\"b\\c\n\t" x'
    assert all(has_scope(s, "string.quoted.double") for s in scopes_of(text, '"评分依据"'))
    escaped = r'"a\"b\\c\n\t"'
    assert all(has_scope(s, "string.quoted.double") for s in scopes_of(text, escaped))
    for escape in (r"\"", r"\\", r"\n", r"\t"):
        assert all(has_scope(s, "constant.character.escape") for s in scopes_of(text, escape))
    assert has_scope(scopes_of(text, "x")[0], "variable.other")
    # A unit is a string: the lexer has no literal for 元 or 万元.
    assert all(is_keyword(s) for s in scopes_of('x : money unit "万元"', "unit"))
    assert all(has_scope(s, "string") for s in scopes_of('x : money unit "万元"', '"万元"'))


def test_numbers():
    for text, part in (("[0, 60%)", "60%"), ("x >= 99.49%", "99.49%"), ("rate * 0.5", "0.5"), ("points 20", "20"),
                       ("holiday 2024-02-10 to 2024-02-17", "2024-02-10"), ("min(m, 100%)", "100%")):
        assert all(has_scope(s, "constant.numeric") for s in scopes_of(text, part)), (text, part)
    assert has_scope(scopes_of("60%", "%")[0], "keyword.other.unit")
    assert all(has_scope(s, "constant.numeric") for s in scopes_of("2024 - 02", "2024"))
    assert has_scope(scopes_of("2024 - 02", "-")[0], "keyword.operator")


def test_json_of_tests():
    text = ('test "t" {\n  given { "rate": "75%", "n": -1.5e3, "ok": true, "x": null,\n'
            '          "l": [1, {"a": "\\"q\\""}] }\n  case "c" with {"b": 0} expect total = 1\n}\n')
    check_tokenises(text, "json")
    assert all(has_scope(s, "support.type.property-name") for s in scopes_of(text, '"rate"'))
    assert all(has_scope(s, "string") for s in scopes_of(text, '"75%"'))
    assert all(has_scope(s, "constant.numeric") for s in scopes_of(text, "-1.5e3"))
    assert all(has_scope(s, "constant.language") for s in scopes_of(text, "null"))
    assert all(is_keyword(s) for s in scopes_of(text, "given"))
    assert all(is_keyword(s) for s in scopes_of(text, "expect"))


def test_punctuation_and_operators():
    text = "最小（a，b）；x：y -> 1 <= 2 != 3 == 4 = 5 + 6 - 7 * 8 / 9 { [ ] } , : ;"
    check_tokenises(text, "punctuation")
    for part in "（，）；：{[]},:;":
        assert has_scope(scopes_of(text, part)[0], "punctuation"), part
    for part in ("->", "<=", "!=", "==", "+", "*", "/"):
        assert all(has_scope(s, "keyword.operator") for s in scopes_of(text, part)), part


def test_expect_error_codes():
    text = "expect 绩效 error E0715\nexpect error W0601\n"
    check_tokenises(text, "codes")
    assert all(has_scope(s, "constant.other.diagnostic-code") for s in scopes_of(text, "E0715"))


# ---- The checks can fail -------------------------------------------------------------------


@pytest.mark.parametrize("text,bad", [
    ("score @ 1", "@"), ("score `x`", "`"), ('indicator “三公”经费 points 2', "“"), ("x $ y", "$"),
    ("x ! y", "!"), ("(x)%", "%"), ("a\u3000b", "\u3000"), ('explain "unterminated', '"'),
    (r'explain "\q"', "\\"), ("x.", "."), ("given { # c }", "#"), ('given { "a": 01 }', "0"),
])
def test_bad_characters_are_invalid(text, bad):
    assert has_scope(scopes_of(text, bad)[0], "invalid"), (text, scopes_of(text, bad))
    with pytest.raises(AssertionError):
        check_tokenises(text, "bad")


def test_an_unclosed_begin_rule_fails():
    with pytest.raises(AssertionError, match="still open"):
        check_tokenises('test "t" { given { "a": 1,\n', "open")


# ---- The grammar's regexes are portable ----------------------------------------------------


def test_every_regex_is_portable():
    # Grammar() already compiled each one through compile_portable; list them for the record.
    regexes = list(GRAMMAR.regexes())
    assert len(regexes) > 30
    for where, rx in regexes:
        assert portable_regex_problems(rx) == [], where


@pytest.mark.parametrize("rx", [
    r"(?<=a)b", r"(?<!a)b", r"a*+", r"a++", r"a?+", r"a{2}+", r"(?>a)", r"(?<n>a)", r"(?P<n>a)", r"(?i)a",
    r"\d", r"\w", r"\s", r"\b", r"\h", r"\p{Han}", r"\x{4E00}", r"\u4e00", r"\G", r"\A", r"\z", r"\1",
    r"[[:alpha:]]", r"[a-z&&[^q]]", r"[]a]", r"a{,2}", r"*a",
])
def test_non_portable_regexes_are_refused(rx):
    assert portable_regex_problems(rx), rx


# ---- The extension's manifest --------------------------------------------------------------


def test_the_manifest_names_the_grammar_and_the_server():
    manifest = json.loads((EXTENSION / "package.json").read_text(encoding="utf-8"))
    assert manifest["name"] == "rubric"
    [language] = manifest["contributes"]["languages"]
    assert language["id"] == "rubric" and language["extensions"] == [".rubric"]
    config = json.loads((EXTENSION / language["configuration"]).read_text(encoding="utf-8"))
    assert config["comments"]["lineComment"] == "#"
    [grammar] = manifest["contributes"]["grammars"]
    assert grammar["language"] == "rubric" and grammar["scopeName"] == ROOT_SCOPE
    assert (EXTENSION / grammar["path"]).resolve() == GRAMMAR_PATH
    assert "onLanguage:rubric" in manifest["activationEvents"]
    assert "rubric.path" in manifest["contributes"]["configuration"]["properties"]
    assert "vscode-languageclient" in manifest["dependencies"]
    main = (EXTENSION / manifest["main"]).read_text(encoding="utf-8")
    assert '"lsp"' in main and '"rubric"' in main and '"path"' in main
