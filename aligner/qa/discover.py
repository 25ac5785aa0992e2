"""Candidate glossary entries mined from aligned segments: terms and names the glossary lacks.

Two miners, both over two-sided segments (beads with sentences on both sides):

- **names**: capitalised names (``aligner.glossary.name_keys``) of the source and the target of
  one segment are paired when their phonetic keys match (``names_match`` at
  ``NAME_MATCH_THRESHOLD``); a pair seen in ``min_count`` segments or more is a candidate of
  category ``person``. The source form shown is the spelling seen most often (shortest first on
  ties), so ``Пак Хен Ен`` beats ``Пак Хен Ена`` when both occur equally.
- **terms**: word n-grams (1 to ``MAX_NGRAM`` tokens, starting and ending with a content word,
  never crossing a glossary match, a number or an editorial bracket) keyed by lemma on the source
  side and by stem on the target side (the language registry's lemmatizer). Association is the
  Dice coefficient over segments, ``2·c(s,t) / (c(s) + c(t))`` (Smadja et al. 1996 use it for
  collocation translations); a pair must co-occur in ``min_count`` segments, reach ``MIN_DICE``,
  and be each other's best partner (competitive linking, Melamed 2000), and a shorter n-gram is
  dropped when a longer one containing it has the same counts. A single source word is shown as
  its lemma, a longer one as the spelling seen most often; target n-grams as seen most often.

With a glossary, text its terms cover (either side) is left out, so only what it lacks is
proposed. Candidates are ranked by Dice, then co-occurrence count, then the source form.
Examples are ``(doc_id/translation_id, seg_no)`` with ``seg_no`` from 0.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from aligner.glossary import NAME_MATCH_THRESHOLD, Glossary, Term, match_terms, name_keys, names_match
from aligner.text.editorial import find_editorial_spans

#: Longest n-gram considered, in tokens (Party terms are rarely longer: "cult of personality").
MAX_NGRAM = 3
#: Lowest Dice coefficient proposed; below it most pairs in our samples are chance co-occurrences.
MIN_DICE = 0.5
#: Examples kept per candidate.
MAX_EXAMPLES = 3
_HAS_DIGIT = re.compile(r"\d")


@dataclass(frozen=True, slots=True)
class Candidate:
    """A proposed glossary entry.

    :param count: segments in which ``src`` and ``tgt`` occur together.
    :param src_count: segments holding ``src``; ``tgt_count``: segments holding ``tgt``.
    :param dice: association in [0, 1] (1 = always together).
    """

    category: str
    src: str
    tgt: str
    count: int
    src_count: int
    tgt_count: int
    dice: float
    examples: tuple[tuple[str, int], ...]


@dataclass(frozen=True, slots=True)
class _Segment:
    where: tuple[str, int]
    src: str
    tgt: str
    place: Any = None


def discover_terms(
    corpus: Any,
    glossary: Glossary | None = None,
    min_count: int = 2,
    doc_id: str | None = None,
    translation_id: str | None = None,
) -> list[Candidate]:
    """Mine candidate entries from the stored segments (all documents, or the ones chosen).

    :param corpus: an open ``aligner.store.corpus.Corpus``.
    :raises ValueError: ``min_count`` is below 1.
    """
    documents = corpus.read_documents()
    frame = corpus.read_segments(doc_id=doc_id, translation_id=translation_id)
    langs = {(r["doc_id"], r["translation_id"]): (r["src_lang"], r["tgt_lang"]) for r in documents.iter_rows(named=True)}
    pair = (glossary.src_lang, glossary.tgt_lang) if glossary is not None else None
    segments = []
    for row in frame.iter_rows(named=True):
        key = (row["doc_id"], row["translation_id"])
        if pair is None:
            pair = langs[key]
        if langs[key] != pair or not row["src_sent_ids"] or not row["tgt_sent_ids"]:
            continue
        place = (row["doc_id"], tuple(row["src_sent_ids"]))
        segments.append(_Segment((f"{key[0]}/{key[1]}", row["seg_no"]), row["src_text"], row["tgt_text"], place))
    if pair is None:
        return []
    return discover_in_segments(segments, pair[0], pair[1], glossary, min_count)


def discover_in_segments(
    segments: Sequence[Any], src_lang: str, tgt_lang: str, glossary: Glossary | None = None, min_count: int = 2
) -> list[Candidate]:
    """The miners over plain segments (objects with ``where``, ``src``, ``tgt``, ``place``).

    Segments with the same ``place`` (one source passage in several translations) count once:
    two translations agreeing on a word are one piece of evidence, not two.
    """
    if min_count < 1:
        raise ValueError(f"min_count must be at least 1, not {min_count}")
    from aligner.lang import get_language

    src_language, tgt_language = get_language(src_lang), get_language(tgt_lang)
    name_pairs: list[list[tuple[str, str]]] = []
    src_grams: list[dict[tuple[str, ...], str]] = []
    tgt_grams: list[dict[tuple[str, ...], str]] = []
    first: list[Any] = []  # the first segment of each unit, for examples
    units: dict[Any, int] = {}
    for k, seg in enumerate(segments):
        place = getattr(seg, "place", None)
        unit = units.setdefault(("segment", k) if place is None else place, len(units))
        src_blocked = _blocked(seg.src, src_lang, glossary)
        tgt_blocked = _blocked(seg.tgt, tgt_lang, glossary)
        if unit == len(name_pairs):
            name_pairs.append([])
            src_grams.append({})
            tgt_grams.append({})
            first.append(seg)
        # Names paired across the sides are the name miner's; the term miner skips them.
        pairs = _name_pairs(seg.src, seg.tgt, src_lang, tgt_lang, src_blocked, tgt_blocked)
        name_pairs[unit] += [p[:2] for p in pairs if p[:2] not in name_pairs[unit]]
        for key, spelling in _ngrams(seg.src, src_language, src_blocked + [p[2] for p in pairs]).items():
            src_grams[unit].setdefault(key, spelling)
        for key, spelling in _ngrams(seg.tgt, tgt_language, tgt_blocked + [p[3] for p in pairs]).items():
            tgt_grams[unit].setdefault(key, spelling)
    segments = first
    names = _name_candidates(segments, name_pairs, min_count)
    named = {c.src.lower() for c in names} | {c.tgt.lower() for c in names}
    terms = [
        c for c in _term_candidates(segments, src_grams, tgt_grams, src_language, min_count)
        if c.src.lower() not in named and c.tgt.lower() not in named
    ]
    return sorted([*names, *terms], key=lambda c: (-c.dice, -c.count, c.src))


def _blocked(text: str, lang: str, glossary: Glossary | None) -> list[tuple[int, int]]:
    """Spans no candidate may touch: glossary matches and editorial brackets."""
    spans = [(s.start, s.end) for s in find_editorial_spans(text)]
    if glossary is not None and lang in (glossary.src_lang, glossary.tgt_lang):
        spans += [(h.start, h.end) for h in match_terms(glossary, text, lang)]
    return spans


def _inside(start: int, end: int, spans: Iterable[tuple[int, int]]) -> bool:
    return any(s < end and start < e for s, e in spans)


def _name_pairs(src, tgt, src_lang, tgt_lang, src_blocked, tgt_blocked):
    """Source and target names that match by key: ``(src name, tgt name, src span, tgt span)``."""
    src_names = [(src[k.start : k.end], (k.start, k.end)) for k in name_keys(src, src_lang)
                 if not _inside(k.start, k.end, src_blocked)]
    tgt_names = [(tgt[k.start : k.end], (k.start, k.end)) for k in name_keys(tgt, tgt_lang)
                 if not _inside(k.start, k.end, tgt_blocked)]
    pairs = []
    for name, span in src_names:
        best = max(tgt_names, key=lambda t: names_match(name, t[0]), default=None)
        if best is not None and names_match(name, best[0]) >= NAME_MATCH_THRESHOLD:
            pairs.append((name, best[0], span, best[1]))
            tgt_names.remove(best)
    return pairs


def _name_candidates(segments, name_pairs, min_count) -> list[Candidate]:
    from aligner.glossary import phonetic_key

    together: dict[tuple[str, str], list[int]] = defaultdict(list)
    spellings: dict[tuple[str, str], tuple[Counter[str], Counter[str]]] = {}
    for k, pairs in enumerate(name_pairs):
        for src, tgt in pairs:
            key = (phonetic_key(src), phonetic_key(tgt))
            if k not in together[key]:
                together[key].append(k)
            forms = spellings.setdefault(key, (Counter(), Counter()))
            forms[0][src] += 1
            forms[1][tgt] += 1
    found = []
    for key, where in together.items():
        if len(where) < min_count:
            continue
        src_forms, tgt_forms = spellings[key]
        found.append(
            Candidate(
                category="person",
                src=_shortest(src_forms),
                tgt=_shortest(tgt_forms),
                count=len(where),
                src_count=len(where),
                tgt_count=len(where),
                dice=1.0,
                examples=tuple(segments[k].where for k in where[:MAX_EXAMPLES]),
            )
        )
    return found


def _shortest(forms: Counter[str]) -> str:
    """The shortest spelling (a Russian name's nominative: Сен, not Сена or Сеном), then the most seen."""
    return min(forms, key=lambda form: (len(form), -forms[form], form))


def _most_seen(forms: Counter[str]) -> str:
    return min(forms, key=lambda form: (-forms[form], len(form), form))


def _ngrams(text: str, language: Any, blocked: list[tuple[int, int]]) -> dict[tuple[str, ...], str]:
    """Every n-gram of one text: key (lemmas or stems) -> its spelling here."""
    runs: list[list[tuple[str, int, int, bool]]] = [[]]
    for start, end, token in language.tokenize(text):
        if _inside(start, end, blocked) or _HAS_DIGIT.search(token) or len(token) < 2 or _is_month(token, language):
            runs.append([])
            continue
        lemma = language.lemmatize(token)
        content = token.lower() not in language.stopwords and lemma not in language.stopwords
        runs[-1].append((lemma, start, end, content))
    grams: dict[tuple[str, ...], str] = {}
    for run in runs:
        for i in range(len(run)):
            if not run[i][3]:
                continue
            for n in range(1, MAX_NGRAM + 1):
                if i + n > len(run):
                    break
                if run[i + n - 1][3]:
                    piece = run[i : i + n]
                    spelling = " ".join(text[piece[0][1] : piece[-1][2]].split())
                    grams.setdefault(tuple(p[0] for p in piece), spelling)
    return grams


def _is_month(token: str, language: Any) -> bool:
    """Month names are dates (``aligner.text.numbers`` compares them), not terms."""
    return token.lower() in {form for form, _ in language.months}


def _term_candidates(segments, src_grams, tgt_grams, src_language, min_count) -> list[Candidate]:
    src_count = Counter(key for grams in src_grams for key in grams)
    tgt_count = Counter(key for grams in tgt_grams for key in grams)
    joint: Counter[tuple[tuple[str, ...], tuple[str, ...]]] = Counter()
    for s_grams, t_grams in zip(src_grams, tgt_grams):
        s_keys = [k for k in s_grams if src_count[k] >= min_count]
        t_keys = [k for k in t_grams if tgt_count[k] >= min_count]
        for s in s_keys:
            for t in t_keys:
                joint[(s, t)] += 1
    scored = {
        pair: 2 * n / (src_count[pair[0]] + tgt_count[pair[1]])
        for pair, n in joint.items()
        if n >= min_count
    }
    # Competitive linking: strongest pairs first (longer n-grams win ties), each n-gram used
    # once; an n-gram inside a linked one that always occurs with it is used up as well.
    linked: list[tuple[tuple[str, ...], tuple[str, ...]]] = []
    used_src: set[tuple[str, ...]] = set()
    used_tgt: set[tuple[str, ...]] = set()
    ranked = sorted(scored, key=lambda pair: (-scored[pair], -joint[pair], -len(pair[0]) - len(pair[1]), pair))
    for s, t in ranked:
        if scored[(s, t)] < MIN_DICE:
            break
        if s in used_src or t in used_tgt:
            continue
        linked.append((s, t))
        used_src.update(k for k in src_count if _contains(s, k) and src_count[k] == src_count[s])
        used_tgt.update(k for k in tgt_count if _contains(t, k) and tgt_count[k] == tgt_count[t])
    found = []
    for s, t in linked:
        where = [k for k, (sg, tg) in enumerate(zip(src_grams, tgt_grams)) if s in sg and t in tg]
        src_spelling = Counter(src_grams[k][s] for k in where)
        tgt_spelling = Counter(tgt_grams[k][t] for k in where)
        found.append(
            Candidate(
                category="other",
                src=_source_form(s, src_spelling),
                tgt=_most_seen(tgt_spelling),
                count=joint[(s, t)],
                src_count=src_count[s],
                tgt_count=tgt_count[t],
                dice=round(scored[(s, t)], 4),
                examples=tuple(segments[k].where for k in where[:MAX_EXAMPLES]),
            )
        )
    return found


def _contains(longer: tuple[str, ...], shorter: tuple[str, ...]) -> bool:
    n = len(shorter)
    return any(longer[i : i + n] == shorter for i in range(len(longer) - n + 1))


def _source_form(key: tuple[str, ...], spellings: Counter[str]) -> str:
    """A single word as its lemma (capitalised when the text capitalises it; an abbreviation
    such as ``КНДР`` as written), a longer n-gram as seen most often."""
    seen = _most_seen(spellings)
    if len(key) > 1 or seen.isupper():
        return seen
    return key[0][:1].upper() + key[0][1:] if seen[:1].isupper() else key[0]


def candidates_glossary(candidates: Sequence[Candidate], src_lang: str = "ru", tgt_lang: str = "en") -> Glossary:
    """The candidates as a glossary, ready for ``write_glossary`` (ids are slugs of the target)."""
    from anyascii import anyascii

    terms, used = [], set()
    for c in candidates:
        base = re.sub(r"[^a-z0-9]+", "-", anyascii(c.tgt).lower()).strip("-") or "term"
        term_id, n = base, 2
        while term_id in used:
            term_id, n = f"{base}-{n}", n + 1
        used.add(term_id)
        examples = ", ".join(f"{doc}#{seg}" for doc, seg in c.examples)
        note = f"discovered: {c.count} segments, Dice {c.dice:.2f}; e.g. {examples}"
        terms.append(Term(term_id, c.category, (c.src,), (c.tgt,), note=note))
    return Glossary.from_terms(terms, src_lang, tgt_lang)


def candidate_rows(candidates: Iterable[Candidate]) -> list[Mapping[str, Any]]:
    """Plain rows (for tables, CSV, JSON): the fields, examples as ``doc/translation#seg``."""
    return [
        {
            "category": c.category, "src": c.src, "tgt": c.tgt, "count": c.count, "src_count": c.src_count,
            "tgt_count": c.tgt_count, "dice": c.dice, "examples": [f"{doc}#{seg}" for doc, seg in c.examples],
        }
        for c in candidates
    ]
