"""Speakers in the database: filing a quote's speaker under one row per real person or body
(`quotes.store.speaker_names` says who a name means), the user's corrections (merges and renames, recorded
in `speaker_corrections` and re-applied on every ingest), and the derived columns (quote
counts, first and last seen, aliases, roles).
"""
from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field

import sqlite_utils

from . import speaker_names
from .rows import now, to_json
from .speaker_names import SpeakerRef


def speaker_id(db: sqlite_utils.Database, ref: SpeakerRef) -> tuple[int, str]:
    """The id and name of the `speakers` row for `ref`, made if new (named as the user's
    corrections say)."""
    row = db.execute("select id, name from speakers where key = ?", [ref.key]).fetchone()
    if row:
        return row[0], row[1]
    renamed = db.execute(
        "select name from speaker_corrections where key = ? and action = 'rename'", [ref.key]
    ).fetchone()
    if not renamed:  # a user's merge names the speaker that survives
        renamed = db.execute(
            "select name from speaker_corrections where target_key = ? and action = 'merge' "
            "and name is not null limit 1",
            [ref.key],
        ).fetchone()
    name = renamed[0] if renamed else ref.name
    cursor = db.execute(
        "insert into speakers (key, name, is_person, quote_count, article_count, surname) "
        "values (?, ?, ?, 0, 0, ?)",
        [ref.key, name, ref.is_person, None if "@" in ref.key else speaker_names.surname(ref.key)],
    )
    return cursor.lastrowid, name


@dataclass
class SpeakerMatch:
    """Who a name a user typed means: `ids`, the rows to answer for (one person: their row, and
    the row of their bare surname where it still has quotes), or, when it could be several
    people, `choices` (each `{"id", "name", "quote_count"}`) and no ids."""

    asked: str
    ids: list[int] = field(default_factory=list)
    choices: list[dict] = field(default_factory=list)

    @property
    def ambiguous(self) -> bool:
        return bool(self.choices)

    def describe(self) -> str:
        """`'Trump' could be: Donald Trump (#3, 775 quotes), Eric Trump (#9, 4 quotes)`."""
        people = ", ".join(f"{c['name']} (#{c['id']}, {c['quote_count']} quotes)" for c in self.choices)
        return f"{self.asked!r} could be: {people}; ask with the full name or the id"


def match_speaker(conn, spec: str | int | None) -> SpeakerMatch:
    """Who `spec` means in the database on `conn` (sqlite3 or sqlite-utils): an id (`12`,
    `#12`), or a name compared by `speaker_names.key` (honorifics, case, possessives, middle
    initials, invisible characters ignored), the user's merges followed. A bare surname means the
    one person with that surname (with the quotes still filed under the bare surname), or, when
    the database has several, it is ambiguous: `choices` lists them. A name that is no row's
    key is looked for among the aliases articles gave (`Russia's defence minister`)."""
    text = " ".join(str(spec or "").split())
    found = SpeakerMatch(text)
    if not text:
        return found
    if text.lstrip("#").isdigit():
        row = conn.execute("select id from speakers where id = ?", [int(text.lstrip("#"))]).fetchone()
        found.ids = [row[0]] if row else []
        return found
    k = corrected_key(conn, speaker_names.key(text))
    if not k:
        return found
    own = [r[0] for r in conn.execute("select id from speakers where key = ?", [k])]
    last = speaker_names.surname(k)
    if own and last and speaker_names.may_be_surname(last):
        # a full name: with the quotes filed under its bare surname when it is that surname's one person
        others = conn.execute("select count(*) from speakers where surname = ? and is_person = 1 and key != ?",
                              [last, k]).fetchone()[0]
        if not others:
            own += [r[0] for r in conn.execute("select id from speakers where key = ?", [last])]
        found.ids = own
        return found
    if speaker_names.may_be_surname(k):
        people = conn.execute(
            "select id, name, quote_count from speakers where surname = ? and is_person = 1 "
            "order by quote_count desc, id", [k]).fetchall()
        if len(people) == 1:
            found.ids = [people[0][0], *own]
            return found
        if len(people) > 1:
            rows = people + conn.execute(
                "select id, name, quote_count from speakers where key = ?", [k]).fetchall()
            found.choices = [{"id": r[0], "name": r[1], "quote_count": r[2]} for r in rows]
            return found
    if own:
        found.ids = own
        return found
    if last:  # `Vann Newkirk` for `Vann R. Newkirk II`: the one person whose name it is but for a suffix
        suffixed = [r[0] for r in conn.execute("select id, key from speakers where surname = ? and is_person = 1",
                                               [last]).fetchall()
                    if " ".join(w for w in r[1].split() if w not in speaker_names.SUFFIXES) == k]
        if len(suffixed) == 1:
            found.ids = suffixed
            return found
    aliased = conn.execute(
        "select s.id, s.name, s.quote_count from speakers s where s.id in "
        "(select speaker_id from speaker_aliases where key = ?) order by s.quote_count desc, s.id", [k]).fetchall()
    if len(aliased) == 1:
        found.ids = [aliased[0][0]]
    elif aliased:
        found.choices = [{"id": r[0], "name": r[1], "quote_count": r[2]} for r in aliased]
    return found


