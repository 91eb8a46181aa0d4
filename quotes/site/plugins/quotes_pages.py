"""The quote site's pages: front page, speaker pages, quote pages, charts, readable cells, the
quotes table's default view.

Self-contained Datasette plugin (no import from `quotes`, so `datasette publish --plugins-dir`
carries it). It gives the templates in `../templates` their data, each query bounded (`limit`,
indexes and counts from the store's schema) so the pages stay fast on a million quotes:

* `/` - the front page, its own route: `index.html` with `quotes_front(database)` (the speakers
  quoted most, the latest quotes and the totals, read in one trip to a database thread);
* `quotes_speaker(database, id, args)` - a speaker's roles, the names they were called with the
  articles each came from, and their body quotes newest first, `SPEAKER_PAGE` a page
  (`?page=N`), within `since`/`until`;
* `quotes_in_context(row)`, `quotes_elsewhere(database, row)` - a quote's sentence cut at the
  quote, and the same quote in other articles;
* `quotes_bars(rows, label, value)` - horizontal bars for a chart, largest first.

`render_cell` shows JSON lists of aliases and roles as readable text and makes every quote's
text a link to its place in the article view (`/db/articles/<id>#q<quote id>`). A request for
the bare quotes table is sent to its reader's view: body quotes, newest first, the quote text,
speaker, kind, outlet, date and article (offsets and JSON columns stay in the JSON/CSV API); a
path with doubled slashes is answered on this site; `_nocol` of the sort column is dropped.
"""
from __future__ import annotations

import json
import re
from datetime import date, timedelta
from urllib.parse import urlencode

from markupsafe import Markup, escape

from quotes.site.filters import clean_date, filters_sql

_DATE = re.compile(r"^\d{4}-\d{2}(-\d{2})?$")
READER_COLUMNS = ("text", "speaker_id", "kind", "outlet", "published", "article_id")
ARTICLE_LIST = "_nocol=text&_nocol=meta"
"""The articles table opens without the full texts (a list of articles, not a 145,000 px page)."""
TOP_SPEAKERS = 12
LATEST = 12
SPEAKER_PAGE = 50
"""Quotes per page of a speaker page (`?page=N`, newest first; `since`/`until` filter them)."""

FRONT_TOP_SQL = """
select id, name, quote_count, article_count, last_seen from speakers
where is_person = 1 order by quote_count desc limit ?
"""
LATEST_SQL = """
select q.id, q.text, q.kind, q.cue, q.published, q.outlet, q.article_id, q.speaker_id,
       coalesce(s.name, q.speaker) as speaker, a.title
from quotes q left join speakers s on s.id = q.speaker_id join articles a on a.id = q.article_id
where q.in_body = 1 order by q.published desc, q.id desc limit ?
"""
SPEAKER_QUOTES_SQL = """
select q.id as id, q.text, q.kind, q.cue, q.published as published, q.outlet, q.article_id, a.title,
       q.speaker_role, 0 as as_co_speaker, {jointly} as jointly_with
from quotes q join articles a on a.id = q.article_id
where q.speaker_id = :sid and q.in_body = 1{dates}{joint}
order by published desc, id desc limit :n offset :offset
"""
JOINT_QUOTES_SQL = """
union all
select q.id, q.text, q.kind, q.cue, q.published, q.outlet, q.article_id, a.title, null,
       1, {jointly}
from quote_speakers qs cross join quotes q on q.id = qs.quote_id join articles a on a.id = q.article_id
where qs.speaker_id = :sid and q.in_body = 1{dates}"""
"""The speaker's joint quotes as a co-speaker, marked, merged into the page's own (each part in
its own order: the speaker's own quotes keep their index; the joint ones are found by speaker
first, `cross join`, never by walking every quote in date order)."""
JOINTLY = """(select group_concat(name, ', ') from (
    select coalesce(s.name, q.speaker) as name from speakers s where s.id = q.speaker_id and q.speaker_id != :sid
    union all
    select s.name from quote_speakers qs2 join speakers s on s.id = qs2.speaker_id
    where qs2.quote_id = q.id and qs2.speaker_id != :sid))"""
