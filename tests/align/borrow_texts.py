"""Synthetic document pairs for the borrowing tests: an invented Russian-English word list.

Every word has six letters, so a sentence's length is its number of words; "related" documents use the same word list, so a corpus of
them teaches every word's translation. A "small" document uses each word once: its own pairs
teach its cross-fitted lexicon nothing about the stretch held out.
"""

from __future__ import annotations

import random
from pathlib import Path

CONSONANTS = ("бвгдзклмнпрстфх", "bvgdzklmnprstfh")
VOWELS = ("аеиоу", "aeiou")
WORDS_PER_SENTENCE = 8


def lexicon(size: int = 400, seed: int = 4) -> list[tuple[str, str]]:
    """``size`` (Russian, English) invented words, six letters, distinct 5-letter prefixes."""
    rng = random.Random(seed)
    out: list[tuple[str, str]] = []
    seen: set[str] = set()
    while len(out) < size:
        shape = [(rng.randrange(15), rng.randrange(5)) for _ in range(3)]
        ru = "".join(CONSONANTS[0][c] + VOWELS[0][v] for c, v in shape)
        # The English word is another shape, so the two sides share no spelling.
        en = "".join(CONSONANTS[1][(c * 7 + 3) % 15] + VOWELS[1][(v + 2) % 5] for c, v in reversed(shape))
        if ru[:5] not in seen and en[:5] not in seen:
            seen.update((ru[:5], en[:5]))
            out.append((ru, en))
    return out


def sentences(entries: list[tuple[str, str]]) -> tuple[str, str]:
    return " ".join(r for r, _ in entries) + ".", " ".join(e for _, e in entries) + "."


def related_document(words: list[tuple[str, str]], count: int, seed: int) -> tuple[list[str], list[str]]:
    """``count`` sentence pairs of words drawn at random (a word recurs across sentences)."""
    rng = random.Random(seed)
    pairs = [sentences(rng.sample(words, WORDS_PER_SENTENCE)) for _ in range(count)]
    return [p[0] for p in pairs], [p[1] for p in pairs]


def small_document(words: list[tuple[str, str]], count: int = 30, omitted: int = 14, seed: int = 9):
    """``count`` source sentences, each word used once; the translation leaves out sentence
    ``omitted``, in the middle of a stretch of sentences of one length (elsewhere lengths vary,
    so the length pass finds confident pairs but cannot tell which of the stretch is missing).
    Returns (source lines, target lines, gold beads)."""
    rng = random.Random(seed)
    sizes = [WORDS_PER_SENTENCE if abs(k - omitted) <= 3 else rng.randrange(3, 13) for k in range(count)]
    chosen = rng.sample(words, sum(sizes))
    ends = [sum(sizes[: k + 1]) for k in range(count)]
    pairs = [sentences(chosen[end - size : end]) for size, end in zip(sizes, ends)]
    src = [p[0] for p in pairs]
    tgt = [p[1] for k, p in enumerate(pairs) if k != omitted]
    gold = [((k,), (k if k < omitted else k - 1,)) if k != omitted else ((k,), ()) for k in range(count)]
    return src, tgt, gold


def write_pair(folder: Path, src: list[str], tgt: list[str], suffix: str = ".sents") -> tuple[Path, Path]:
    """``ru<suffix>``/``en<suffix>`` in ``folder``, one sentence a line (align with ``segmented``)."""
    folder.mkdir(parents=True, exist_ok=True)
    (folder / f"ru{suffix}").write_text("\n".join(src) + "\n", encoding="utf-8")
    (folder / f"en{suffix}").write_text("\n".join(tgt) + "\n", encoding="utf-8")
    return folder / f"ru{suffix}", folder / f"en{suffix}"