def find_speaker(db: sqlite_utils.Database, spec: str | int) -> dict:
    """The `speakers` row named by `spec`: its id (`12` or `#12`), its name, or an alias
    (`match_speaker`); a bare surname names the row of that surname itself when there is one.

    Raises `LookupError` naming the candidates when `spec` is unknown or ambiguous."""
    text = str(spec).strip()
    k = speaker_names.key(text)
    own = db.execute("select id from speakers where key = ?", [corrected_key(db, k)]).fetchone() if k else None
    found = match_speaker(db, spec) if own is None else SpeakerMatch(text, [own[0]])
    if found.ambiguous:
        raise LookupError(f"{found.describe()}")
    if not found.ids:
        raise LookupError(f"no speaker called {text!r}" if not text.lstrip("#").isdigit()
                          else f"no speaker with id {text}")
    return db["speakers"].get(found.ids[0])


def merge_speakers(db: sqlite_utils.Database, source: str | int, target: str | int) -> dict:
    """Fold speaker `source` into `target` (see `QuoteStore.merge_speakers`); returns the
    updated target row. Call inside a transaction."""
    src, dst = find_speaker(db, source), find_speaker(db, target)
    if src["id"] == dst["id"]:
        raise LookupError(f"{source!r} and {target!r} are already the same speaker (#{dst['id']})")
    db.execute("update speaker_corrections set target_key = ? where target_key = ? and action = 'merge'",
               [dst["key"], src["key"]])
    db["speaker_corrections"].upsert(
        {"key": src["key"], "action": "merge", "target_key": dst["key"], "name": dst["name"], "created": now()},
        pk=("key", "action"),
    )
    db.execute("update quotes set speaker_id = ?, speaker = ? where speaker_id = ?", [dst["id"], dst["name"], src["id"]])
    db.execute("update or ignore quote_speakers set speaker_id = ? where speaker_id = ?", [dst["id"], src["id"]])
    # (a joint quote of the two is now one speaker's: no co-speaker link to the speaker itself)
    db.execute("delete from quote_speakers where speaker_id = ? and quote_id in (select id from quotes where speaker_id = ?)",
               [dst["id"], dst["id"]])
    for table in ("speaker_aliases", "speaker_roles"):
        db.execute(f"update or ignore {table} set speaker_id = ? where speaker_id = ?", [dst["id"], src["id"]])
    refresh_speakers(db, [src["id"], dst["id"]])
    return db["speakers"].get(dst["id"])


def rename_speaker(db: sqlite_utils.Database, spec: str | int, name: str) -> dict:
    """Give a speaker a new canonical name, recorded so re-ingests keep it; returns the row.
    Call inside a transaction."""
    row = find_speaker(db, spec)
    db["speaker_corrections"].upsert(
        {"key": row["key"], "action": "rename", "target_key": None, "name": name, "created": now()},
        pk=("key", "action"),
    )
    db.execute("update speaker_corrections set name = ? where target_key = ? and action = 'merge'", [name, row["key"]])
    db.execute("update speakers set name = ? where id = ?", [name, row["id"]])
    db.execute("update quotes set speaker = ? where speaker_id = ?", [name, row["id"]])
    return db["speakers"].get(row["id"])