"""Who else said a joint quote, the first named first (`Charles E. Grassley, Patrick J. Leahy`)."""
SPEAKER_FILTERED_SQL = """
select count(*) from quotes q where {said} and q.in_body = 1{dates}
"""
SPEAKER_COUNTS_SQL = """
select sum(in_body = 1) as body, sum(in_body = 0) as trailing, count(distinct published) as days
from quotes q where {said}
"""
OWN = "q.speaker_id = :sid"
"""The speaker's own quotes (a database made before joint quotes were stored)."""
SAID = "(q.speaker_id = :sid or q.id in (select quote_id from quote_speakers where speaker_id = :sid))"
"""The quotes the speaker said: alone or first named, and jointly as a co-speaker."""
SPEAKER_MONTHS_SQL = """
select substr(published, 1, 7) as month, count(*) as quotes from quotes q
where {said} and in_body = 1 and published is not null group by month order by month
"""
# `the UK defence secretary` and `UK defence secretary` are one role, listed once
ROLES_SQL = """
select case when lower(role) like 'the %' then substr(role, 5) else role end as role,
  min(published) as first_seen, max(published) as last_seen, count(distinct article_id) as articles
from speaker_roles where speaker_id = ?
group by lower(case when lower(role) like 'the %' then substr(role, 5) else role end)
order by max(published) desc, role limit 100
"""
ALIASES_SQL = """
select s.alias, count(*) as articles, min(a.published) as first_seen, max(a.published) as last_seen,
       json_group_array(json_object('id', a.id, 'title', coalesce(a.title, 'an untitled article'),
                                    'published', a.published)) as sources
from speaker_aliases s left join articles a on a.id = s.article_id where s.speaker_id = ?
group by s.alias order by articles desc, s.alias limit 100
"""
ALIAS_ARTICLES = 5
"""Articles listed under each name a speaker was called (the newest; the count says how many)."""


ELSEWHERE_SQL = """
select q.id, q.text, q.kind, q.cue, q.published, q.outlet, q.article_id, q.speaker_id,
       coalesce(s.name, q.speaker) as speaker, a.title
from quotes q left join speakers s on s.id = q.speaker_id join articles a on a.id = q.article_id
where q.cluster_id = :cluster and q.article_id != :article order by q.published, q.id limit 20
"""


def in_context(row) -> dict | None:
    """The sentence(s) around a quote, cut where the quote starts and ends (by the stored
    offsets: `context[start - context_start:end - context_start]` is the quote's stretch)."""
    context, c0 = row["context"], row["context_start"]
    if not context:
        return None
    start, end = row["start"], row["end"]
    if c0 is None or start is None or end is None or not (c0 <= start <= end <= c0 + len(context)):
        return {"before": context, "quote": "", "after": ""}
    return {"before": context[:start - c0], "quote": context[start - c0:end - c0], "after": context[end - c0:]}


def bars(rows, label: str, value: str, limit: int = 50) -> list[dict]:
    """Rows as chart bars, largest first: label, value and width (percent of the largest)."""
    items = [(r[label], r[value] or 0) for r in rows][:limit]
    top = max((v for _, v in items), default=0) or 1
    return [{"label": k, "value": v, "width": round(100 * v / top, 1)} for k, v in
            sorted(items, key=lambda kv: -kv[1])]


def _periods(first: str, last: str, width: int) -> list[str]:
    """Every day (width 10), month (7) or year (4) from `first` to `last`, so that a quiet
    period shows as an empty column rather than vanishing from the time axis."""
    if width == 4:
        return [str(y) for y in range(int(first), int(last) + 1)]
    if width == 7:
        (y, m), (y2, m2) = map(int, first.split("-")), map(int, last.split("-"))
        return [f"{i // 12}-{i % 12 + 1:02d}" for i in range(y * 12 + m - 1, y2 * 12 + m2)]
    d, end = date.fromisoformat(first), date.fromisoformat(last)
    return [(d + timedelta(days=i)).isoformat() for i in range((end - d).days + 1)]


