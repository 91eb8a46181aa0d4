"""A bare surname filed the same whatever order the articles come in.

`quotes.store.speakers.resolve` files a quote whose speaker is a surname alone (`Johnson`) under the
one known person with that surname, else under the surname itself. What is known depends on
what was stored before, so the same articles in another order (or an article retried after its
worker died) would file it differently. So after each save the surnames it touched are settled
again from the whole database: each bare-surname quote goes to the one person with that surname
when there is exactly one; with several, to the one its article names in full or whose gender,
titles and roles the article's own words fit (`_targets`); else to the surname's own speaker. A
user's correction of the surname wins, as everywhere.
"""
from __future__ import annotations

import re
from collections.abc import Iterable

import sqlite_utils

from . import clusters, speaker_names, speakers


def surnames(db: sqlite_utils.Database, speaker_ids: Iterable[int]) -> set[str]:
    """The surnames the person speakers `speaker_ids` go by (a full name's last word, or the
    bare surname itself); call it before rows are deleted."""
    found = set()
    for sid in speaker_ids:
        row = db.execute("select key, surname from speakers where id = ?", [sid]).fetchone()
        if row and "@" not in row[0]:
            found.add(row[1] or row[0])
    return found


def _corrected(db: sqlite_utils.Database, surname: str) -> bool:
    """Has the user merged or renamed the surname's speaker (`Holloway` renamed `Lord Holloway`
    keeps the key `holloway`)? Then its quotes stay where the user put them."""
    return db.execute("select 1 from speaker_corrections where key = ? or target_key = ? limit 1",
                      [surname, surname]).fetchone() is not None


def settle(db: sqlite_utils.Database, names: Iterable[str]) -> None:
    """File every bare-surname quote of each of `names` where `quotes.store.speakers.resolve` would
    file it if every article were already stored, and recount what moved."""
    touched: set[int] = set()
    moved_clusters: set[int] = set()
    for surname in sorted(set(names)):
        if not speaker_names.may_be_surname(surname) or _corrected(db, surname):
            continue
        persons = speakers.people_with_surname(db, surname)
        rows = db.execute(
            "select q.id, q.speaker_as_written, q.speaker_id, s.key, q.article_id, q.text, q.cluster_id, "
            "q.speaker_mention from quotes q join speakers s on s.id = q.speaker_id "
            "where s.key = ? or s.surname = ?",
            [surname, surname],
        ).fetchall()
        # filed as the bare surname, or written so: `Obama`, and `the president` the article tied to it
        bare = [r for r in rows if r[3] == surname or speaker_names.key(speaker_names.tidy(r[1] or "")) == surname]
        targets = _targets(db, surname, persons, bare)
        for qid, written, old_id, old_key, article_id, text, cluster, _mention in bare:
            name = speaker_names.tidy(written or "")
            target = targets[article_id]
            if old_key == target:
                continue
            new_id, new_name = speakers.speaker_id(db, speaker_names.SpeakerRef(target, name, True))
            db.execute("update quotes set speaker_id = ?, speaker = ? where id = ?", [new_id, new_name, qid])
            new_cluster = clusters.cluster_id(db, text, new_id)
            if new_cluster != cluster:
                db.execute("update quotes set cluster_id = ? where id = ?", [new_cluster, qid])
                moved_clusters |= {cluster, new_cluster}
            _move_article_links(db, old_id, new_id, article_id, name)
            touched |= {old_id, new_id}
        # a co-speaker named by the bare surname (`Obama and Clinton`): the same filing
        co = db.execute(
            "select l.quote_id, l.position, l.speaker_as_written, l.speaker_id, s.key, q.article_id "
            "from quote_speakers l join speakers s on s.id = l.speaker_id join quotes q on q.id = l.quote_id "
            "where s.key = ? or s.surname = ?", [surname, surname]).fetchall()
        co = [r for r in co if r[4] == surname or speaker_names.key(speaker_names.tidy(r[2] or "")) == surname]
        if co:
            targets = _targets(db, surname, persons, bare + [(None, r[2], r[3], r[4], r[5], None, None, r[2]) for r in co])
        for qid, position, written, old_id, old_key, article_id in co:
            if old_key == targets[article_id]:
                continue
            new_id, _ = speakers.speaker_id(db, speaker_names.SpeakerRef(targets[article_id], speaker_names.tidy(written or ""), True))
            db.execute("update quote_speakers set speaker_id = ? where quote_id = ? and position = ?", [new_id, qid, position])
            _move_article_links(db, old_id, new_id, article_id, speaker_names.tidy(written or ""))
            touched |= {old_id, new_id}
    if touched:
        speakers.refresh_speakers(db, touched)
    if moved_clusters:
        clusters.refresh_clusters(db, moved_clusters - {None})


