"""The HTML pages: claims board `/`, claim `/claims/{id}`, article `/articles/{id}`, `/search`, `/map`.

Server-rendered with Jinja2 (autoescaping on: article text is untrusted); `static/app.js` only adds the
hover cards and the event panel, and every page works without it.
"""

from __future__ import annotations

import re
from importlib import resources
from typing import Any
from urllib.parse import quote, urlencode

from fastapi import APIRouter, HTTPException, Request
from fastapi.responses import HTMLResponse
from fastapi.templating import Jinja2Templates

from newsclaims import __version__
from newsclaims.api import queries
from newsclaims.api.deps import DatabaseDep
from newsclaims.api.queries import Filters
from newsclaims.web import charts
from newsclaims.web.article_view import article_context

router = APIRouter(include_in_schema=False)
templates = Jinja2Templates(directory=str(resources.files("newsclaims.web") / "templates"))
templates.env.globals.update(
    version=__version__, type_colour=charts.type_colour, stance_colours=charts.STANCE_COLOURS
)
# Ids are path segments: quote everything, "/" included.
templates.env.filters["path"] = lambda value: quote(str(value), safe="")

PAGE_SIZE = 25
MAP_EVENTS = 2000
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def render_error(request: Request, status: int, message: str) -> HTMLResponse:
    return templates.TemplateResponse(
        request, "error.html", {"status": status, "message": message}, status_code=status
    )


def _param(request: Request, name: str, max_len: int = 200) -> str | None:
    value = (request.query_params.get(name) or "").strip()
    if len(value) > max_len:
        raise HTTPException(422, f"{name} is longer than {max_len} characters")
    return value or None


def page_filters(request: Request) -> Filters:
    """Filters from a page's query string, where a form sends empty fields for what the user left blank."""
    since, until = _param(request, "since", 10), _param(request, "until", 10)
    for name, value in (("since", since), ("until", until)):
        if value and not _DATE.match(value):
            raise HTTPException(422, f"{name} must be a date as YYYY-MM-DD, not {value!r}")
    contested = _param(request, "contested", 5)
    return Filters(
        text=_param(request, "q"),
        place=_param(request, "place"),
        actor=_param(request, "actor"),
        since=since,
        until=until,
        contested=True if contested in ("1", "on", "true", "yes") else None,
        type=_param(request, "type", 100),
    )


def _offset(request: Request) -> int:
    raw = request.query_params.get("offset") or "0"
    if not raw.isdigit() or int(raw) > 10_000_000:
        raise HTTPException(422, "offset must be a non-negative whole number")
    return int(raw)


def _page_links(request: Request, result: dict[str, Any]) -> dict[str, str | None]:
    """Links to the previous and next pages, keeping the other query parameters."""
    params = [(k, v) for k, v in request.query_params.multi_items() if k not in ("offset", "token")]

    def link(offset: int) -> str:
        return request.url.path + "?" + urlencode([*params, ("offset", str(offset))])

    prev_offset = result["offset"] - result["limit"]
    return {
        "prev": link(max(prev_offset, 0)) if result["offset"] > 0 else None,
        "next": link(result["next_offset"]) if result["next_offset"] is not None else None,
    }


@router.get("/", response_class=HTMLResponse)
def board(request: Request, db: DatabaseDep):
    """The claims board: the most contested (or most recent) claims with their sources at a glance."""
    filters = page_filters(request)
    sort = "recent" if request.query_params.get("sort") == "recent" else "contested"
    with db.connect() as conn:
        result = queries.list_claims(conn, filters, PAGE_SIZE, _offset(request), sort=sort, glance=True)
    context = {"result": result, "filters": filters, "sort": sort, "links": _page_links(request, result)}
    return templates.TemplateResponse(request, "board.html", context)


@router.get("/claims/{claim_id}", response_class=HTMLResponse)
def claim_page(claim_id: str, request: Request, db: DatabaseDep):
    """One claim: a timeline of who said what and when, with quotes, outlets and links to the articles."""
    with db.connect() as conn:
        claim = queries.get_claim(conn, claim_id)
        if claim is None:
            raise HTTPException(404, f"no claim {claim_id!r}")
        context = {"claim": claim, "strip": charts.stance_strip(claim["links"])}
        return templates.TemplateResponse(request, "claim.html", context)


@router.get("/articles", response_class=HTMLResponse)
def articles_page(request: Request, db: DatabaseDep):
    with db.connect() as conn:
        filters = page_filters(request)
        result = queries.list_articles(conn, filters, PAGE_SIZE, _offset(request))
        context = {"result": result, "filters": filters, "links": _page_links(request, result)}
        return templates.TemplateResponse(request, "articles.html", context)


@router.get("/articles/{article_id}", response_class=HTMLResponse)
def article_page(article_id: str, request: Request, db: DatabaseDep):
    """One article with statements, sources, places, times, quantities and events highlighted."""
    with db.connect() as conn:
        found = queries.get_article(conn, article_id)
        claims = queries.article_claims(conn, article_id) if found else []
    if found is None:
        raise HTTPException(404, f"no article {article_id!r}")
    info, analysis = found
    return templates.TemplateResponse(request, "article.html", article_context(info, analysis, claims))


@router.get("/search", response_class=HTMLResponse)
def search_page(request: Request, db: DatabaseDep):
    """Search across articles (title and text) and statements (content and source)."""
    with db.connect() as conn:
        q = _param(request, "q")
        context: dict[str, Any] = {"q": q or "", "articles": None, "statements": None}
        if q:
            offset = _offset(request)
            context["articles"] = queries.list_articles(conn, Filters(text=q), PAGE_SIZE, offset)
            context["statements"] = queries.search_statements(conn, q, PAGE_SIZE, offset)
            context["links"] = _page_links(
                request,
                max(context["articles"], context["statements"], key=lambda r: r["next_offset"] or -1),
            )
        return templates.TemplateResponse(request, "search.html", context)


@router.get("/map", response_class=HTMLResponse)
def map_page(request: Request, db: DatabaseDep):
    """Events on an offline map of country outlines, and a timeline chart of events per day by type."""
    with db.connect() as conn:
        filters = page_filters(request)
        events = queries.list_events(conn, filters, MAP_EVENTS, 0)
        points, box = charts.map_points(events["items"])
        chart = charts.timeline_chart(queries.events_per_day(conn, filters))
        located = sum(p.count for p in points)
        context = {
            "filters": filters,
            "points": points,
            "view_box": " ".join(f"{v:g}" for v in box),
            "land": charts.land_svg(),
            "chart": chart,
            "n_events": events["total"],
            "n_shown": len(events["items"]),
            "n_located": located,
            "types": list(charts.TYPE_COLOURS.items()),
            "unlocated": [e for e in events["items"] if e.get("lat") is None][:20],
        }
        return templates.TemplateResponse(request, "map.html", context)
