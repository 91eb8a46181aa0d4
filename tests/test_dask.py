"""`quotes ingest --dask`: a two-worker `LocalCluster` stores the same rows as a local ingest."""
from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

pytest.importorskip("distributed", reason="dask[distributed] is not installed (pip install 'quotes[dask]')")
pytestmark = pytest.mark.slow  # a local cluster and whole ingests

from quotes.cli import cli  # noqa: E402
from quotes.ingest import ingest  # noqa: E402
from rows import QUOTE_COLUMNS, ROOT, SEED_TEXT, table  # noqa: E402


@pytest.fixture(scope="module")
def inputs(tmp_path_factory) -> list[str]:
    """The sample article (with its sidecar) and a JSONL of 9 articles cut from its paragraphs."""
    tmp = tmp_path_factory.mktemp("in")
    paras = [p for p in SEED_TEXT.split("\n\n") if len(p) > 80]
    with open(tmp / "more.jsonl", "w", encoding="utf-8") as f:
        for i in range(9):
            body = "\n\n".join(paras[(i * 2 + k) % len(paras)] for k in range(4))
            f.write(json.dumps({"id": f"d{i}", "text": f"Dispatch {i}.\n\n{body}"}) + "\n")
    return [str(ROOT / "seeds"), str(tmp / "more.jsonl")]


def test_two_worker_local_cluster_stores_the_same_rows_as_a_local_ingest(inputs, tmp_path):
    local = tmp_path / "local.db"
    report = ingest(inputs, local, processes=1, batch_size=4)
    assert report.ok and report.articles_stored == 10

    dask_db = tmp_path / "dask.db"
    result = CliRunner().invoke(cli, ["ingest", *inputs, "--db", str(dask_db), "--dask", "local:2",
                                      "--batch-size", "3"])
    assert result.exit_code == 0, result.output
    assert "10 articles stored" in result.output

    articles = "select id, title, text_hash, body_end, quote_count from articles order by id"
    assert table(dask_db, articles) == table(local, articles)
    quotes = f"select {QUOTE_COLUMNS} from quotes order by article_id, seq"
    local_quotes = table(local, quotes)
    assert len(local_quotes) > 40
    assert table(dask_db, quotes) == local_quotes
    speakers = "select name, quote_count from speakers order by name"
    assert table(dask_db, speakers) == table(local, speakers)

    # And a second Dask run skips everything, as a local one would.
    again = CliRunner().invoke(cli, ["ingest", *inputs, "--db", str(dask_db), "--dask", "local:2"])
    assert again.exit_code == 0 and "10 skipped" in again.output
