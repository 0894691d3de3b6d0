"""News -> statements of position with provenance, and PLOVER event coding.

spaCy and the other parsers are optional (the `nlp` extra) and loaded on first use.
"""

from redline.news.extraction import extract, extract_article, extract_articles
from redline.news.fetching import read_feed, read_url
from redline.news.reading import ArticleError, read_file, read_text
from redline.news.resolution import resolve, resolve_statements
from redline.news.statement import (
    STANCES,
    Article,
    ArticleStatements,
    Extraction,
    Resolution,
    Statement,
)

__all__ = [
    "STANCES",
    "Article",
    "ArticleError",
    "ArticleStatements",
    "Extraction",
    "Resolution",
    "Statement",
    "extract",
    "extract_article",
    "extract_articles",
    "read_feed",
    "read_file",
    "read_text",
    "read_url",
    "resolve",
    "resolve_statements",
]