def link_co_speakers(db: sqlite_utils.Database, article_id: str, co_ids: dict[int, list[tuple[int, str]]]) -> None:
    """`quote_speakers` rows for the co-speakers of the article's quotes (`co_ids`: quote seq ->
    (speaker id, name as written) in the order named, at positions 1, 2, …; position 0 is the
    quote's own `speaker_id`, the first named)."""
    ids = dict(db.execute("select seq, id from quotes where article_id = ?", [article_id]).fetchall())
    db["quote_speakers"].insert_all(
        [{"quote_id": ids[seq], "speaker_id": sid, "position": n, "speaker_as_written": name}
         for seq, co in co_ids.items() for n, (sid, name) in enumerate(co, start=1)], ignore=True)


def drop_co_speakers(db: sqlite_utils.Database, article_id: str) -> set[int]:
    """Delete the co-speaker links of an article's quotes (before its quotes are replaced);
    the speakers they named, to recount."""
    where = "quote_id in (select id from quotes where article_id = ?)"
    found = {r[0] for r in db.execute(f"select distinct speaker_id from quote_speakers where {where}", [article_id])}
    if found:
        db.execute(f"delete from quote_speakers where {where}", [article_id])
    return found


def has_co_speakers(conn) -> bool:
    """Whether the database has `quote_speakers` (schema step 7; a reader may open an older
    file, which has no joint quotes)."""
    return conn.execute("select 1 from sqlite_master where type = 'table' and name = 'quote_speakers'").fetchone() is not None


def said_by_sql(conn, marks: str) -> str:
    """SQL for the ids of the quotes the speakers of `marks` (`?,?`; bind the ids twice) said:
    alone or first named, or jointly as a co-speaker (a file without `quote_speakers`: bind the
    ids twice all the same)."""
    if not has_co_speakers(conn):
        return f"select id from quotes where speaker_id in ({marks}) and speaker_id in ({marks})"
    return (f"select id from quotes where speaker_id in ({marks}) "
            f"union select quote_id from quote_speakers where speaker_id in ({marks})")


def co_speakers_of(conn, quote_ids: list[int]) -> dict[int, list[tuple[int, str]]]:
    """Each quote's co-speakers, `(speaker id, name)` in the order named."""
    if not quote_ids or not has_co_speakers(conn):
        return {}
    out: dict[int, list[tuple[int, str]]] = {}
    rows = conn.execute(
        f"select qs.quote_id, s.id, s.name from quote_speakers qs join speakers s on s.id = qs.speaker_id "
        f"where qs.quote_id in ({','.join('?' * len(quote_ids))}) order by qs.quote_id, qs.position", quote_ids)
    for qid, sid, name in rows:
        out.setdefault(qid, []).append((sid, name))
    return out


SAID_BY = "select id from quotes where speaker_id = :sid union select quote_id from quote_speakers where speaker_id = :sid"
"""The ids of the quotes a speaker said: alone or first named, and jointly as a co-speaker."""


