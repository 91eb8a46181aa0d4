"""quotes: find every quotation in news articles, work out who said it, and keep the result in
a SQLite quote database that Datasette publishes.

    >>> import quotes
    >>> [(q.speaker, q.text) for q in quotes.extract('“We can try,” Ben Wallace said.')]
    [('Ben Wallace', 'We can try,')]
"""
from .models import Article, ArticleQuotes, Quote, Speaker
from .pipeline import extract, extract_many, load_nlp

__all__ = ["Article", "ArticleQuotes", "Quote", "Speaker", "extract", "extract_many", "load_nlp"]
__version__ = "0.1.0"