def _targets(db: sqlite_utils.Database, surname: str, persons: list[str], bare: list[tuple]) -> dict[str, str]:
    """Where each article's bare-surname quotes go: the one person with that surname; with
    several, the one the article itself names in full (`Carly Fiorina` somewhere in its text),
    else the one the article's own words allow: the gender its pronouns and honorifics give
    (`he` for `Obama` when the other Obama is a woman) and the titles and roles it uses
    (`President Obama`, `the president`) against each person's aliases and roles; else the
    surname's own speaker. Only that article and the persons' rows decide (which every save
    touching the surname settles again), so the rows do not depend on the order of ingest."""
    mentions: dict[str, list[str]] = {}
    for row in bare:
        mentions.setdefault(row[4], []).append(row[7] or "")
    if len(persons) == 1:
        return dict.fromkeys(mentions, persons[0])
    known = {}
    bare_articles = list(mentions)
    marks = ",".join("?" * len(bare_articles))
    for key in persons:
        # the person's names and roles from the articles that name them, not from these bare ones:
        # what one pass moves in must not decide the next (the same rows in any order)
        names = db.execute(
            f"select a.alias from speaker_aliases a join speakers s on s.id = a.speaker_id where s.key = ? "
            f"and a.article_id not in ({marks}) union select r.role from speaker_roles r join speakers s "
            f"on s.id = r.speaker_id where s.key = ? and r.article_id not in ({marks})",
            [key, *bare_articles, key, *bare_articles]).fetchall()
        known[key] = (speaker_names.gender_of_key(key), speaker_names.person_words(" ".join(n[0] for n in names)))
    out = {}
    for article_id, said in mentions.items():
        text = (db.execute("select text from articles where id = ?", [article_id]).fetchone() or [""])[0] or ""
        named = [p for p in persons if re.search(
            r"\b" + re.escape(p.split()[0]) + r"\W+(?:\w\.?\s+)?" + re.escape(surname) + r"\b", text, re.IGNORECASE)]
        if len(named) == 1:  # the one the article itself names in full, though not beside this quote
            out[article_id] = named[0]
            continue
        before = re.findall(r"([A-Z][\w.]*)\s+" + re.escape(surname) + r"\b", text, flags=re.IGNORECASE)
        genders = {g for g in map(speaker_names.gender_of_mention, said + before) if g}
        words = speaker_names.person_words(" ".join(said + before))
        fits = [p for p in persons
                if (not genders or len(genders) == 1 and known[p][0] in (*genders, None))
                and (not words or words & known[p][1])] if genders or words else []
        out[article_id] = fits[0] if len(fits) == 1 else surname
    return out


def _move_article_links(db: sqlite_utils.Database, old_id: int, new_id: int, article_id: str, alias: str) -> None:
    """Move the aliases (and, when no quote of the article stays with the old speaker, the
    roles) that the article gave the old speaker over to the new one."""
    rest = db.execute("select 1 from quotes where speaker_id = ? and article_id = ? limit 1",
                      [old_id, article_id]).fetchone()
    alias_filter = "" if rest is None else " and lower(alias) = lower(?)"
    params = [new_id, old_id, article_id] + ([] if rest is None else [alias])
    db.execute(f"update or ignore speaker_aliases set speaker_id = ? where speaker_id = ? and article_id = ?{alias_filter}",
               params)
    db.execute(f"delete from speaker_aliases where speaker_id = ? and article_id = ?{alias_filter}", params[1:])
    if rest is None:
        db.execute("update or ignore speaker_roles set speaker_id = ? where speaker_id = ? and article_id = ?",
                   [new_id, old_id, article_id])
        db.execute("delete from speaker_roles where speaker_id = ? and article_id = ?", [old_id, article_id])