def refresh_speakers(db: sqlite_utils.Database, ids: Iterable[int]) -> None:
    """Recount a speaker's quotes, first/last seen, aliases and roles, and settle its name and
    whether it is a person from every quote the database holds (not one mention's label): the
    name is the spelling of its key the most articles used (unless the user renamed it); it is a
    person when most of its quotes were attributed to a person or its name has a person's form.
    Drop empty ones."""
    for sid in ids:
        stats = db.execute(     # (a co-speaker's joint quotes count: a row with only those stays)
            "select count(*), count(distinct article_id), min(published), max(published), "
            f"avg(case when speaker_id = :sid then speaker_is_person end) from quotes where id in ({SAID_BY})",
            {"sid": sid},
        ).fetchone()
        if stats[0] == 0:
            db.execute("delete from speaker_aliases where speaker_id = ?", [sid])
            db.execute("delete from speaker_roles where speaker_id = ?", [sid])
            db.execute("delete from speakers where id = ?", [sid])
            continue
        counted = db.execute(
            "select alias, count(*) from speaker_aliases where speaker_id = ? group by alias "
            "order by count(*) desc, alias", [sid]).fetchall()
        aliases = [r[0] for r in counted]
        roles = [
            {"role": r[0], "first_seen": r[1], "last_seen": r[2]}
            for r in db.execute(
                "select role, min(published), max(published) from speaker_roles "
                "where speaker_id = ? group by role order by min(published), role",
                [sid],
            )
        ]
        key, name = db.execute("select key, name from speakers where id = ?", [sid]).fetchone()
        if not db.execute("select 1 from speaker_corrections where key = ? and action = 'rename'", [key]).fetchone():
            own = key.split("@")[0]
            spellings = [(n, speaker_names.tidy(a)) for a, n in counted if speaker_names.key(a) == own
                         or "@" in key and speaker_names.description_key(a) == own]
            if spellings:  # most articles, then the fullest, then the first in order: any order of ingest
                name = min(spellings, key=lambda s: (-s[0], -len(s[1]), s[1]))[1]
        person = (stats[4] or 0) >= 0.5 or ("@" not in key and speaker_names.is_person_name(name))
        db.execute(
            "update speakers set quote_count = ?, article_count = ?, first_seen = ?, "
            "last_seen = ?, aliases = ?, roles = ?, name = ?, is_person = ? where id = ?",
            [stats[0], stats[1], stats[2], stats[3], to_json(aliases), to_json(roles), name, int(person), sid],
        )
        db.execute("update quotes set speaker = ? where speaker_id = ? and speaker is not ?", [name, sid, name])


def corrected_key(db, key: str) -> str:
    """Follow the user's merge corrections from `key` to the key that survives."""
    seen = {key}
    while True:
        row = db.execute(
            "select target_key from speaker_corrections where key = ? and action = 'merge'", [key]
        ).fetchone()
        if row is None or row[0] in seen:
            return key
        key = row[0]
        seen.add(key)


def resolve(db, speaker: str, is_person: bool | None, article_id: str) -> SpeakerRef:
    """The speaker identity for a quote's resolved speaker name in the given article (see
    `quotes.store.speaker_names`): a description is keyed to its article; a name to its key
    across the database, a bare surname to the one person with that surname where there is
    exactly one (`quotes.store.surnames` settles it again after the save); the user's
    corrections followed."""
    name = speaker_names.tidy(speaker)
    if is_person is None:
        is_person = speaker_names.looks_like_person(name)
    k = speaker_names.key(name)
    if speaker_names.scope(name, is_person) == "article":
        return SpeakerRef(description_key(db, name, article_id), name, False)
    corrected = corrected_key(db, k)
    if corrected != k:
        return SpeakerRef(corrected, name, is_person)
    if speaker_names.may_be_surname(k):  # whatever one mention's label said: the database decides
        people = people_with_surname(db, k)
        if len(people) == 1:
            return SpeakerRef(people[0], name, True)
    return SpeakerRef(k, name, is_person)


def description_key(db, name: str, article_id: str) -> str:
    """The key of a description in its article: its core noun phrase there
    (`speaker_names.description_key`: `The experts` and `Several experts` are one speaker of
    that article), the user's corrections followed, those made to the description as written
    (before descriptions were filed by their core) included."""
    written = f"{speaker_names.key(name)}@{article_id}"
    corrected = corrected_key(db, written)
    if corrected != written:
        return corrected
    return corrected_key(db, f"{speaker_names.description_key(name)}@{article_id}")


def _as_filed(ref: SpeakerRef, speaker: str, article_id: str) -> bool:
    """Whether a description's ref is where `resolve` files it uncorrected (so the article's
    own words may still tie it to a person)."""
    return ref.key in (f"{speaker_names.key(speaker)}@{article_id}",
                       f"{speaker_names.description_key(speaker)}@{article_id}")


