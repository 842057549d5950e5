"""The HTTP service: a JSON API over the corpus and the web UI, in one FastAPI app.

API: ``/articles``, ``/events`` (``format=geojson`` too), ``/events/{id}``, ``POST /extract``,
``POST /ingest``, ``/watches``. The OpenAPI spec is at ``/openapi.json``, the docs at ``/docs``.
UI: ``/`` (events: filters, map, timeline, list), ``/ui/events/{id}``, ``/ui/articles``.

Every endpoint that writes needs ``Authorization: Bearer <token>`` with a token from
``ServiceConfig.tokens`` (``NEWSDESK_API_TOKENS``, comma-separated); with no tokens configured,
writing over HTTP is off. Request bodies are capped at ``max_body_bytes``.
"""

from __future__ import annotations

import datetime as dt
import hmac
import os
import threading
from dataclasses import dataclass, field
from importlib import resources
from typing import Annotated, Any, Literal, TypeVar
from urllib.parse import urlencode

from fastapi import Depends, FastAPI, HTTPException, Query, Request
from fastapi.responses import HTMLResponse, JSONResponse, Response
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates
from pydantic import BaseModel, Field, ValidationError

import newsdesk
from newsdesk import __version__
from newsdesk.corpus import (
    ArticleDetail,
    ArticleQuery,
    ArticleSummary,
    EventDetail,
    EventQuery,
    EventSummary,
    IngestResult,
    Page,
    Store,
    open_store,
)
from newsdesk.corpus.watches import DeliveryPolicy, Mailer, Watch, WatchError, Watches
from newsdesk.model import Article, InputKind
from newsdesk.service import basemap, views

MiB = 1024 * 1024
T = TypeVar("T")


@dataclass(frozen=True)
class ServiceConfig:
    store_url: str | None = None
    tokens: frozenset[str] = field(default_factory=frozenset)
    max_body_bytes: int = 5 * MiB
    analyze: bool = True
    mailer: Mailer | None = None
    allow_private_webhooks: bool = False

    @classmethod
    def from_env(cls, store_url: str | None = None, **overrides: Any) -> ServiceConfig:
        tokens = frozenset(
            t.strip() for t in os.environ.get("NEWSDESK_API_TOKENS", "").split(",") if t.strip()
        )
        return cls(store_url=store_url, tokens=tokens, **overrides)


class PageIn(BaseModel):
    """A page sent as JSON: ``html`` or ``text``, with the URL it came from."""

    html: str | None = None
    text: str | None = None
    url: str | None = Field(default=None, max_length=2048)


class WatchIn(BaseModel):
    name: str = Field(min_length=1, max_length=200)
    query: EventQuery
    webhook_url: str | None = Field(default=None, max_length=2048)
    webhook_secret: str | None = Field(default=None, max_length=200)
    email: str | None = Field(default=None, max_length=300)


class IngestOut(BaseModel):
    result: IngestResult
    deliveries: int = 0


_bearer = HTTPBearer(auto_error=False)


def event_query(
    q: str | None = None,
    type: str | None = None,
    country: str | None = None,
    place: str | None = None,
    group: str | None = None,
    date_from: Annotated[dt.date | None, Query(alias="from")] = None,
    date_to: Annotated[dt.date | None, Query(alias="to")] = None,
    min_killed: Annotated[int | None, Query(ge=0)] = None,
    min_injured: Annotated[int | None, Query(ge=0)] = None,
) -> EventQuery:
    return EventQuery(
        text=q or None,
        type=type or None,
        country=country or None,
        place=place or None,
        group=group or None,
        date_from=date_from,
        date_to=date_to,
        min_killed=min_killed,
        min_injured=min_injured,
    )


# Form field -> EventQuery field; an HTML form sends every field, empty ones as "".
_FORM_FIELDS = {
    "q": "text",
    "type": "type",
    "country": "country",
    "place": "place",
    "group": "group",
    "from": "date_from",
    "to": "date_to",
    "min_killed": "min_killed",
    "min_injured": "min_injured",
}


def form_query(request: Request) -> EventQuery:
    """The UI's filters: empty fields are no filter, a malformed one is a 400 that says which."""
    values = {
        field: request.query_params[name].strip()
        for name, field in _FORM_FIELDS.items()
        if request.query_params.get(name, "").strip()
    }
    try:
        return EventQuery.model_validate(values)
    except ValidationError as error:
        problem = error.errors()[0]
        raise HTTPException(400, f"bad filter {problem['loc'][0]!r}: {problem['msg']}") from error


def found(value: T | None, what: str, ident: int) -> T:
    """``value``, or a 404 that names what was not found."""
    if value is None:
        raise HTTPException(404, f"no {what} with id {ident}")
    return value


