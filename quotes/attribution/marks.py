"""Where are the quote marks: quotations found in raw text, before any parsing.

Paragraph-aware and apostrophe-safe:

- straight `"` and curly `“ ”` (and `« »`, `„`) double quotes; curly `‘ ’` and straight `'`
  single quotes used as quote marks (British style, headlines: `‘close to zero’`);
- an apostrophe (`Russia’s`, `aren’t`, `voters’ choice`, `’90s`) is never a quote mark unless a
  single quotation is open and it can close it;
- single quotes inside a double quotation (and the reverse) are nested quotes, part of the outer one;
- a quotation running over several paragraphs (an opening mark at each paragraph, a closing mark
  only at the last) is one quotation with a span per paragraph;
- a stray or unbalanced mark never stops the scan: an unclosed double quotation ends at its
  paragraph's end (flagged `unclosed`), an unclosed single one is dropped.

Offsets index the original text; spans hold the content between the marks, trimmed of outer
white space and of a trailing comma (the comma belongs to the attribution, not the quote).
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

DOUBLE_OPEN = "“„«"
DOUBLE_CLOSE = "”»"
STRAIGHT_DOUBLE = '"'
SINGLE_OPEN = "‘"
SINGLE_CLOSE = "’"
STRAIGHT_SINGLE = "'"
ALL_MARKS = DOUBLE_OPEN + DOUBLE_CLOSE + STRAIGHT_DOUBLE + SINGLE_OPEN + SINGLE_CLOSE + STRAIGHT_SINGLE
OPENERS = DOUBLE_OPEN + STRAIGHT_DOUBLE + SINGLE_OPEN + STRAIGHT_SINGLE

_BEFORE_OPEN = set(" \t\n([{—–-/:;") | {"\u00a0"}
# `''` and ``` `` ``` (typewriter-style double quotes, as in the New York Times archive) are one
# double mark each
_MARK_RE = re.compile("''|``|[" + re.escape(ALL_MARKS) + "]")
_PARA_RE = re.compile(r"[^\n]+")


@dataclass
class Quotation:
    """A stretch of text between quote marks (possibly over several paragraphs)."""

    spans: list[tuple[int, int]] = field(default_factory=list)
    opens: list[int] = field(default_factory=list)   # offsets of the opening marks
    close: int | None = None                          # offset of the closing mark
    double: bool = True                               # double or single marks
    paragraphs: list[int] = field(default_factory=list)
    unclosed: bool = False
    close_width: int = 1                              # 2 for a `''` mark

    @property
    def start(self) -> int:
        return self.spans[0][0]

    @property
    def end(self) -> int:
        return self.spans[-1][1]

    @property
    def outer_start(self) -> int:
        return self.opens[0]

    @property
    def outer_end(self) -> int:
        return self.close + self.close_width if self.close is not None else self.end

    def text(self, doc_text: str) -> str:
        return " … ".join(doc_text[s:e] for s, e in self.spans)

    def n_words(self, doc_text: str) -> int:
        return sum(len(doc_text[s:e].split()) for s, e in self.spans)


@dataclass
class Paragraph:
    index: int
    start: int
    end: int


def paragraphs(text: str) -> list[Paragraph]:
    """Non-empty lines, each a paragraph, with offsets into `text`."""
    out = []
    for m in _PARA_RE.finditer(text):
        if m.group().strip():
            out.append(Paragraph(len(out), m.start(), m.end()))
    return out


def _trim(text: str, s: int, e: int) -> tuple[int, int]:
    while s < e and text[s].isspace():
        s += 1
    while e > s and (text[e - 1].isspace() or text[e - 1] == ","):
        e -= 1
    return s, e


def _is_letter(ch: str) -> bool:
    return ch.isalnum()


def _classify(text: str, i: int, lo: int, hi: int, width: int = 1) -> str:
    """The role a mark at `i` can play: 'open', 'close', 'either' or 'none' (an apostrophe)."""
    ch = text[i:i + width]
    if ch == "``":
        return "open"
    if ch == "''":
        ch = STRAIGHT_DOUBLE
    prev = text[i - 1] if i > lo else " "
    nxt = text[i + width] if i + width < hi else " "
    if ch in DOUBLE_OPEN:
        # `“It's unusual,“ said …`: an opening mark after a word and before a space closes
        return "close" if not (prev.isspace() or i == lo) and (nxt.isspace() or nxt in ",.;:") else "open"
    space_before = prev.isspace() or prev in _BEFORE_OPEN or prev in OPENERS
    space_after = nxt.isspace() or not _is_letter(nxt)
    if ch in DOUBLE_CLOSE:
        # `”Mr. Trump …”`: a closing mark before a word at the start of a line or after a space
        # is an opening mark typed the wrong way round
        return "either" if (prev.isspace() or i == lo) and _is_letter(nxt) else "close"
    if ch == STRAIGHT_DOUBLE:
        if space_before and not nxt.isspace():
            return "open"
        if not space_before and space_after:
            return "close"
        return "either"
    # single marks: only at word edges, never inside a word
    if _is_letter(prev) and _is_letter(nxt):
        return "none"                       # Russia’s, aren’t
    if ch == SINGLE_OPEN:
        return "open" if space_before and not nxt.isspace() else "none"
    # ’ or ': closes after a non-space and before a non-letter; opens (straight only) before a word
    if not prev.isspace() and space_after:
        return "close"
    if ch == STRAIGHT_SINGLE and space_before and _is_letter(nxt):
        return "open"
    return "none"


def _closers_left(text: str, start: int, end: int) -> int:
    """How many more curly closing double marks than opening ones `text[start:end]` holds."""
    part = text[start:end]
    return sum(part.count(c) for c in DOUBLE_CLOSE) - sum(part.count(c) for c in DOUBLE_OPEN)


def find_quotations(text: str) -> list[Quotation]:
    """All top-level quotations in `text`, in order."""
    paras = paragraphs(text)
    found: list[Quotation] = []
    carry: Quotation | None = None        # a double quotation continuing from the paragraph before
    carry_straight = False
    for pi, para in enumerate(paras):
        lo, hi = para.start, para.end
        skip: set[int] = set()          # stray opening marks found on a first pass
        n_before = len(found)
        had_carry = carry is not None
        while True:
            dq: Quotation | None = None        # open double quotation
            dq_start = 0
            dq_straight = carry_straight
            sq_open: int | None = None         # top-level single quotation opened at
            nested_open: int | None = None     # nested quote opened inside the open quotation
            if carry is not None:
                first = lo
                while first < hi and text[first].isspace():
                    first += 1
                width = 2 if text[first:first + 2] in ("''", "``") else 1
                straight = width == 2 or text[first:first + 1] == STRAIGHT_DOUBLE
                if first < hi and (width == 2 or text[first] in DOUBLE_OPEN + STRAIGHT_DOUBLE) and straight == carry_straight:
                    dq, dq_start = carry, first + width
                    dq.opens.append(first)
                    dq.paragraphs.append(pi)
                else:
                    carry.unclosed = True
                    found.append(carry)
                carry = None
            for m in _MARK_RE.finditer(text, lo, hi):
                i, after = m.start(), m.end()
                if i in skip or dq is not None and i < dq_start:
                    continue
                ch = text[i]
                role = _classify(text, i, lo, hi, after - i)
                if role == "none":
                    continue
                is_double = after - i == 2 or ch in DOUBLE_OPEN + DOUBLE_CLOSE + STRAIGHT_DOUBLE
                if dq is not None:
                    if is_double and dq_straight != (after - i == 2 or ch == STRAIGHT_DOUBLE):
                        # the other style of double mark: a nested quotation (`"… “As you know…” …"`),
                        # or, where nothing of the opening style follows to close it, the closing
                        # mark of a pair typed in two styles (`“It's unusual," she said`)
                        if role == "open" and nested_open is None:
                            nested_open = i
                            continue
                        if nested_open is not None:
                            nested_open = None
                            continue
                        if role == "open":
                            continue
                        rest = text[after:hi]
                        same_follows = ('"' in rest or "''" in rest) if dq_straight else any(c in rest for c in DOUBLE_CLOSE)
                        nxt = _MARK_RE.search(text, after, hi)
                        opens_next = nxt is not None and _classify(text, nxt.start(), lo, hi, nxt.end() - nxt.start()) == "open"
                        if same_follows and not opens_next:
                            continue
                    if is_double:
                        if role == "open" and ch in DOUBLE_OPEN and nested_open is None and not dq_straight \
                                and _closers_left(text, after, hi) >= 2:
                            # `“… what he calls “hell” than live …”`: a curly quotation inside a
                            # curly one, where the paragraph closes both
                            nested_open = i
                            continue
                        if nested_open is not None and text[nested_open] in DOUBLE_OPEN and role != "open":
                            nested_open = None       # the nested curly quotation closes
                            continue
                        if role == "open" and ch in DOUBLE_OPEN:
                            # a new opening mark before the last one closed: the last one was stray
                            dq = Quotation(opens=[i], double=True, paragraphs=[pi])
                            dq_start = after
                            dq_straight = False
                            nested_open = None
                            continue
                        s, e = _trim(text, dq_start, i)
                        if e > s:
                            dq.spans.append((s, e))
                            dq.close = i
                            dq.close_width = after - i
                            found.append(dq)
                        dq, nested_open = None, None
                        continue
                    # single marks inside a double quotation are nested quotes
                    if role == "open" or (role == "either" and nested_open is None):
                        if nested_open is None:
                            nested_open = i
                    elif nested_open is not None and role in ("close", "either"):
                        nested_open = None
                    continue
                if sq_open is not None:
                    if not is_double and role in ("close", "either"):
                        s, e = _trim(text, sq_open + 1, i)
                        if e > s:
                            found.append(Quotation(spans=[(s, e)], opens=[sq_open], close=i, double=False, paragraphs=[pi]))
                        sq_open = None
                        nested_open = None
                    elif is_double and role in ("open", "either") and nested_open is None:
                        nested_open = i
                    elif is_double and nested_open is not None:
                        nested_open = None
                    continue
                if role in ("open", "either"):
                    if is_double:
                        dq = Quotation(opens=[i], double=True, paragraphs=[pi])
                        dq_start = after
                        dq_straight = after - i == 2 or ch == STRAIGHT_DOUBLE
                    else:
                        sq_open = i
                # a closing mark with nothing open is stray: ignored
            if dq is not None and dq_straight and not had_carry and dq.opens[0] not in skip and any(
                    c in text[dq_start:hi] for c in "“”"):
                # `"Trump walked on, chanting “U-S-A!”`: a stray straight mark opening a paragraph
                # of curly quotes; read the paragraph again without it
                skip.add(dq.opens[0])
                del found[n_before:]
                continue
            if dq is not None:
                s, e = _trim(text, dq_start, hi)
                if e > s:
                    dq.spans.append((s, e))
                    carry = dq
                    carry_straight = dq_straight
            break
    if carry is not None:
        carry.unclosed = True
        found.append(carry)
    found.sort(key=lambda q: q.start)
    return [q for q in found if not is_nickname(text, q)]


_NICKNAME = re.compile(r"[A-Z][\w'.-]*(?: [A-Z][\w'.-]*)?")
_NAME_BEFORE = re.compile(r"(?:^|\s)(?:[A-Z][\w'-]*|[A-Z]\.)\s$")
_NAME_AFTER = re.compile(r"\s[A-Z][\w'-]")


def is_nickname(text: str, q: Quotation) -> bool:
    """`Marcia "Cia" Price`, `Robert “Bobby” Tan`: one or two capitalised words in marks between
    two words of a name are part of the name, not a quotation (nor a scare quote: nobody said
    them, and read as a quotation they pair the sentence's real quotes with the wrong cue)."""
    if len(q.spans) != 1 or q.unclosed or q.close is None:
        return False
    s, e = q.spans[0]
    return bool(_NICKNAME.fullmatch(text[s:e])
                and _NAME_BEFORE.search(text, max(0, q.outer_start - 30), q.outer_start)
                and _NAME_AFTER.match(text, q.outer_end))

