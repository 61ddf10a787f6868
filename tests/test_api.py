"""The REST API and the server's guards: every endpoint, validation errors, auth on and off, CSP, escaping."""

from __future__ import annotations

from html.parser import HTMLParser

import pytest

pytest.importorskip("fastapi", reason="the serve extra is not installed")

from click.testing import CliRunner  # noqa: E402
from fastapi.testclient import TestClient  # noqa: E402

from newsclaims.analysis import Analysis, Cue, Source, Statement  # noqa: E402
from newsclaims.api import create_app  # noqa: E402
from newsclaims.article import Article  # noqa: E402
from newsclaims.store import Store  # noqa: E402
from newsclaims.web.sample import CONTESTED_CLAIM_ID, QUIET_CLAIM_ID, load_sample, span  # noqa: E402

TOKEN = "test-token-0123456789"
HOSTILE = '<script>alert("x")</script><img src=x onerror=alert(1)>'


def _hostile_analysis() -> Analysis:
    text = f"Breaking {HOSTILE}\n\nThe mayor said {HOSTILE} happened."
    article = Article(
        id="hostile", text=text, title=f"Title {HOSTILE}", published="2026-03-05", outlet="Evil"
    )
    content = span(text, HOSTILE, 1)
    statement = Statement(
        "S1", Source(span(text, "The mayor")), Cue(span(text, "said"), "say"), [content], "indirect"
    )
    return Analysis(article=article, statements=[statement])


@pytest.fixture(scope="module")
def db_url(tmp_path_factory: pytest.TempPathFactory) -> str:
    url = f"sqlite:///{tmp_path_factory.mktemp('api') / 'corpus.db'}"
    store = Store(url, link=False)
    load_sample(store)
    store.add(_hostile_analysis())
    store.close()
    return url


@pytest.fixture(scope="module")
def client(db_url: str) -> TestClient:
    with TestClient(create_app(db_url), raise_server_exceptions=False) as test_client:
        yield test_client


class TagCollector(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict]] = []

    def handle_starttag(self, tag: str, attrs: list) -> None:
        self.tags.append((tag, dict(attrs)))


def parse_tags(html: str) -> list[tuple[str, dict]]:
    """Every element the browser would build, with its attributes (escaped text is not a tag)."""
    collector = TagCollector()
    collector.feed(html)
    return collector.tags


def error_of(response) -> dict:
    body = response.json()
    assert set(body) == {"error"}, body
    assert body["error"]["status"] == response.status_code
    assert body["error"]["message"]
    return body["error"]


# ---- reading -----------------------------------------------------------------------------------------


def test_health_counts_the_corpus(client: TestClient) -> None:
    body = client.get("/api/health").json()
    assert body["articles"] == 5 and body["claims"] >= 2 and body["ingest"] is False


def test_openapi_schema_lists_the_endpoints(client: TestClient) -> None:
    paths = client.get("/api/openapi.json").json()["paths"]
    for path in (
        "/api/articles",
        "/api/articles/{article_id}",
        "/api/claims",
        "/api/claims/{claim_id}",
        "/api/entities",
        "/api/events",
        "/api/search",
        "/api/analyse",
        "/api/ingest",
    ):
        assert path in paths
    assert "/" not in paths  # pages are not API


def test_articles_are_paginated_newest_first(client: TestClient) -> None:
    first = client.get("/api/articles", params={"limit": 2}).json()
    assert first["total"] == 5 and len(first["items"]) == 2 and first["next_offset"] == 2
    dates = [a["published"] for a in first["items"]]
    assert dates == sorted(dates, reverse=True)
    last = client.get("/api/articles", params={"limit": 2, "offset": 4}).json()
    assert len(last["items"]) == 1 and last["next_offset"] is None
    ids = {a["id"] for a in first["items"]} | {a["id"] for a in last["items"]}
    assert len(ids) == 3


