"""Full-text search over evidence items, the same on SQLite and PostgreSQL (decision 28).

Each item's title, summary and key findings are split into words kept in EvidenceTerm rows,
rebuilt whenever the item is written. A search matches items having, for every word typed, a
term that starts with it ("product" finds "productivity"), through an index on the term column:
no table scan on either database, and no vendor-specific SQL to keep in step.
"""

from __future__ import annotations

import re
import unicodedata

from django.db import connection
from django.db.models import Q, QuerySet

from convenor.evidence.models import EvidenceItem, EvidenceTerm

TERM_LENGTH = EvidenceTerm._meta.get_field("term").max_length or 40
# Words too short or too common to tell items apart; the rest of a query still narrows it.
MINIMUM_LENGTH = 2
STOP_WORDS = frozenset(
    [
        "a",
        "an",
        "and",
        "are",
        "as",
        "at",
        "be",
        "by",
        "for",
        "from",
        "has",
        "in",
        "is",
        "it",
        "its",
        "of",
        "on",
        "or",
        "that",
        "the",
        "this",
        "to",
        "was",
        "were",
        "will",
        "with",
    ]
)
_WORD = re.compile(r"\w+")
# Sorts after every character, so word + LAST_CHARACTER bounds the words starting with word.
LAST_CHARACTER = chr(0x10FFFF)


def search_words(text: str) -> list[str]:
    """The words of `text` as the index keeps them: lower case, accents removed, distinct."""
    folded = unicodedata.normalize("NFKD", text.casefold())
    folded = "".join(char for char in folded if not unicodedata.combining(char))
    words: dict[str, None] = {}
    for match in _WORD.finditer(folded):
        word = match.group().strip("_")[:TERM_LENGTH]
        if len(word) >= MINIMUM_LENGTH and word not in STOP_WORDS:
            words[word] = None
    return list(words)


def evidence_terms_refresh(*, item: EvidenceItem) -> None:
    """Rebuild the item's search terms from its title, summary and key findings."""
    words = search_words(" ".join([item.title, item.summary, item.key_findings]))
    EvidenceTerm.objects.filter(item=item).delete()
    EvidenceTerm.objects.bulk_create(EvidenceTerm(item=item, term=word) for word in words)


def evidence_search(items: QuerySet[EvidenceItem], query: str) -> QuerySet[EvidenceItem]:
    """The items of `items` having every word of `query` (as a word or the start of one).

    A query with no searchable words (only stop words or punctuation) matches every item.
    """
    for word in search_words(query):
        items = items.filter(
            pk__in=EvidenceTerm.objects.filter(_starts_with(word)).values("item_id")
        )
    return items


def _starts_with(word: str) -> Q:
    """Terms starting with `word`, as a condition the term column's index can answer.

    PostgreSQL answers LIKE 'word%' from the pattern index Django adds beside a CharField's
    index. SQLite's LIKE ignores case, so it cannot use a plain index and would scan every term;
    terms are stored in lower case, so a range in SQLite's binary order finds the same rows
    through the index.
    """
    if connection.vendor == "sqlite":
        return Q(term__gte=word, term__lt=word + LAST_CHARACTER)
    return Q(term__startswith=word)
