"""Analyse articles: parse each once with spaCy, run every extractor on that Doc.

`analyze` for one text or Article; `analyze_many` for a stream, in batches through `nlp.pipe` and, with
`jobs > 1`, over worker processes that each load the pipeline once.
"""

from __future__ import annotations

import dataclasses
import gc
import multiprocessing
import sys
from collections import deque
from collections.abc import Iterable, Iterator
from itertools import islice

from spacy.language import Language
from spacy.tokens import Doc

from newsclaims import nlp as nlp_module
from newsclaims.analysis import Analysis
from newsclaims.article import Article, article_id
from newsclaims.extract import run_all
from newsclaims.language import detect_language
from newsclaims.record import Record


@dataclasses.dataclass
class Failure(Record):
    """An input that could not be read or analysed: its id (when known), where it came from, and why."""

    error: str
    id: str | None = None
    source: str | None = None


def as_article(item: str | Article, published: str | None = None) -> Article:
    """An Article from plain text (taken exactly) or an Article (given a date when it has none)."""
    if isinstance(item, Article):
        if published and not item.published:
            item = dataclasses.replace(item, published=published)
        return item
    if not isinstance(item, str):
        raise TypeError(f"expected str or Article, got {type(item).__name__}")
    return Article(id=article_id(item), text=item, published=published)


def _prepare(article: Article) -> tuple[Article, str | None]:
    """Detect the language; return the article and, when it cannot be parsed, the reason."""
    if article.language is None:
        article = dataclasses.replace(article, language=detect_language(article.text))
    if article.language not in (None, "en"):
        return article, f"language {article.language!r} is not English: extraction skipped"
    return article, None


def _analyse_docs(nlp: Language, articles: list[Article], only: tuple[str, ...] | None) -> list[Analysis]:
    model = nlp_module.model_name(nlp)
    prepared = [_prepare(a) for a in articles]
    parse = [a for a, reason in prepared if reason is None]
    docs: dict[int, Doc] = dict(zip((id(a) for a in parse), nlp.pipe(a.text for a in parse), strict=True))
    results = []
    for article, reason in prepared:
        analysis = Analysis(article=article, model=model)
        if reason is not None:
            analysis.warnings.append(reason)
        else:
            run_all(docs[id(article)], analysis, only)
        results.append(analysis)
    return results


def analyze(
    item: str | Article,
    published: str | None = None,
    model: str | None = None,
    extractors: tuple[str, ...] | None = None,
    attribution: str = "crf",
) -> Analysis:
    """Analyse one article (plain text is taken exactly as given; spans index it). `attribution="neural"`
    adds the MiniLM cue scorer (extra `newsclaims[embeddings]`; see `nlp.ATTRIBUTION_MODES`).

    >>> a = analyze("The UN said 300,000 civilians fled Idlib.", published="2019-07-18")
    >>> a.schema, a.article.published
    ('newsclaims/1', '2019-07-18')
    """
    article = as_article(item, published)
    return _analyse_docs(nlp_module.load(model, attribution), [article], extractors)[0]


_WARM_UP = (
    'Rebels said on Monday that 12 civilians were killed in shelling near Idlib, Syria. "We deny it," '
    "the ministry said."
)

# Worker-process state: the pipeline is loaded once per process (inherited on fork, else loaded here).
_worker: dict[str, object] = {}


def _init_worker(model: str | None, only: tuple[str, ...] | None, attribution: str) -> None:
    _worker["nlp"] = nlp_module.load(model, attribution)
    torch = sys.modules.get("torch")  # None when the console command blocked its import
    if torch is not None:  # one torch thread per worker: the workers already take every core
        torch.set_num_threads(1)
    _worker["only"] = only
    # A worker allocates millions of short-lived objects (tokens, spans, feature tuples): collect the young
    # generation less often (about 1% of a worker's CPU), and the old one, which holds what lasts, rarely.
    gc.set_threshold(50_000, 50, 1000)


def _work(batch: list[Article | Failure]) -> list[Analysis | Failure]:
    return _analyse_batch(_worker["nlp"], batch, _worker["only"])  # type: ignore[arg-type]


def _analyse_batch(
    nlp: Language, batch: list[Article | Failure], only: tuple[str, ...] | None
) -> list[Analysis | Failure]:
    articles = [a for a in batch if isinstance(a, Article)]
    try:
        done = iter(_analyse_docs(nlp, articles, only))
    except Exception:  # one bad article must not sink its batch: redo one by one
        done = iter(_one_by_one(nlp, articles, only))
    return [item if isinstance(item, Failure) else next(done) for item in batch]


def _one_by_one(nlp: Language, articles: list[Article], only: tuple[str, ...] | None) -> list:
    results: list[Analysis | Failure] = []
    for article in articles:
        try:
            results.append(_analyse_docs(nlp, [article], only)[0])
        except Exception as err:  # reported for this article only
            results.append(Failure(error=f"analysis failed: {err}", id=article.id, source=article.source))
    return results


def _batches(items: Iterable, size: int, lookahead: int = 0) -> Iterator[list]:
    """Lists of `size` items; with `lookahead`, the last items of the stream (fewer than `size + lookahead`
    left) come one by one, so that parallel workers finish together instead of one waiting on a big batch."""
    it = iter(items)
    pending: deque = deque(islice(it, size + lookahead))
    while pending:
        if lookahead and len(pending) < size + lookahead:  # the stream has ended: taper off
            yield [pending.popleft()]
            continue
        yield [pending.popleft() for _ in range(min(size, len(pending)))]
        pending.extend(islice(it, size))


def analyze_many(
    items: Iterable[str | Article | Failure],
    published: str | None = None,
    model: str | None = None,
    jobs: int = 1,
    batch_size: int = 8,
    extractors: tuple[str, ...] | None = None,
    attribution: str = "crf",
) -> Iterator[Analysis | Failure]:
    """Analyse a stream of articles lazily, in input order.

    Failures from readers pass through in their place; an article whose analysis fails becomes a Failure
    and the rest go on. With `jobs > 1` batches go to that many worker processes. `attribution` as in
    `analyze`.
    """
    articles = (i if isinstance(i, Failure) else as_article(i, published) for i in items)
    nlp = nlp_module.load(model, attribution)  # fail early, and let forked workers inherit it
    if jobs > 1:
        # Load every extractor's data (taggers, event models, gazetteer) once here, so that forked
        # workers share it instead of each loading its own copy on its first article.
        _analyse_docs(nlp, [as_article(_WARM_UP, "2020-01-01")], extractors)
    # The pipeline lives as long as the process: keep the garbage collector from walking its objects again
    # on every collection (and keep forked workers sharing its memory pages).
    gc.freeze()
    if jobs <= 1:
        for batch in _batches(articles, batch_size):
            yield from _analyse_batch(nlp, batch, extractors)
        return
    methods = multiprocessing.get_all_start_methods()
    ctx = multiprocessing.get_context("fork" if "fork" in methods else "spawn")
    # Small batches keep the workers evenly loaded; nlp.pipe gains little from large ones on CPU.
    size = max(1, min(batch_size, 4))
    with ctx.Pool(jobs, initializer=_init_worker, initargs=(model, extractors, attribution)) as pool:
        for results in pool.imap(_work, _batches(articles, size, lookahead=2 * jobs * size)):
            yield from results