def resolve_article(db, quotes, text: str, article_id: str) -> list[SpeakerRef | None]:
    """`resolve` for each of an article's quotes (None for no speaker, or a junk one), with a
    description of one person filed under the person of the same article it describes
    (`_describes`): a definite description by role (`the GOP nominee`, `the Vermont senator`)
    under the one person whose roles, titles or descriptions there have that head noun
    (`Republican nominee Donald Trump`; a title implies roles: `Rep.` a lawmaker); a description
    in the headline or lede, definite or not, with no such person under the person the story
    names next (`A former DNC chairman says ...`, then `... said Don Fowler`); a document from a
    person the article quotes under that person (`A lesson from Loretta Lynch`); one article's
    descriptions of one document as one speaker (`_file_documents`: `A Bloomberg poll`, `the
    poll`); a person's team under their campaign where the article names it (`_file_teams`: `The
    Trump team`, `the Trump campaign`). With none or several it stays a description. Only the article's own words decide, so the filing does not
    depend on what else is stored."""
    refs: list[SpeakerRef | None] = []
    for q in quotes:
        if not q.speaker or speaker_names.junk(q.speaker) is not None:
            refs.append(None)
        else:
            refs.append(resolve(db, q.speaker, q.speaker_is_person, article_id))
    _file_documents(quotes, refs, text, article_id)
    _file_teams(db, quotes, refs, text)
    if not any(ref is not None and "@" in ref.key for ref in refs):
        return refs  # no description to file
    heads = _person_words(quotes, refs, text)
    if not heads:
        return refs
    lede = _lede_end(text)
    open_lede: list[int] = []
    tied: dict[str, set[str]] = {}  # head noun -> the persons the headline and lede tie it to
    for i, (q, ref) in enumerate(zip(quotes, refs)):
        if ref is None or "@" not in ref.key or not _as_filed(ref, q.speaker, article_id):
            continue  # a description the user corrected stays where the user put it
        start = min((s for s, _e in q.speaker_spans), default=None)
        in_lede = start is not None and start < lede
        found = _describes(q.speaker, heads, text, in_lede, start)
        if found is not None:
            refs[i] = SpeakerRef(found, speaker_names.tidy(q.speaker), True)
        if in_lede:
            head = speaker_names.description_head(q.speaker, indefinite=True)
            if found is None:
                open_lede.append(i)
            elif head:
                tied.setdefault(head, set()).add(found)
    for i in open_lede:  # the headline restates the lede: `Former DNC chairman calls for ...`
        same = tied.get(speaker_names.description_head(quotes[i].speaker, indefinite=True) or "", set())
        if len(same) == 1:
            refs[i] = SpeakerRef(next(iter(same)), speaker_names.tidy(quotes[i].speaker), True)
    return refs


def _file_documents(quotes, refs: list[SpeakerRef | None], text: str, article_id: str) -> None:
    """One article's descriptions of one document, filed as one speaker (in place): those that
    name it alike (`The Reuters/Ipsos poll`, `The latest Reuters/Ipsos opinion poll`), and, when
    the article names one document of that kind and no other, the unnamed ones (`the poll`, `A
    new poll` after `A Bloomberg poll`; `the article` after `a Times article`); with none named,
    the unnamed ones of one kind (`An exhaustive study`, `the study`). With two named polls, `the
    poll` could be either and stays apart. Only a speaker that is a document counts (one the
    attributor gave its author for is the author's); its mention as written adds the words that
    name it (the speaker drops its article, and `Reuters/Ipsos poll` opening a sentence could be
    sentence case). The filing goes under the shortest key of the named ones (or of the unnamed
    ones, with none named), so it is the same whatever order the quotes come in."""
    named: dict[str, dict[frozenset[str], list[int]]] = {}
    unnamed: dict[str, list[int]] = {}
    for i, (q, ref) in enumerate(zip(quotes, refs)):
        if ref is None or not _as_filed(ref, q.speaker, article_id) and "@" in ref.key:
            continue  # (a description the user corrected stays where the user put it)
        doc = speaker_names.document_name(q.speaker)
        if doc is None:
            continue  # (a document the attributor gave its author for is the author's)
        head, words = doc
        as_written = speaker_names.document_name(" ".join(text[s:e] for s, e in q.speaker_spans[:1]))
        if as_written is not None and as_written[0] == head:
            words = words | as_written[1]
        if words:
            named.setdefault(head, {}).setdefault(words, []).append(i)
        else:
            unnamed.setdefault(head, []).append(i)

    def file_together(members: list[int], also: list[int]) -> None:
        target = min((refs[i] for i in members), key=lambda r: (len(r.key), r.key))
        for i in members + also:
            refs[i] = target

    for head, groups in named.items():
        for members in groups.values():
            file_together(members, unnamed.get(head, []) if len(groups) == 1 else [])
    for head, members in unnamed.items():
        if head not in named:          # `An exhaustive study`, then `the study`: the article's one study
            file_together(members, [])


