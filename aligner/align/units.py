"""Word units of the learned lexicon: what IBM Model 1 (``lexical.py``) counts co-occurrences of.

One interface, ``WordUnits``: a word in, a tuple of unit strings out (empty for a word with no
letter or digit). Two kinds:

- ``PrefixUnits``: the lowercased word cut to ``length`` characters (5 by default). Russian
  inflections (``послания``/``посланию``) share a prefix, and rare names still match.
- ``SentencePieceUnits``: the pieces of a joint unigram model (sentencepiece) trained on the
  lowercased words of both sides, in memory, from an iterator. Inflections share their stem
  piece, and a rare name is cut into pieces seen elsewhere. The model is its serialized proto
  (bytes): a batch trains one model over its documents and ships those bytes to every worker,
  so the documents share pieces.

Conventions: units are per word, never across words (the lexicon caches them per distinct
word). A piece is a unit as sentencepiece writes it, word-initial ones with ``▁``; the bare
``▁`` piece says only "a word starts here" and is dropped. Training is deterministic: one
thread, sentencepiece's random generator seeded, a sample taken by a seeded reservoir, so the
same text gives the same model (the same bytes).
"""

from __future__ import annotations

import io
import random
from abc import ABC, abstractmethod
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from enum import Enum
from itertools import islice


class LexicalUnits(str, Enum):
    """What the second pass's lexicon is learned over (``AlignSettings.lexical``)."""

    prefix = "prefix"
    sentencepiece = "sentencepiece"
    #: No lexicon: length and anchors only.
    none = "none"


#: Characters kept of each lowercased word by ``PrefixUnits``; 5 did as well as per-document
#: sentencepiece pieces in the issue #4 experiment, and makes inflected forms share a unit.
PREFIX_LENGTH = 5

#: Pieces requested per distinct word of the training text (a model with about one piece per
#: distinct word keeps most words whole and shares nothing; far fewer cuts words into
#: syllables). sentencepiece stops earlier when the text cannot fill the request.
PIECES_PER_WORD = 0.5

#: Bounds of the requested vocabulary: enough for the pieces a small document needs, and not
#: so many that a large batch's model degenerates into whole words.
MIN_PIECES = 64
MAX_PIECES = 16_000

#: Most training sentences; a longer text (a huge batch) is sampled down to this many by a
#: seeded reservoir (training time grows with the text; pieces stop changing long before).
MAX_TRAINING_SENTENCES = 100_000

#: Words per training line: sentencepiece skips a line over 4,192 bytes, so long sentences are
#: cut (pieces never span words, so the cut changes no statistic it keeps).
WORDS_PER_LINE = 64

#: Longer "words" (a run of digits, a URL) are left out of training: sentencepiece would
#: spend pieces on them, and they are still cut into pieces (of single characters if need be).
MAX_WORD_CHARS = 40

#: The word-start marker sentencepiece writes at the front of a word's first piece.
WORD_START = "\u2581"


class WordUnits(ABC):
    """A word -> a tuple of unit strings (``()`` for a word with no letter or digit)."""

    __slots__ = ()

    #: The ``LexicalUnits`` value this kind of unit answers to.
    kind: LexicalUnits

    @abstractmethod
    def units(self, word: str) -> tuple[str, ...]:
        """The units of one word."""

    def units_of(self, words: Sequence[str]) -> list[tuple[str, ...]]:
        """``units`` of each word (a kind may do them all at once, faster)."""
        return [self.units(w) for w in words]


def is_word(word: str) -> bool:
    """Whether a token has a letter or a digit (only such tokens have units)."""
    return any(ch.isalnum() for ch in word)


@dataclass(frozen=True, slots=True)
class PrefixUnits(WordUnits):
    """The lowercased word cut to ``length`` characters: one unit per word."""

    length: int = PREFIX_LENGTH
    kind = LexicalUnits.prefix

    def units(self, word: str) -> tuple[str, ...]:
        word = word.lower()
        return (word[: self.length],) if is_word(word) else ()