def test_articles_filters(client: TestClient) -> None:
    def ids(**params) -> set[str]:
        return {a["id"] for a in client.get("/api/articles", params=params).json()["items"]}

    assert ids(q="fuel prices") == {"sample-beirut-0303"}
    assert ids(place="Damascus") == {"sample-wire-0303"}
    assert ids(actor="Omar Saleh") == {"sample-wire-0303"}
    assert ids(since="2026-03-04", until="2026-03-04") == {"sample-coast-0304"}


def test_one_article_with_its_analysis_and_claims(client: TestClient) -> None:
    body = client.get("/api/articles/sample-wire-0303").json()
    analysis = body["analysis"]
    assert analysis["schema"] == "newsclaims/1"
    text = analysis["article"]["text"]
    denial = next(s for s in analysis["statements"] if s["id"] == "S2")
    assert text[denial["content"][0][0] : denial["content"][0][1]].startswith("No shells were fired")
    assert {c["id"]: c["stance"] for c in body["claims"]}[CONTESTED_CLAIM_ID] == "denies"


def test_unknown_article_is_a_json_404(client: TestClient) -> None:
    response = client.get("/api/articles/no-such-id")
    assert response.status_code == 404 and "no-such-id" in error_of(response)["message"]


def test_claims_sorted_by_contest_and_by_recency(client: TestClient) -> None:
    contested = client.get("/api/claims", params={"sort": "contested"}).json()["items"]
    assert contested[0]["id"] == CONTESTED_CLAIM_ID and contested[0]["contested"] is True
    recent = client.get("/api/claims", params={"sort": "recent"}).json()["items"]
    seen = [c["last_seen"] for c in recent if c["last_seen"]]
    assert seen == sorted(seen, reverse=True)


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"contested": "true"}, {CONTESTED_CLAIM_ID}),
        ({"contested": "false"}, {QUIET_CLAIM_ID}),
        ({"q": "fuel"}, {QUIET_CLAIM_ID}),
        ({"place": "kafr nabl"}, {CONTESTED_CLAIM_ID}),
        ({"actor": "Omar Saleh"}, {CONTESTED_CLAIM_ID}),
        ({"until": "2026-03-02"}, {CONTESTED_CLAIM_ID}),
        ({"since": "2026-03-04"}, {CONTESTED_CLAIM_ID}),
        ({"type": "Protests"}, {QUIET_CLAIM_ID}),
    ],
)
def test_claim_filters(client: TestClient, params: dict, expected: set[str]) -> None:
    items = client.get("/api/claims", params=params).json()["items"]
    assert {c["id"] for c in items} & {CONTESTED_CLAIM_ID, QUIET_CLAIM_ID} == expected


@pytest.mark.parametrize(
    "params",
    [
        {"limit": 0},
        {"limit": 1000},
        {"offset": -1},
        {"since": "yesterday"},
        {"sort": "random"},
        {"since": "2026-03-05", "until": "2026-03-01"},
        {"contested": "maybe"},
    ],
)
def test_claim_list_validation_errors(client: TestClient, params: dict) -> None:
    response = client.get("/api/claims", params=params)
    assert response.status_code == 422
    error_of(response)


def test_one_claim_with_sources_in_time_order(client: TestClient) -> None:
    claim = client.get(f"/api/claims/{CONTESTED_CLAIM_ID}").json()
    stances = [(link["source_name"], link["stance"]) for link in claim["links"]]
    assert ("Omar Saleh", "denies") in stances and ("Rami Haddad", "supports") in stances
    dates = [link["published"] for link in claim["links"]]
    assert dates == sorted(dates)
    assert claim["links"][0]["outlet"] == "Northern Ledger"
    assert client.get("/api/claims/nope").status_code == 404


def test_entities_across_the_corpus(client: TestClient) -> None:
    body = client.get("/api/entities", params={"q": "saleh"}).json()
    assert [e["name"] for e in body["items"]] == ["Omar Saleh"]
    assert body["items"][0]["n_articles"] == 1
    assert client.get("/api/entities", params={"type": "PERSON"}).json()["total"] == 2