def _file_teams(db, quotes, refs: list[SpeakerRef | None], text: str) -> None:
    """`The Trump team has said …` in an article that names `the Trump campaign` (or `Donald
    Trump's campaign`): a person's team is their campaign there, filed under the campaign's key
    (in place). The owner must be a person the article names with a given name (`Donald Trump`),
    and only the article's own words decide (no other article's campaign counts), so the filing is
    the same whatever order articles come in. A team named as written stays where the user's
    corrections put it."""
    for i, (q, ref) in enumerate(zip(quotes, refs)):
        if ref is None or "@" in ref.key or ref.key != speaker_names.key(q.speaker):
            continue
        owner = speaker_names.team_owner(q.speaker)
        if owner is None or not _names_campaign(text, owner) or not _given_name_before(text, owner[-1]):
            continue
        refs[i] = SpeakerRef(corrected_key(db, speaker_names.key(" ".join(owner) + "’s campaign")),
                             speaker_names.tidy(q.speaker), False)


def _names_campaign(text: str, owner: tuple[str, ...]) -> bool:
    """Whether `text` names the campaign of `owner` (`Trump campaign`, `Trump’s campaign`,
    `Donald Trump's campaign`), the owner capitalised as a name is."""
    pattern = r"\b" + r"\s+".join(re.escape(w) for w in owner) + r"(?:['’]s?)?\s+[Cc]ampaign\b"
    return re.search(pattern, text) is not None


def _given_name_before(text: str, last: str) -> bool:
    """Whether `text` names someone `<given name> <last>` (`Donald Trump`): `last` is a person's."""
    return any(m.group(1).casefold() in speaker_names.FIRST_NAMES
               for m in re.finditer(r"\b([A-Z][a-z'’-]+)\s+(?:[A-Z]\.\s+)?" + re.escape(last) + r"\b", text))


def _person_words(quotes, refs, text: str) -> dict[str, set[str]]:
    """Each person the article quotes by name (its key) -> the role words the article gives
    them: roles, titles before the name, descriptions tied to them by the attributor, and the
    roles those titles imply. A bare surname (`Cruz`) counts as the article's one full name with
    that surname (`Ted Cruz`), not as a second person, and not as whoever else the database
    has with that surname (which would make the filing depend on the order of ingest)."""
    full = {ref.key for q, ref in zip(quotes, refs) if ref is not None and "@" not in ref.key and ref.is_person
            and " " in speaker_names.key(q.speaker)}
    heads: dict[str, set[str]] = {}
    for q, ref in zip(quotes, refs):
        if ref is None or "@" in ref.key or not ref.is_person:
            continue
        k = ref.key
        written = speaker_names.key(q.speaker)
        if " " not in written and speaker_names.may_be_surname(written):
            same = [f for f in full if speaker_names.surname(f) == written]
            k = same[0] if len(same) == 1 else written
        phrases = [q.speaker_role or "", q.speaker or ""] + [text[s:e] for s, e in q.speaker_spans]
        if k not in heads:  # the title the article puts before the name: `President Obama`
            titles = speaker_names.titles_before(text, k)
            heads[k] = speaker_names.person_words(" ".join(titles)) | speaker_names.implied_roles(titles)
        words = speaker_names.person_words(" ".join(phrases))
        heads[k] |= words | speaker_names.implied_roles(words | _written_titles(phrases))
    return heads


def _written_titles(phrases: list[str]) -> set[str]:
    """The words of `phrases` as written, lower case without dots (`Rep.` -> `rep`)."""
    return {w.casefold().strip(".,") for p in phrases for w in p.split()}