def create_app(config: ServiceConfig | None = None, *, store: Store | None = None) -> FastAPI:
    config = config or ServiceConfig.from_env()
    store = store or open_store(config.store_url)
    watches = Watches(
        store, mailer=config.mailer, policy=DeliveryPolicy(allow_private=config.allow_private_webhooks)
    )
    app = FastAPI(
        title="newsdesk",
        version=__version__,
        description="News articles and the security events they report: search, extract, ingest, watch.",
    )
    templates = Jinja2Templates(directory=str(resources.files("newsdesk.service").joinpath("templates")))
    app.mount(
        "/static",
        StaticFiles(directory=str(resources.files("newsdesk.service").joinpath("static"))),
        name="static",
    )

    def writer(credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(_bearer)]) -> None:
        if not config.tokens:
            raise HTTPException(
                403, "writing over HTTP is disabled: no API tokens configured (NEWSDESK_API_TOKENS)"
            )
        if credentials is None:
            raise HTTPException(401, "this endpoint writes: send Authorization: Bearer <token>")
        if not any(hmac.compare_digest(credentials.credentials, token) for token in config.tokens):
            raise HTTPException(401, "unknown API token")

    async def page_body(request: Request) -> tuple[bytes | str, str | None, str | None]:
        """The page in a request: JSON {html|text, url} or the raw body (HTML or text)."""
        declared = request.headers.get("content-length")
        if declared and declared.isdigit() and int(declared) > config.max_body_bytes:
            raise HTTPException(
                413, f"page too large: {declared} bytes, the limit is {config.max_body_bytes}"
            )
        body = b""
        async for chunk in request.stream():
            body += chunk
            if len(body) > config.max_body_bytes:
                raise HTTPException(413, f"page too large: over the limit of {config.max_body_bytes} bytes")
        if not body.strip():
            raise HTTPException(
                422, "empty request body: send the page as the body, or JSON {html|text, url}"
            )
        content_type = request.headers.get("content-type", "")
        url = request.query_params.get("url")
        if content_type.startswith("application/json"):
            try:
                page = PageIn.model_validate_json(body)
            except ValidationError as error:
                raise HTTPException(422, f"invalid JSON page: {error.errors()[0]['msg']}") from error
            if (page.html is None) == (page.text is None):
                raise HTTPException(422, "send exactly one of 'html' or 'text'")
            if page.html is not None:
                return page.html, page.url or url, "html"
            return page.text or "", page.url or url, "text"
        return body, url, "text" if content_type.startswith("text/plain") else None

    def run_extract(data: bytes | str, url: str | None, kind: str | None) -> Article:
        article = newsdesk.extract(data, url=url, kind=InputKind(kind) if kind else None, source=url)
        if config.analyze and article.status == "ok":
            article = newsdesk.analyze(article)
        return article

    # ------------------------------------------------------------------ API: reading

    @app.get("/events", response_model=Page[EventSummary], tags=["events"])
    def list_events(
        query: Annotated[EventQuery, Depends(event_query)],
        limit: Annotated[int, Query(ge=1, le=500)] = 50,
        offset: Annotated[int, Query(ge=0)] = 0,
        format: Literal["json", "geojson"] = "json",
    ) -> Any:
        """Events matching the filters, newest first; ``format=geojson`` for a FeatureCollection."""
        page = store.search_events(query, limit=limit, offset=offset)
        if format == "geojson":
            return JSONResponse(views.geojson(page.items), media_type="application/geo+json")
        return page

    @app.get("/events/{event_id}", response_model=EventDetail, tags=["events"])
    def get_event(event_id: int) -> EventDetail:
        """One event with every source's report, the evidence spans, and the quotes."""
        return found(store.get_event(event_id), "event", event_id)

    @app.get("/articles", response_model=Page[ArticleSummary], tags=["articles"])
    def list_articles(
        q: str | None = None,
        source: str | None = None,
        date_from: Annotated[dt.date | None, Query(alias="from")] = None,
        date_to: Annotated[dt.date | None, Query(alias="to")] = None,
        include_duplicates: bool = True,
        limit: Annotated[int, Query(ge=1, le=500)] = 50,
        offset: Annotated[int, Query(ge=0)] = 0,
    ) -> Page[ArticleSummary]:
        """Stored articles: by relevance with ``q``, else newest first."""
        query = ArticleQuery(
            text=q or None,
            source=source or None,
            published_from=date_from,
            published_to=date_to,
            include_duplicates=include_duplicates,
        )
        return store.list_articles(query, limit=limit, offset=offset)

    @app.get("/articles/{article_id}", response_model=ArticleDetail, tags=["articles"])
    def get_article(article_id: int) -> ArticleDetail:
        return found(store.get_article(article_id), "article", article_id)

    # ------------------------------------------------------------------ API: extracting and writing

    @app.post("/extract", response_model=Article, tags=["pages"])
    async def extract_page(request: Request) -> Article:
        """A page in (raw HTML/text body, or JSON ``{html|text, url}``), an analysed Article out."""
        data, url, kind = await page_body(request)
        return run_extract(data, url, kind)

    @app.post("/ingest", response_model=IngestOut, tags=["pages"], dependencies=[Depends(writer)])
    async def ingest_page(request: Request) -> IngestOut:
        """Extract, analyse and store a page; watches fire for the events it creates or updates."""
        data, url, kind = await page_body(request)
        article = run_extract(data, url, kind)
        result = store.ingest(article, source=url or "http-api")
        deliveries = watches.notify(result.events_created + result.events_updated)
        return IngestOut(result=result, deliveries=sum(d.status == "sent" for d in deliveries))

    @app.get("/watches", response_model=list[Watch], tags=["watches"], dependencies=[Depends(writer)])
    def list_watches() -> list[Watch]:
        return watches.all()

    @app.post(
        "/watches", response_model=Watch, status_code=201, tags=["watches"], dependencies=[Depends(writer)]
    )
    def add_watch(watch: WatchIn) -> Watch:
        try:
            return watches.add(
                watch.name,
                watch.query,
                webhook_url=watch.webhook_url,
                webhook_secret=watch.webhook_secret,
                email=watch.email,
            )
        except WatchError as error:
            raise HTTPException(422, str(error)) from error

    @app.delete("/watches/{name}", status_code=204, tags=["watches"], dependencies=[Depends(writer)])
    def remove_watch(name: str) -> Response:
        if not watches.remove(name):
            raise HTTPException(404, f"no watch named {name!r}")
        return Response(status_code=204)

    @app.get("/health", tags=["service"])
    def health() -> dict[str, Any]:
        return {"status": "ok", "version": __version__, "store": store.dialect}

    # ------------------------------------------------------------------ UI

    @app.get("/", response_class=HTMLResponse, include_in_schema=False)
    def ui_events(request: Request, page: Annotated[int, Query(ge=1)] = 1) -> HTMLResponse:
        query = form_query(request)
        per_page = 50
        listing = store.search_events(query, limit=per_page, offset=(page - 1) * per_page)
        plotted = store.search_events(query, limit=views.PLOTTED_EVENTS).items
        return templates.TemplateResponse(
            request,
            "events.html",
            {
                "query": query,
                "filters": request.query_params,
                "filter_string": urlencode(
                    [(k, v) for k, v in request.query_params.items() if k != "page" and v]
                ),
                "listing": listing,
                "page": page,
                "pages": max(1, -(-listing.total // per_page)),
                "map": views.world_map(plotted),
                "timeline": views.timeline(plotted),
                "plotted": len(plotted),
                "types": views.EVENT_TYPES,
            },
        )

    @app.get("/ui/events/{event_id}", response_class=HTMLResponse, include_in_schema=False)
    def ui_event(request: Request, event_id: int) -> HTMLResponse:
        event = found(store.get_event(event_id), "event", event_id)
        sources = [
            views.source_view(report, store.get_article(report.article_id)) for report in event.reports
        ]
        return templates.TemplateResponse(
            request,
            "event.html",
            {"event": event, "sources": sources, "map": views.world_map([event], focus=True)},
        )

    @app.get("/ui/articles", response_class=HTMLResponse, include_in_schema=False)
    def ui_articles(
        request: Request, q: str | None = None, page: Annotated[int, Query(ge=1)] = 1
    ) -> HTMLResponse:
        per_page = 50
        listing = store.list_articles(
            ArticleQuery(text=q or None), limit=per_page, offset=(page - 1) * per_page
        )
        return templates.TemplateResponse(
            request, "articles.html", {"listing": listing, "q": q or "", "page": page}
        )

    @app.exception_handler(HTTPException)
    async def http_error(request: Request, error: HTTPException) -> Response:
        if request.url.path == "/" or request.url.path.startswith("/ui/"):
            return templates.TemplateResponse(
                request,
                "error.html",
                {"status": error.status_code, "detail": error.detail},
                status_code=error.status_code,
            )
        return JSONResponse({"detail": error.detail}, status_code=error.status_code, headers=error.headers)

    # The basemap takes seconds to simplify: start on it now, not on the first map request.
    threading.Thread(target=basemap.countries, name="newsdesk-basemap", daemon=True).start()
    app.state.store = store
    app.state.watches = watches
    app.state.config = config
    return app
