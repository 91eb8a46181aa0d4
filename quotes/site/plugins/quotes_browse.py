"""The reader's search and the site's CSV download.

* `/-/search?q=WORDS&since=&until=&outlet=&page=N` - the front page's one search box: the
  speakers whose names or aliases hold the words first (`speakers_fts`, with their counts), then
  the quotes holding them, 50 a page, each with its kind and cue and links to its own page, its
  speaker and its place in the article. Without words it browses every quote, newest first.
  Dates and outlet are filters a reader sets in the form, without SQL. Every query is bounded:
  the quotes of a search come from the full-text index in its order (most recently stored
  first), so a word nearly every quote holds costs what a rare one does, and counts stop at
  `COUNT_CAP` ("10,000+") or come from `quote_counts`.
* `/-/quotes.csv?speaker=&q=&since=&until=&outlet=` - the same rows, columns and bytes as
  `quotes export` with the same options (`quotes.export.export_rows` and `write_csv`: BOM,
  title, URL, formula guard), sent as an attachment.
"""
from __future__ import annotations

import re
from urllib.parse import urlencode

from quotes.site.filters import clean_date, filters_sql

PAGE_SIZE = 50
COUNT_CAP = 10_000
SPEAKERS_SHOWN = 10
CSV_MAX_ROWS = 200_000
"""A download larger than this is refused with a page naming the `quotes export` command that
writes it (a site thread is not held for minutes)."""


def fts_words(text: str) -> list[str]:
    """The words of a search, as the full-text index splits them (letters and digits)."""
    return re.findall(r"\w+", text or "")


def match_expression(text: str, prefix: bool = False) -> str | None:
    """An FTS5 query holding every word of `text` (each quoted, so no word is an operator);
    `prefix`: the last word may be the start of a word (`Trum` finds Trump)."""
    words = fts_words(text)
    if not words:
        return None
    terms = [f'"{w}"' for w in words]
    if prefix:
        terms[-1] += "*"
    return " ".join(terms)


KINDS = ("direct", "indirect", "mixed", "belief")


DETAILS_SQL = """
select q.id, q.text, q.kind, q.cue, q.published, q.outlet, q.article_id, q.speaker_id, q.speaker_role,
       coalesce(s.name, q.speaker) as speaker, a.title
from quotes q left join speakers s on s.id = q.speaker_id join articles a on a.id = q.article_id
where q.id in ({ids})
"""

try:
    from datasette import hookimpl
    from datasette.utils import tilde_encode
    from datasette.utils.asgi import Response
except ImportError:  # pragma: no cover - the helpers above work without Datasette
    pass