def time_bars(rows, key: str, value: str, max_bars: int = 120) -> dict:
    """Rows of (date, count) as chart columns in date order, with the empty periods between:
    per day, or per month or year when the days would make more than `max_bars` columns.
    Dates are days (YYYY-MM-DD) or months (YYYY-MM); others (unparsed dates) are left out."""
    counts: dict[str, int] = {}
    for r in rows:
        d = str(r[key] or "")
        if _DATE.match(d):
            counts[d] = counts.get(d, 0) + (r[value] or 0)
    series: dict[str, int] = {}
    width = 10
    if counts:
        for width in (10, 7, 4):
            series = {}
            for d, n in counts.items():
                if len(d) >= width:
                    series[d[:width]] = series.get(d[:width], 0) + n
            if len(series) != len({d[:width] for d in counts}):
                continue  # months given where days were asked: group further
            keys = sorted(series)
            span = _periods(keys[0], keys[-1], width)
            if len(span) <= max_bars:
                series = {k: series.get(k, 0) for k in span}
                break
    unit = {10: "day", 7: "month", 4: "year"}[width]
    top = max(series.values(), default=0) or 1
    return {"unit": unit, "days": len(counts),
            "bars": [{"label": k, "value": v, "height": round(100 * v / top, 1)} for k, v in series.items()]}


def readable_list(column: str, value) -> Markup | None:
    """A speakers row's `aliases` or `roles` JSON as a readable list, or None."""
    try:
        items = json.loads(value) if isinstance(value, str) else None
    except ValueError:
        return None
    if not isinstance(items, list):
        return None
    if column == "aliases":
        return Markup(", ".join(str(escape(a)) for a in items if isinstance(a, str)))
    out = []
    for r in items:
        if isinstance(r, dict) and r.get("role"):
            dates = " – ".join(dict.fromkeys(d for d in (r.get("first_seen"), r.get("last_seen")) if d))
            out.append(f"{escape(r['role'])}" + (f" <small>({escape(dates)})</small>" if dates else ""))
    return Markup("; ".join(out))


try:
    from datasette import hookimpl
    from datasette.utils import tilde_encode
    from datasette.utils.asgi import Response
except ImportError:  # pragma: no cover - the helpers above work without Datasette
    pass