def test_events_with_day_and_coordinates(client: TestClient) -> None:
    items = client.get("/api/events", params={"type": "Protests"}).json()["items"]
    assert len(items) == 1
    protest = items[0]
    assert protest["place_name"] == "Beirut" and protest["lat"] == pytest.approx(33.89)
    assert protest["day"] == "2026-03-03"
    shelling = client.get("/api/events", params={"type": "Shelling/artillery/missile attack"}).json()
    assert shelling["total"] == 3


def test_events_filters(client: TestClient) -> None:
    def keys(**params) -> set[tuple[str, str]]:
        items = client.get("/api/events", params=params).json()["items"]
        return {(e["article_id"], e["event_id"]) for e in items}

    assert keys(place="beirut") == {("sample-beirut-0303", "V1")}
    assert keys(since="2026-03-04") == {("sample-coast-0304", "V1"), ("sample-coast-0304", "V2")}
    assert keys(until="2026-03-01") == {("sample-ledger-0302", "V1")}  # its own date, not the article's
    assert keys(actor="Hands Across") == {("sample-coast-0304", "V1"), ("sample-coast-0304", "V2")}
    assert ("sample-ledger-0302", "V1") in keys(contested="true")


def test_events_as_geojson(client: TestClient) -> None:
    response = client.get("/api/events", params={"format": "geojson"})
    assert response.headers["content-type"].startswith("application/geo+json")
    collection = response.json()
    assert collection["type"] == "FeatureCollection"
    lon, lat = collection["features"][0]["geometry"]["coordinates"]
    assert 30 < lon < 40 and 30 < lat < 40
    assert int(response.headers["x-total-count"]) == 5
    assert client.get("/api/events", params={"format": "kml"}).status_code == 422


def test_search_articles_and_statements(client: TestClient) -> None:
    body = client.get("/api/search", params={"q": "civilian areas"}).json()
    assert [s["source_name"] for s in body["statements"]["items"]] == ["Omar Saleh"]
    assert [a["id"] for a in body["articles"]["items"]] == ["sample-wire-0303"]
    assert client.get("/api/search", params={"q": "x"}).status_code == 422
    assert client.get("/api/search").status_code == 422


def test_cached_responses_follow_writes_by_other_processes(tmp_path) -> None:
    url = f"sqlite:///{tmp_path / 'cache.db'}"
    writer = Store(url, link=False)
    load_sample(writer)
    with TestClient(create_app(url, cache_seconds=600)) as reader:
        assert reader.get("/api/articles").json()["total"] == 4
        assert reader.get("/api/articles").json()["total"] == 4  # from the cache
        writer.add(_hostile_analysis())  # another connection, as `newsclaims ingest` would be
        assert reader.get("/api/articles").json()["total"] == 5
    writer.close()


def test_unknown_api_path_is_a_json_404(client: TestClient) -> None:
    response = client.get("/api/nothing/here")
    assert response.status_code == 404
    error_of(response)


# ---- analyse and ingest ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "body",
    [
        {},
        {"text": "a", "url": "https://example.org/a"},
        {"text": ""},
        {"text": "x", "colour": "red"},
        {"url": "ftp://example.org/a"},
        {"text": "x", "published": "last week"},
    ],
)
def test_analyse_validation_errors(client: TestClient, body: dict) -> None:
    response = client.post("/api/analyse", json=body)
    assert response.status_code == 422, response.text
    error_of(response)


def test_analyse_refuses_private_urls(client: TestClient) -> None:
    response = client.post("/api/analyse", json={"url": "http://127.0.0.1:9/admin"})
    assert response.status_code == 422 and "non-public" in error_of(response)["message"]


def test_analyse_refuses_texts_above_the_limit(db_url: str) -> None:
    with TestClient(create_app(db_url, max_text_chars=100)) as small:
        response = small.post("/api/analyse", json={"text": "word " * 50})
    assert response.status_code == 413


