"""Cheap offline language guessing, to catch swapped or mislabelled input files.

``guess_language`` reads the first ``SAMPLE_CHARS`` characters: letters are counted by script
(Cyrillic, Latin, Han, ...), and within Latin and Cyrillic the share of word tokens that are
stopwords of each registered language (``aligner.lang`` entries with a stopword list) picks the
language. It answers ``None`` whenever the evidence is thin: too few letters, no dominant script,
or no clear stopword winner. ``check_language`` raises only when the guess clearly contradicts
the declared language, so English text quoting Russian names, or a short heading, never trips it.
"""

from __future__ import annotations

from dataclasses import dataclass

from aligner.errors import InputError
from aligner.lang.registry import (
    get_language,
    has_single_script,
    language_name,
    registered_codes,
)
from aligner.text.model import Text

#: Characters read from the start of a text: enough for a stable profile, cheap on big files.
SAMPLE_CHARS = 20_000
#: Fewer letters than this and no guess is made (a title, a date line).
MIN_LETTERS = 40
#: The dominant script must hold this share of all letters for a guess.
MIN_SCRIPT_SHARE = 0.6
#: check_language: a cross-script mismatch needs this share and this many letters.
MISMATCH_SCRIPT_SHARE = 0.8
MISMATCH_MIN_LETTERS = 100
#: Stopword rates: a language is recognised from this share of tokens; the runner-up must stay
#: below half the winner's rate. Running prose scores 0.25-0.5 in its own language's list and
#: under 0.05 in the others' (measured on the shared dev set and the seed documents).
MIN_STOPWORD_RATE = 0.10
MIN_TOKENS = 20
#: check_language, same script: the declared language must look this foreign.
MISMATCH_DECLARED_RATE = 0.05

# First and last code points of each script's letters (ISO 15924 codes). Latin covers ASCII,
# Latin-1 and Latin Extended; Han includes extension A and compatibility ideographs.
_SCRIPT_RANGES = (
    ("Latn", 0x0041, 0x024F),
    ("Latn", 0x1E00, 0x1EFF),
    ("Grek", 0x0370, 0x03FF),
    ("Cyrl", 0x0400, 0x052F),
    ("Armn", 0x0530, 0x058F),
    ("Hebr", 0x0590, 0x05FF),
    ("Arab", 0x0600, 0x06FF),
    ("Deva", 0x0900, 0x097F),
    ("Thai", 0x0E00, 0x0E7F),
    ("Geor", 0x10A0, 0x10FF),
    ("Hang", 0x1100, 0x11FF),
    ("Kana", 0x3040, 0x30FF),
    ("Hani", 0x3400, 0x4DBF),
    ("Hani", 0x4E00, 0x9FFF),
    ("Hang", 0xAC00, 0xD7AF),
    ("Hani", 0xF900, 0xFAFF),
)

# The language a script alone identifies, for scripts without registered stopword lists.
_SCRIPT_LANGUAGE = {
    "Grek": "el", "Armn": "hy", "Hebr": "he", "Geor": "ka", "Thai": "th", "Hang": "ko",
    "Kana": "ja", "Hani": "zh", "Deva": "hi", "Arab": "ar",
}


@dataclass(frozen=True, slots=True)
class LanguageProfile:
    """Letter counts by script and stopword rates of one text sample."""

    letters: int
    script: str | None
    script_share: float
    tokens: int
    stopword_rates: tuple[tuple[str, float], ...]

    def rate(self, code: str) -> float:
        return dict(self.stopword_rates).get(code, 0.0)


def _script_of(ch: str) -> str | None:
    cp = ord(ch)
    for script, first, last in _SCRIPT_RANGES:
        if first <= cp <= last:
            return script
    return None