def _describes(speaker: str, heads: dict[str, set[str]], text: str, in_lede: bool, start: int | None) -> str | None:
    """The key of the person of `heads` a description means, or None (see `resolve_article`)."""
    owner = speaker_names.document_owner(speaker)
    if owner is not None:
        return owner if owner in heads else None
    head = speaker_names.description_head(speaker, indefinite=in_lede)
    if head is None:
        return None
    found = [k for k, words in heads.items() if head in words]
    if not found and len(heads) == 1 and not _headline_names(text, start, next(iter(heads))):
        found = list(heads)  # the one person the article quotes: `the Vermont senator`
    if not found and in_lede and start is not None:
        named = _named_next(text, start, head, heads)
        found = [named] if named else []
    return found[0] if len(found) == 1 else None


_PARAGRAPH = re.compile(r"\n\s*")


def _lede_end(text: str) -> int:
    """Where the headline and the lede (the first two paragraphs) end."""
    breaks = [m.end() for m in _PARAGRAPH.finditer(text)]
    return breaks[1] if len(breaks) > 1 else len(text)


_GIVEN_NAME = re.compile(r"\b([A-Z][a-z'’-]+)\s+(?:[A-Z]\.\s+)?[A-Z][\w'’-]+")


def _named_next(text: str, start: int, head: str, heads: dict[str, set[str]]) -> str | None:
    """The person (of `heads`) the story names first after the paragraph of a headline or lede
    description starting at `start`, within the first three paragraphs: `A former DNC chairman
    says ...` followed by `“...,” said Don Fowler, who ...`. Not when someone else is named
    first (`Richard Cross ... wrote the remarks delivered by Patricia Smith`), nor a person the
    description's own sentence names (`Sanders will back Clinton, former rival says`), nor one
    the article gives other roles only (`Police Chief Chuck Jordan` for `the former secretary
    of state`)."""
    breaks = [m.end() for m in _PARAGRAPH.finditer(text)]
    after = [b for b in breaks if b > start]
    if not after:
        return None
    own = _sentence(text, start)
    window = text[after[0]:breaks[2] if len(breaks) > 2 else len(text)]
    best = None
    for k, words in heads.items():
        if " " not in k or words and head not in words or _mentions(own, k):
            continue
        m = _names(window, k)
        if m and (best is None or m.start() < best[0]):
            best = (m.start(), k)
    if best is None:
        return None
    first = next((m.start() for m in _GIVEN_NAME.finditer(window) if m.group(1).casefold() in speaker_names.FIRST_NAMES),
                 best[0])
    return best[1] if first >= best[0] else None


def _headline_names(text: str, start: int | None, k: str) -> bool:
    """Whether a description starting at `start` stands in the headline (the first line) and that
    line names the person of key `k`: then it is someone else (`Sanders will back Clinton,
    former rival says`)."""
    line = text.find("\n")
    return start is not None and (line < 0 or start < line) and _mentions(_sentence(text, start), k)


def _sentence(text: str, start: int) -> str:
    """The sentence (or headline line) around offset `start`: a person it names is someone else
    than its description (`Sanders will back Clinton, former rival says`)."""
    begin = max(text.rfind("\n", 0, start), *(text.rfind(p, 0, start) for p in (". ", "? ", "! "))) + 1
    ends = [i for i in (text.find(p, start) for p in ("\n", ". ", "? ", "! ")) if i >= 0]
    return text[begin:min(ends, default=len(text))]


def _names(text: str, k: str) -> re.Match | None:
    """Where `text` names the person of key `k` in full (`Don Fowler`, `Loretta E. Lynch`)."""
    pattern = r"\b" + r"\W+(?:\w\.?\s+)?".join(re.escape(w) for w in k.split()) + r"\b"
    return re.search(pattern, text, flags=re.IGNORECASE)


def _mentions(text: str, k: str) -> bool:
    """Whether `text` names the person of key `k`, in full or by surname (`Sanders will ...`)."""
    last = speaker_names.surname(k)
    return bool(_names(text, k) or last and re.search(r"\b" + re.escape(last) + r"\b", text, flags=re.IGNORECASE))


def people_with_surname(db, surname: str, exclude_id: int | None = None) -> list[str]:
    """Keys of the people filed under a full name ending in `surname` (a key of one word)."""
    rows = db.execute(
        "select key from speakers where surname = ? and is_person = 1 and id is not ?",
        [surname, exclude_id],
    ).fetchall()
    return [r[0] for r in rows]