def test_request_bodies_above_the_limit_are_refused(db_url: str) -> None:
    with TestClient(create_app(db_url, max_body_bytes=1_000)) as small:
        response = small.post("/api/analyse", json={"text": "word " * 1000})
    assert response.status_code == 413 and "limit" in error_of(response)["message"]


def test_analyse_text_returns_an_analysis_and_stores_nothing(client: TestClient) -> None:
    text = "Rebel commanders said government troops shelled the village of Tal Hamra on Monday."
    response = client.post("/api/analyse", json={"text": text, "published": "2026-03-02"})
    assert response.status_code == 200, response.text
    analysis = response.json()
    assert analysis["schema"] == "newsclaims/1"
    assert analysis["article"]["text"] == text and analysis["article"]["published"] == "2026-03-02"
    assert client.get("/api/health").json()["articles"] == 5


def test_analyse_url_reads_the_page(client: TestClient, monkeypatch: pytest.MonkeyPatch) -> None:
    import newsclaims.ingest.url as url_module
    from newsclaims.api import routes_write

    text = "Officials said the bridge at Tal Hamra was destroyed."
    monkeypatch.setattr(routes_write, "check_public_url", lambda url: None)
    monkeypatch.setattr(
        url_module, "fetch_article", lambda url, **kw: Article(id="u1", text=text, url=url, title="Bridge")
    )
    response = client.post("/api/analyse", json={"url": "https://news.example/bridge"})
    assert response.status_code == 200, response.text
    assert response.json()["article"]["url"] == "https://news.example/bridge"


def test_ingest_is_forbidden_unless_allowed(client: TestClient) -> None:
    response = client.post(
        "/api/ingest", json={"articles": [{"text": "Police said 3 people were arrested."}]}
    )
    assert response.status_code == 403 and "--allow-ingest" in error_of(response)["message"]


def test_ingest_stores_articles_when_allowed(tmp_path) -> None:
    url = f"sqlite:///{tmp_path / 'ingest.db'}"
    with TestClient(create_app(url, allow_ingest=True)) as writer:
        assert writer.post("/api/ingest", json={"articles": []}).status_code == 422
        text = "Police in Tal Hamra said 3 protesters were arrested on Friday."
        body = {
            "articles": [{"id": "tal-hamra-1", "text": text, "title": "Arrests", "published": "2026-03-06"}]
        }
        response = writer.post("/api/ingest", json=body)
        assert response.status_code == 200, response.text
        assert response.json()["stored"][0] == {"id": "tal-hamra-1", "status": "added", "duplicate_of": None}
        again = writer.post("/api/ingest", json=body).json()
        assert again["stored"][0]["status"] == "duplicate"
        assert writer.get("/api/articles/tal-hamra-1").json()["title"] == "Arrests"


# ---- security ----------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def locked(db_url: str) -> TestClient:
    with TestClient(create_app(db_url, token=TOKEN), raise_server_exceptions=False) as test_client:
        yield test_client


@pytest.mark.parametrize(
    "path", ["/api/claims", "/api/articles/sample-wire-0303", "/api/openapi.json", "/static/app.css"]
)
def test_token_is_required_for_every_request(locked: TestClient, path: str) -> None:
    assert locked.get(path).status_code == 401
    assert locked.get(path, headers={"Authorization": "Bearer wrong-token-000000"}).status_code == 401
    assert locked.get(path, headers={"Authorization": f"Bearer {TOKEN}"}).status_code == 200


def test_api_401_is_json_with_a_challenge(locked: TestClient) -> None:
    response = locked.get("/api/claims")
    assert response.headers["www-authenticate"].startswith("Bearer")
    assert "Bearer" in error_of(response)["message"]