class SentencePieceUnits(WordUnits):
    """The pieces of a joint sentencepiece unigram model.

    Build one with ``train`` (or from ``model_proto`` bytes that ``train`` made before); it
    pickles as those bytes, and the compiled processor is loaded once per process, on first use.
    A model trained on no words at all (``model_proto == b""``) gives each word itself, lowercased.
    """

    __slots__ = ("model_proto", "_processor")
    kind = LexicalUnits.sentencepiece

    def __init__(self, model_proto: bytes):
        self.model_proto = bytes(model_proto)
        self._processor = None

    @classmethod
    def train(
        cls,
        sentences: Iterable[Sequence[str]],
        *,
        seed: int = 12345,
        max_sentences: int = MAX_TRAINING_SENTENCES,
        vocab_size: int | None = None,
    ) -> SentencePieceUnits:
        """Train on word lists (each a sentence of either language), in memory.

        :param sentences: an iterable of word lists, consumed once (a generator over the texts
            of a whole batch is fine: at most ``max_sentences`` lines are kept, by a reservoir
            sample seeded with ``seed``).
        :param vocab_size: pieces requested; default ``PIECES_PER_WORD`` per distinct word,
            within ``MIN_PIECES``..``MAX_PIECES``, and never fewer than the text's characters
            need (sentencepiece fails when they do not fit).
        """
        lines = _sample(_training_lines(sentences), max_sentences, random.Random(seed))
        if not lines:
            return cls(b"")
        words = {w for line in lines for w in line.split()}
        chars = {ch for w in words for ch in w}
        request = vocab_size or min(MAX_PIECES, max(MIN_PIECES, round(PIECES_PER_WORD * len(words))))
        # Every character is a piece of its own (character_coverage 1.0), plus <unk>.
        request = max(request, len(chars) + 2)
        return cls(_train_proto(lines, request, seed))

    def units(self, word: str) -> tuple[str, ...]:
        return self.units_of([word])[0]

    def units_of(self, words: Sequence[str]) -> list[tuple[str, ...]]:
        lowered = [w.lower() for w in words]
        out: list[tuple[str, ...]] = [()] * len(lowered)
        keep = [k for k, w in enumerate(lowered) if is_word(w)]
        if not keep:
            return out
        if not self.model_proto:
            for k in keep:
                out[k] = (lowered[k],)
            return out
        pieces = self.processor.encode([lowered[k] for k in keep], out_type=str)
        for k, word_pieces in zip(keep, pieces):
            out[k] = tuple(p for p in word_pieces if p != WORD_START)
        return out

    @property
    def processor(self):
        """The loaded ``sentencepiece.SentencePieceProcessor``."""
        if self._processor is None:
            import sentencepiece

            self._processor = sentencepiece.SentencePieceProcessor(model_proto=self.model_proto)
        return self._processor

    @property
    def size(self) -> int:
        """Pieces in the model (0 for the empty model)."""
        return self.processor.get_piece_size() if self.model_proto else 0

    def __reduce__(self):
        return (SentencePieceUnits, (self.model_proto,))

    def __eq__(self, other: object) -> bool:
        return isinstance(other, SentencePieceUnits) and other.model_proto == self.model_proto

    def __hash__(self) -> int:
        return hash(self.model_proto)

    def __repr__(self) -> str:
        return f"SentencePieceUnits({len(self.model_proto)} bytes)"


def _training_lines(sentences: Iterable[Sequence[str]]) -> Iterator[str]:
    """Lowercased words of each sentence, space-joined, at most ``WORDS_PER_LINE`` a line."""
    for sentence in sentences:
        words = [w for w in (w.lower() for w in sentence) if is_word(w) and len(w) <= MAX_WORD_CHARS]
        for at in range(0, len(words), WORDS_PER_LINE):
            yield " ".join(words[at : at + WORDS_PER_LINE])


def _sample(lines: Iterator[str], size: int, rng: random.Random) -> list[str]:
    """The first ``size`` lines, then a reservoir sample (Algorithm R) in text order."""
    kept = list(islice(lines, size))
    index = list(range(len(kept)))
    for seen, line in enumerate(lines, start=size):
        slot = rng.randrange(seen + 1)
        if slot < size:
            kept[slot], index[slot] = line, seen
    return [line for _, line in sorted(zip(index, kept))]


def _train_proto(lines: list[str], vocab_size: int, seed: int) -> bytes:
    import sentencepiece

    sentencepiece.set_random_generator_seed(seed)
    out = io.BytesIO()
    sentencepiece.SentencePieceTrainer.train(
        sentence_iterator=iter(lines),
        model_writer=out,
        model_type="unigram",
        vocab_size=vocab_size,
        # The request is an upper bound: a small text may not fill it.
        hard_vocab_limit=False,
        character_coverage=1.0,
        # The words are already normalised (``aligner.text``) and lowercased; the default
        # NFKC rules would also add about 240 kB to every model.
        normalization_rule_name="identity",
        bos_id=-1,
        eos_id=-1,
        num_threads=1,
        minloglevel=2,
        input_sentence_size=0,
        shuffle_input_sentence=False,
    )
    return out.getvalue()


def unit_model(
    kind: str | LexicalUnits,
    src_words: Sequence[Sequence[str]] = (),
    tgt_words: Sequence[Sequence[str]] = (),
    *,
    seed: int = 12345,
    trained: WordUnits | None = None,
) -> WordUnits | None:
    """The word units of ``kind`` for a document (None for ``"none"``).

    ``sentencepiece`` trains a joint model on both sides' sentences, unless ``trained`` (a
    model made before, e.g. once for a whole batch) is given; a ``trained`` model of another
    kind is ignored.

    :raises ValueError: an unknown kind.
    """
    kind = LexicalUnits(kind)
    if trained is not None and trained.kind is kind:
        return trained
    if kind is LexicalUnits.prefix:
        return PrefixUnits()  # equal to every other PrefixUnits(): encodings are cached by equality
    if kind is LexicalUnits.sentencepiece:
        return SentencePieceUnits.train((*src_words, *tgt_words), seed=seed)
    return None