else:

    def _database(datasette, request):
        """The quote database: `?db=` or the first one with a quotes table."""
        wanted = request.args.get("db")
        for name, db in datasette.databases.items():
            if name == "_internal" or (wanted and name != wanted):
                continue
            return db
        return None

    def quote_links(datasette, database: str, row: dict) -> dict:
        d = dict(row)
        d["quote_url"] = datasette.urls.row(database, "quotes", tilde_encode(str(d["id"])))
        d["article_url"] = (datasette.urls.row(database, "articles", tilde_encode(str(d["article_id"])))
                            + f"#q{d['id']}")
        if d.get("speaker_id") is not None:
            d["speaker_url"] = datasette.urls.row(database, "speakers", tilde_encode(str(d["speaker_id"])))
        return d

    async def quote_rows(datasette, db, ids: list[int]) -> list[dict]:
        """The quotes `ids` with their speaker and article, in the order given."""
        if not ids:
            return []
        rows = (await db.execute(DETAILS_SQL.format(ids=",".join(str(int(i)) for i in ids)))).rows
        by_id = {r["id"]: quote_links(datasette, db.name, r) for r in rows}
        return [by_id[i] for i in ids if i in by_id]

    async def _count(db, sql: str, params: dict) -> int | None:
        """Rows of `sql`, stopping at `COUNT_CAP` + 1; None when even that takes too long."""
        try:
            return (await db.execute(f"select count(*) from ({sql} limit {COUNT_CAP + 1})", params,
                                     custom_time_limit=300)).first()[0]
        except Exception:  # noqa: BLE001 - QueryInterrupted and the like: no count rather than no page
            return None

    async def _precomputed(db, since, until, outlet, kind) -> int | None:
        """The body quotes matching the date, outlet and kind filters, from `quote_counts`, when
        one facet answers it; None otherwise."""
        if sum(map(bool, (outlet, since or until, kind))) > 1:
            return None
        if kind:
            sql, params = "facet = 'kind' and value = :v", {"v": kind}
        elif outlet:
            sql, params = "facet = 'outlet' and value = :v", {"v": outlet}
        elif since or until:
            sql, params = "facet = 'published' and value between :a and :b", {"a": since or "", "b": until or "9999"}
        else:
            sql, params = "facet = 'kind'", {}
        try:
            return (await db.execute(f"select coalesce(sum(n), 0) from quote_counts where in_body = 1 and {sql}",
                                     params)).first()[0]
        except Exception:  # noqa: BLE001 - an older database without the counts
            return None

    async def precomputed_facets(datasette, db) -> dict:
        """The body quotes per outlet and per kind, and the most quoted speakers: read from the
        counts the store keeps (`quote_counts`, `speakers.quote_count`), never a scan."""
        out = {"outlet": [], "kind": [], "speaker": []}
        try:
            for facet, limit in (("outlet", 20), ("kind", 10)):
                rows = (await db.execute(
                    "select value, n from quote_counts where facet = :f and in_body = 1 and value != '' and n > 0 "
                    "order by n desc limit :limit", {"f": facet, "limit": limit})).rows
                out[facet] = [{"value": r["value"], "n": r["n"]} for r in rows]
        except Exception:  # noqa: BLE001 - an older database without the counts
            pass
        rows = (await db.execute("select id, name, quote_count from speakers where is_person = 1 "
                                 "order by quote_count desc limit 10")).rows
        out["speaker"] = [{"value": r["name"], "n": r["quote_count"],
                           "href": datasette.urls.row(db.name, "speakers", tilde_encode(str(r["id"])))} for r in rows]
        return out

    async def search_context(datasette, db, args) -> dict:
        q = (args.get("q") or "").strip()[:500]
        since, until = clean_date(args.get("since")), clean_date(args.get("until"), end=True)
        outlet = (args.get("outlet") or "").strip()[:200] or None
        kind = args.get("kind") if args.get("kind") in KINDS else None
        try:
            page = max(1, min(int(args.get("page") or 1), 10_000))
        except ValueError:
            page = 1
        where, params = filters_sql(since, until, outlet, kind)
        offset = (page - 1) * PAGE_SIZE
        speakers, total, order = [], None, "newest first"
        match = match_expression(q)
        if match:
            params["match"] = match
            found = await db.execute(
                "select s.id, s.name, s.quote_count, s.article_count, s.last_seen from speakers_fts f "
                "join speakers s on s.id = f.rowid where speakers_fts match :m "
                "order by s.quote_count desc limit :n", {"m": match_expression(q, prefix=True), "n": SPEAKERS_SHOWN})
            speakers = [dict(r, url=datasette.urls.row(db.name, "speakers", tilde_encode(str(r["id"]))))
                        for r in found.rows]
            base = ("select f.rowid as id from quotes_fts f join quotes q on q.id = f.rowid "
                    f"where quotes_fts match :match and q.in_body = 1{where}")
            ids = [r[0] for r in (await db.execute(f"{base} order by f.rowid desc limit {PAGE_SIZE + 1} offset {offset}",
                                                   params)).rows]
            total = await _count(db, base, params)
            order = "most recently added first"
        elif q:
            ids = []
            total = 0
        else:
            base = f"select q.id from quotes q where q.in_body = 1{where}"
            ids = [r[0] for r in (await db.execute(
                f"{base} order by q.published desc, q.id desc limit {PAGE_SIZE + 1} offset {offset}", params)).rows]
            total = await _precomputed(db, since, until, outlet, kind)
            if total is None:
                total = await _count(db, base, params)
        quotes = await quote_rows(datasette, db, ids[:PAGE_SIZE])
        facets = await precomputed_facets(datasette, db)
        outlets = [o["value"] for o in facets["outlet"]]
        kept = {k: v for k, v in (("q", q), ("since", args.get("since")), ("until", args.get("until")),
                                  ("outlet", outlet), ("kind", kind)) if v}
        link = datasette.urls.path("/-/search")
        for name, items in facets.items():
            for item in items:
                item["url"] = f"{link}?{urlencode({**kept, name: item['value'], 'page': 1})}"
        csv = {k: v for k, v in (("q", q), ("since", since), ("until", until), ("outlet", outlet)) if v}
        return {
            "q": q, "since": args.get("since") or "", "until": args.get("until") or "", "outlet": outlet or "",
            "kind": kind or "", "kinds": KINDS, "facets": facets,
            "speakers": speakers, "quotes": quotes, "total": total, "cap": COUNT_CAP, "order": order,
            "page": page, "page_size": PAGE_SIZE, "offset": offset, "outlets": outlets,
            "bad_dates": [v for v in (args.get("since"), args.get("until")) if v and not clean_date(v)],
            "prev_url": f"{link}?{urlencode({**kept, 'page': page - 1})}" if page > 1 else None,
            "next_url": f"{link}?{urlencode({**kept, 'page': page + 1})}" if len(ids) > PAGE_SIZE else None,
            "csv_url": datasette.urls.path("/-/quotes.csv") + ("?" + urlencode(csv) if csv else ""),
            "database": db.name,
        }

    async def search(datasette, request):
        await datasette.ensure_permissions(request.actor, ["view-instance"])
        db = _database(datasette, request)
        if db is None:
            return Response.html("No quote database is served.", status=404)
        context = await search_context(datasette, db, request.args)
        return Response.html(await datasette.render_template("quotes_search.html", context, request=request))

    def csv_rows(conn, args) -> tuple[str, int | None]:
        """The CSV of `quotes export` for these arguments, or (a message, None) when too large."""
        import io

        from quotes.export import export_rows, write_csv

        options = {k: args.get(k) or None for k in ("speaker", "since", "until", "outlet")}
        options["search"] = args.get("q") or None
        rows = export_rows(conn, **options)
        out = io.StringIO()
        n = write_csv((r for i, r in zip(range(CSV_MAX_ROWS + 1), rows)), out)
        rows.close()
        if n > CSV_MAX_ROWS:
            command = "quotes export " + " ".join(
                f"--{k} {v!r}" for k, v in options.items() if v) + " -o quotes.csv"
            return (f"More than {CSV_MAX_ROWS:,} quotes: too many for a download from the site. "
                    f"Narrow the selection, or run {command}"), None
        return out.getvalue(), n

    async def quotes_csv(datasette, request):
        await datasette.ensure_permissions(request.actor, ["view-instance"])
        db = _database(datasette, request)
        if db is None:
            return Response.text("No quote database is served.", status=404)
        try:
            body, n = await db.execute_fn(lambda conn: csv_rows(conn, request.args))
        except ValueError as exc:  # a date that is not one
            return Response.text(str(exc), status=400)
        if n is None:
            return Response.text(body, status=413)
        name = re.sub(r"[^\w.-]+", "-", "-".join(
            v for v in (request.args.get("speaker"), request.args.get("q"), "quotes") if v)).strip("-")[:80]
        return Response(body, status=200, content_type="text/csv; charset=utf-8",
                        headers={"content-disposition": f'attachment; filename="{name}.csv"'})

    @hookimpl
    def register_routes():
        return [(r"^/-/search$", search), (r"^/-/quotes\.csv$", quotes_csv)]
