"""News -> statements of position with provenance, and PLOVER event coding.

spaCy and the other parsers are optional (the `nlp` extra) and loaded on first use.
"""

from redline.news.extraction import extract, extract_article, extract_articles
from redline.news.reading import ArticleError, read_file, read_text
from redline.news.statement import (
    STANCES,
    Article,
    ArticleStatements,
    Extraction,
    Statement,
)

__all__ = [
    "STANCES",
    "Article",
    "ArticleError",
    "ArticleStatements",
    "Extraction",
    "Statement",
    "extract",
    "extract_article",
    "extract_articles",
    "read_file",
    "read_text",
]