def test_browser_logs_in_once_with_the_token_in_the_url(locked: TestClient) -> None:
    locked.cookies.clear()
    page = locked.get("/")
    assert page.status_code == 401 and page.headers["content-type"].startswith("text/html")
    login = locked.get(f"/claims/{CONTESTED_CLAIM_ID}?token={TOKEN}", follow_redirects=False)
    assert login.status_code == 303
    assert login.headers["location"] == f"/claims/{CONTESTED_CLAIM_ID}"
    cookie = login.headers["set-cookie"]
    assert "HttpOnly" in cookie and "SameSite=Strict" in cookie
    assert locked.get("/").status_code == 200  # the client kept the cookie, as a browser does
    locked.cookies.clear()
    locked.cookies.set("newsclaims_token", "not-the-token-000")
    assert locked.get("/").status_code == 401
    locked.cookies.clear()


def test_no_token_no_auth(client: TestClient) -> None:
    assert client.get("/api/claims").status_code == 200


@pytest.mark.parametrize("path", ["/", "/api/claims", "/articles/hostile", "/static/app.js", "/no-such-page"])
def test_security_headers_everywhere(client: TestClient, path: str) -> None:
    headers = client.get(path).headers
    csp = headers["content-security-policy"]
    assert "script-src 'self'" in csp and "unsafe-inline" not in csp and "default-src 'none'" in csp
    assert headers["x-content-type-options"] == "nosniff"


@pytest.mark.parametrize(
    "path",
    [
        "/",
        f"/claims/{CONTESTED_CLAIM_ID}",
        "/articles/sample-ledger-0302",
        "/articles/hostile",
        "/articles",
        "/search?q=shell",
        "/map",
        "/no-such-page",
    ],
)
def test_pages_have_no_inline_script_or_style(client: TestClient, path: str) -> None:
    tags = parse_tags(client.get(path).text)
    scripts = [attrs for tag, attrs in tags if tag == "script"]
    assert scripts and all(attrs.get("src", "").startswith("/static/") for attrs in scripts)
    assert "style" not in {tag for tag, _ in tags}
    for tag, attrs in tags:
        assert "style" not in attrs, tag
        assert not any(name.startswith("on") for name in attrs), (tag, attrs)
        assert not any((value or "").lower().startswith("javascript:") for value in attrs.values())


def test_untrusted_article_text_is_escaped(client: TestClient) -> None:
    html = client.get("/articles/hostile").text
    assert "<script>alert" not in html and "<img src=x" not in html
    assert "&lt;script&gt;alert(" in html
    assert "img" not in {tag for tag, _ in parse_tags(html)}
    assert client.get("/api/articles/hostile").json()["title"] == f"Title {HOSTILE}"


def test_page_errors_are_html(client: TestClient) -> None:
    response = client.get("/claims/missing")
    assert response.status_code == 404 and "<html" in response.text and "missing" in response.text
    assert client.get("/?since=soon").status_code == 422