def profile_language(text: str) -> LanguageProfile:
    """Script counts and stopword rates of the first ``SAMPLE_CHARS`` characters of ``text``."""
    sample = text[:SAMPLE_CHARS]
    counts: dict[str, int] = {}
    letters = 0
    for ch in sample:
        if ch.isalpha():
            letters += 1
            script = _script_of(ch)
            if script is not None:
                counts[script] = counts.get(script, 0) + 1
    # Japanese mixes kana into Han text: any real share of kana makes it Japanese.
    if counts.get("Kana", 0) >= 0.1 * (counts.get("Kana", 0) + counts.get("Hani", 0)) > 0:
        counts["Kana"] = counts.get("Kana", 0) + counts.pop("Hani", 0)
    script = max(counts, key=counts.__getitem__) if counts else None
    share = counts[script] / letters if script else 0.0
    words = [w.lower() for w in sample.split()]
    words = [w.strip(".,;:!?()[]{}«»\"'“”„-–—…") for w in words]
    words = [w for w in words if w and any(c.isalpha() for c in w)]
    rates = []
    for code in registered_codes():
        stopwords = get_language(code).stopwords
        hits = sum(1 for w in words if w in stopwords)
        rates.append((code, hits / len(words) if words else 0.0))
    return LanguageProfile(letters, script, share, len(words), tuple(rates))


def _guess(profile: LanguageProfile) -> str | None:
    if profile.letters < MIN_LETTERS or profile.script is None:
        return None
    if profile.script_share < MIN_SCRIPT_SHARE:
        return None
    if profile.script in _SCRIPT_LANGUAGE:
        return _SCRIPT_LANGUAGE[profile.script]
    if profile.tokens < MIN_TOKENS:
        return None
    candidates = sorted(
        ((rate, code) for code, rate in profile.stopword_rates
         if get_language(code).script == profile.script),
        reverse=True,
    )
    if not candidates or candidates[0][0] < MIN_STOPWORD_RATE:
        return None
    if len(candidates) > 1 and candidates[1][0] >= candidates[0][0] / 2:
        return None
    return candidates[0][1]


def guess_language(text: str) -> str | None:
    """The ISO code the text most likely is in, or ``None`` when the evidence is thin.

    Only languages with a full registry entry are told apart within Latin and Cyrillic; other
    scripts map to their main language (Han → ``zh``, kana → ``ja``, Hangul → ``ko``).
    """
    return _guess(profile_language(text))


def check_language(text: Text) -> None:
    """Raise when ``text`` clearly is not in its declared language ``text.lang``.

    A mismatch counts only when (a) the dominant script differs from the declared language's
    script and covers at least ``MISMATCH_SCRIPT_SHARE`` of ``MISMATCH_MIN_LETTERS`` or more
    letters, or (b) within one script, another registered language's stopwords dominate and the
    declared language's own list (if it has one) is nearly absent.

    :raises InputError: naming the file, the language it looks like and the declared one.
    """
    declared = get_language(text.lang)
    profile = profile_language(text.normalized)
    guess = _guess(profile)
    if guess is None or guess == declared.code:
        return
    guessed_script = get_language(guess).script if guess in registered_codes() else profile.script
    if guessed_script != declared.script:
        clear = (
            has_single_script(declared.code)
            and profile.script_share >= MISMATCH_SCRIPT_SHARE
            and profile.letters >= MISMATCH_MIN_LETTERS
            and not _script_compatible(profile.script, declared.script)
        )
    else:
        clear = bool(declared.stopwords) and profile.rate(declared.code) < MISMATCH_DECLARED_RATE
    if clear:
        # One message for both causes: the side does not know whether the user left out
        # --src-lang/--tgt-lang (the default pair is ru-en) or swapped the two files.
        raise InputError(
            f"looks like {language_name(guess)} ({guess}), but was given as "
            f"{language_name(declared.code)} ({declared.code}): name its language with "
            f"--src-lang/--tgt-lang, or check that the two files are not swapped",
            path=text.path,
        )


def _script_compatible(found: str | None, declared: str) -> bool:
    """Scripts that one language legitimately mixes (Japanese kana with Han, Korean Hanja)."""
    pairs = {("Kana", "Jpan"), ("Hani", "Jpan"), ("Hang", "Kore"), ("Hani", "Kore")}
    return found == declared or (found, declared) in pairs