else:

    def _article_url(datasette, database, article_id, quote_id=None) -> str:
        url = datasette.urls.row(database, "articles", tilde_encode(str(article_id)))
        return url + (f"#q{quote_id}" if quote_id is not None else "")

    def _with_links(datasette, database, rows) -> list[dict]:
        out = []
        for r in rows:
            d = dict(r)
            d["url"] = d["article_url"] = _article_url(datasette, database, d["article_id"], d["id"])
            d["quote_url"] = datasette.urls.row(database, "quotes", tilde_encode(str(d["id"])))
            if d.get("speaker_id") is not None:
                d["speaker_url"] = datasette.urls.row(database, "speakers", tilde_encode(str(d["speaker_id"])))
            out.append(d)
        return out

    def front_rows(conn) -> tuple[list[dict], list[dict], dict]:
        """The front page's rows in one go (on a database thread): the most quoted speakers, the
        latest quotes, and the totals (quotes from the stored counts where there are any)."""
        import sqlite3

        def rows(sql, params=()):
            cur = conn.execute(sql, params)
            names = [d[0] for d in cur.description]
            return [dict(zip(names, r)) for r in cur.fetchall()]

        counts = {}
        try:
            counts["quotes"] = conn.execute(
                "select sum(n) from quote_counts where facet = 'kind'").fetchone()[0] or 0
        except sqlite3.Error:  # an older database without the counts
            counts["quotes"] = conn.execute("select count(*) from quotes").fetchone()[0]
        for table in ("articles", "speakers"):
            counts[table] = conn.execute(f"select count(*) from [{table}]").fetchone()[0]
        return rows(FRONT_TOP_SQL, [TOP_SPEAKERS]), rows(LATEST_SQL, [LATEST]), counts

    async def front_page(datasette, request):
        """The front page, rendered from `index.html` with only what it shows (Datasette's own
        index view counts every table of every database first)."""
        await datasette.ensure_permissions(request.actor, ["view-instance"])
        names = [name for name in datasette.databases if name != "_internal"]
        context = {"databases": [{"name": n} for n in names], "metadata": datasette.metadata()}
        html = await datasette.render_template("index.html", context, request=request, view_name="index")
        return Response.html(html)

    @hookimpl
    def register_routes():
        return [(r"^/$", front_page)]

    @hookimpl
    def extra_template_vars(datasette):
        async def quotes_front(database: str) -> dict:
            db = datasette.get_database(database)
            top, latest, counts = await db.execute_fn(front_rows)  # one trip to a database thread
            speakers = [dict(r, url=datasette.urls.row(database, "speakers", tilde_encode(str(r["id"]))),
                             width=w["width"]) for r, w in zip(top, bars(top, "name", "quote_count"))]
            return {"speakers": speakers, "latest": _with_links(datasette, database, latest), "counts": counts}

        async def quotes_speaker(database: str, speaker_id, args=None) -> dict:
            db = datasette.get_database(database)
            sid = int(speaker_id)
            args = args or {}
            since, until = clean_date(args.get("since")), clean_date(args.get("until"), end=True)
            try:
                page = max(1, min(int(args.get("page") or 1), 100_000))
            except ValueError:
                page = 1
            dates, params = filters_sql(since, until)
            params |= {"sid": sid, "n": SPEAKER_PAGE + 1, "offset": (page - 1) * SPEAKER_PAGE}
            joint = await db.table_exists("quote_speakers")     # (an older database: own quotes only)
            said, jointly = (SAID, JOINTLY) if joint else (OWN, "null")
            co = JOINT_QUOTES_SQL.format(jointly=jointly, dates=dates) if joint else ""
            counts = (await db.execute(SPEAKER_COUNTS_SQL.format(said=said), {"sid": sid})).first()
            quotes = (await db.execute(SPEAKER_QUOTES_SQL.format(dates=dates, joint=co, jointly=jointly), params)).rows
            shown = counts["body"] or 0
            if dates:
                shown = (await db.execute(SPEAKER_FILTERED_SQL.format(dates=dates, said=said),
                                          {k: v for k, v in params.items() if k not in ("n", "offset")})).first()[0]
            months = (await db.execute(SPEAKER_MONTHS_SQL.format(said=said), {"sid": sid})).rows
            roles = [dict(r) for r in (await db.execute(ROLES_SQL, [sid])).rows]
            aliases = []
            for r in (await db.execute(ALIASES_SQL, [sid])).rows:
                sources = sorted((a for a in json.loads(r["sources"]) if a["id"] is not None), key=lambda a: a["published"] or "", reverse=True)
                aliases.append(dict(r, sources=[dict(a, url=_article_url(datasette, database, a["id"]))
                                                for a in sources[:ALIAS_ARTICLES]]))
            kept = {k: args.get(k) for k in ("since", "until") if args.get(k)}

            def page_url(n):
                return "?" + urlencode({**kept, "page": n}) + "#quotes"

            return {
                "body": counts["body"] or 0, "trailing": counts["trailing"] or 0, "days": counts["days"] or 0,
                "quotes": [dict(d, speaker_id=None) for d in _with_links(datasette, database, quotes[:SPEAKER_PAGE])],
                "over_time": time_bars(months, "month", "quotes"),
                "roles": roles, "aliases": aliases, "page": page, "page_size": SPEAKER_PAGE,
                "offset": (page - 1) * SPEAKER_PAGE, "shown": shown,
                "since": args.get("since") or "", "until": args.get("until") or "",
                "bad_dates": [v for v in (args.get("since"), args.get("until")) if v and not clean_date(v)],
                "prev_url": page_url(page - 1) if page > 1 else None,
                "next_url": page_url(page + 1) if len(quotes) > SPEAKER_PAGE else None,
                "csv_url": datasette.urls.path("/-/quotes.csv") + "?" + urlencode(
                    {"speaker": f"#{sid}", **{k: v for k, v in (("since", since), ("until", until)) if v}}),
            }

        async def quotes_elsewhere(database: str, row) -> list[dict]:
            """The same quote in other articles (its cluster), when there are any."""
            if row["cluster_id"] is None:
                return []
            db = datasette.get_database(database)
            rows = (await db.execute(ELSEWHERE_SQL, {"cluster": row["cluster_id"], "article": row["article_id"]})).rows
            return _with_links(datasette, database, rows)

        async def quotes_all_rows(database: str, sql: str, params: dict) -> list:
            """Every row of a chart's query, where the page's table stops at Datasette's
            `max_returned_rows` (a decade is 3,650 days): within the usual time limit."""
            return (await datasette.get_database(database).execute(sql, params, truncate=False)).rows

        def quotes_quote_url(database: str, article_id, quote_id=None) -> str:
            return _article_url(datasette, database, article_id, quote_id)

        return {"quotes_front": quotes_front, "quotes_speaker": quotes_speaker, "quotes_bars": bars,
                "quotes_time_bars": time_bars,
                "quotes_in_context": in_context, "quotes_elsewhere": quotes_elsewhere, "quotes_quote_url": quotes_quote_url, "quotes_all_rows": quotes_all_rows,
                "reader_columns": READER_COLUMNS}

    @hookimpl
    def render_cell(row, value, column, table, database, datasette):
        if table == "speakers" and column in ("aliases", "roles"):
            return readable_list(column, value)
        keys = row.keys() if hasattr(row, "keys") else []
        speaker_id = row["id"] if table == "speakers" and column == "name" and "id" in keys else (
            row["speaker_id"] if table == "quotes" and column == "speaker" and "speaker_id" in keys else None)
        if speaker_id is not None and isinstance(value, str):  # every speaker name leads to their page
            href = datasette.urls.row(database, "speakers", tilde_encode(str(speaker_id)))
            return Markup(f'<a href="{escape(href)}">{escape(value)}</a>')
        if column == "text" and isinstance(value, str):
            if table == "quotes" and "id" in keys and "article_id" in keys:
                quote_id = row["id"]
            elif table is None and "quote_id" in keys and "article_id" in keys:
                quote_id = row["quote_id"]
            else:
                return None
            if row["article_id"] is None or quote_id is None:
                return None
            href = _article_url(datasette, database, row["article_id"], quote_id)
            return Markup(f'<a class="quote-link" href="{escape(href)}" '
                          f'title="See it in the article">{escape(value)}</a>')
        return None

    @hookimpl
    def asgi_wrapper(datasette):
        """The bare quotes table (no query string) opens on its reader's view, the bare articles
        table without the texts; a path with
        doubled slashes is answered on this site (`//db/quotes` must not redirect to the host
        `db`); `_nocol` of the column a table is sorted by is dropped (the next-page link needs it)."""

        def wrap(app):
            async def quotes_requests(scope, receive, send):
                if scope["type"] == "http":
                    path = scope.get("path", "")
                    if path.startswith("//"):
                        clean = "/" + path.lstrip("/")
                        query = scope.get("query_string", b"").decode("latin-1")
                        await Response.redirect(clean + (f"?{query}" if query else "")).asgi_send(send)
                        return
                    parts = path.strip("/").split("/")
                    base = datasette.setting("base_url").strip("/")
                    if base and parts[: len(base.split("/"))] == base.split("/"):
                        parts = parts[len(base.split("/")):]
                    is_table = len(parts) == 2 and parts[1] in ("quotes", "articles") and parts[0] in {
                        tilde_encode(d.route) for d in datasette.databases.values()}
                    if is_table and not scope.get("query_string"):
                        query = ("in_body=1&" + "&".join(f"_col={c}" for c in READER_COLUMNS)
                                 if parts[1] == "quotes" else ARTICLE_LIST)
                        await Response.redirect(f"{path}?{query}").asgi_send(send)
                        return
                    if is_table and b"_nocol=" in scope.get("query_string", b""):
                        scope = dict(scope, query_string=keep_sort_column(scope["query_string"]))
                await app(scope, receive, send)

            return quotes_requests

        return wrap


def keep_sort_column(query_string: bytes, default_sort: str = "published") -> bytes:
    """The query without `_nocol` of the column the table is sorted by (`_sort`, `_sort_desc`,
    else the metadata's `published`): Datasette's next-page link reads that column from the
    last row, and fails with a server error when it was left out."""
    from urllib.parse import parse_qsl, urlencode as encode

    pairs = parse_qsl(query_string.decode("latin-1"), keep_blank_values=True)
    sort = next((v for k, v in pairs if k in ("_sort", "_sort_desc")), default_sort)
    return encode([(k, v) for k, v in pairs if not (k == "_nocol" and v == sort)]).encode("latin-1")