def test_worker_processes_get_the_token_from_the_environment(
    db_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    import json

    from newsclaims.api.app import CONFIG_ENV, app_from_env

    monkeypatch.setenv(CONFIG_ENV, json.dumps({"db_url": db_url, "token": None}))
    monkeypatch.setenv("NEWSCLAIMS_TOKEN", TOKEN)
    with TestClient(app_from_env()) as worker:
        assert worker.get("/api/health").status_code == 401
        assert worker.get("/api/health", headers={"Authorization": f"Bearer {TOKEN}"}).status_code == 200


def test_serve_needs_a_token_off_loopback() -> None:
    from newsclaims.cli.serve import serve

    result = CliRunner().invoke(
        serve, ["--host", "0.0.0.0", "--db", "sqlite:///:memory:"], env={"NEWSCLAIMS_TOKEN": ""}
    )
    assert result.exit_code == 2 and "--token" in result.output
    short = CliRunner().invoke(serve, ["--token", "short", "--db", "sqlite:///:memory:"])
    assert short.exit_code == 2 and "too short" in short.output


# ---- rendering helpers (no server) -------------------------------------------------------------------


def test_highlights_nest_when_marks_cross_and_escape_text() -> None:
    from newsclaims.web.highlight import Mark, render

    text = 'A <b>"quote" by Ann</b> end'
    quote = Mark(2, 14, "quote", (("data-statement", "S1"),))
    crossing = Mark(10, 22, "entity", (("title", 'Ann <"x">'),))
    html = str(render(text, [crossing, quote]))
    tags = parse_tags(html)
    assert [t for t, _ in tags] == ["span", "span", "span"]  # the entity is cut at the quote's end
    assert "<b>" not in html and "&lt;b&gt;" in html
    assert 'title="Ann &lt;&quot;x&quot;&gt;"' in html
    # Removing the markup gives back the text exactly.
    collector = TagCollector()
    collector.convert_charrefs = True
    parts: list[str] = []
    collector.handle_data = parts.append
    collector.feed(html)
    assert "".join(parts) == text


def test_highlights_of_an_analysis_cover_every_kind() -> None:
    from newsclaims.web.highlight import analysis_marks
    from newsclaims.web.sample import sample_analyses

    ledger = sample_analyses()[0]
    kinds = {m.kind for m in analysis_marks(ledger)}
    assert kinds == {"quote", "source", "cue", "entity", "place", "time", "quantity", "event"}
    quote = next(
        m for m in analysis_marks(ledger) if m.kind == "quote" and ("data-statement", "S2") in m.attrs
    )
    assert ledger.article.text[quote.start : quote.end].startswith("We counted")
    assert any(v.startswith("Rami Haddad") for k, v in quote.attrs if k == "title")


def test_fast_loader_builds_the_same_analysis() -> None:
    from newsclaims.api.fastload import analysis_from_stored
    from newsclaims.record import record_builder
    from newsclaims.store.rows import analysis_json
    from newsclaims.web.sample import sample_analyses

    for analysis in [*sample_analyses(), _hostile_analysis()]:
        assert (
            record_builder(Analysis)(analysis.to_dict()) == Analysis.from_dict(analysis.to_dict()) == analysis
        )
        assert analysis_from_stored(analysis_json(analysis), analysis.article.text) == analysis


def test_map_view_box_and_timeline_buckets() -> None:
    from newsclaims.web.charts import map_points, timeline_chart, view_box

    x, y, w, h = view_box([(36.6, 35.9), (35.5, 33.9)])
    assert x <= 35.5 and x + w >= 36.6 and y <= -35.9 and y + h >= -33.9 and w == 2 * h
    assert view_box([(179.0, 0.0), (-179.0, 0.0)])[2] == 360.0
    points, _ = map_points(
        [
            {
                "lat": 33.9,
                "lon": 35.5,
                "type": "Protests",
                "article_id": "a",
                "event_id": "V1",
                "place_name": "Beirut",
            }
        ]
        * 3
        + [{"lat": None, "lon": None, "type": "Riots", "article_id": "b", "event_id": "V1"}]
    )
    assert len(points) == 1 and points[0].count == 3 and points[0].href == "/articles/a#ev-V1"
    daily = timeline_chart([("2026-03-01", "Battles", 2), ("2026-03-03", "Protests", 1)])
    assert daily.bucket == "day" and len(daily.bars) == 2 and daily.y_max == 2
    monthly = timeline_chart([("2019-07-18", "Battles", 2), ("2024-05-14", "Battles", 1)])
    assert monthly.bucket == "month" and len(monthly.bars) == 2


def test_timeline_ticks_sit_under_their_bars() -> None:
    from newsclaims.web.charts import timeline_chart

    chart = timeline_chart(
        [("2026-03-01", "Battles", 1), ("2026-03-02", "Battles", 1), ("2026-03-03", "Riots", 2)]
    )
    for bar, (x, label, _) in zip(chart.bars, chart.ticks, strict=False):
        assert bar.x <= x <= bar.x + bar.width, (bar, x, label)
    assert all(chart.left <= bar.x and bar.x + bar.width <= chart.width for bar in chart.bars)
