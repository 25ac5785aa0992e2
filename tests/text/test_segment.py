"""Paragraphs, sentences and the merge pass over library boundaries."""

from __future__ import annotations

import pytest

from aligner.text.model import Sentence, Text
from aligner.text.normalize import normalize_text
from aligner.text.segment import (
    segment_sentences,
    sentence_line,
    sentences_from_lines,
    split_paragraphs,
)

SEED_OPENING = "[handwritten:\n\nTop Secret\n\nPriority]\n\n[to the] CPSU CC\n\nToday, 22 September, a meeting was held."


def _text(raw: str, lang: str) -> Text:
    return Text(path=None, lang=lang, encoding="utf-8", raw_sha256="", normalized=normalize_text(raw))


def _sentences(raw: str, lang: str) -> list[str]:
    return [sentence_line(s) for s in segment_sentences(_text(raw, lang))]


# (id, language, paragraph, expected sentences)
SENTENCE_CASES = [
    # Russian abbreviations and initials
    ("тов. before surname", "ru", "Тов. Ким Ир Сен передал проект. Мы согласились.",
     ["Тов. Ким Ир Сен передал проект.", "Мы согласились."]),
    ("т.т. before names", "ru", "Мы говорили с т.т. Ким Ир Сеном и Пэн Дэхуаем. Они согласились.",
     ["Мы говорили с т.т. Ким Ир Сеном и Пэн Дэхуаем.", "Они согласились."]),
    ("Т.т. opening a sentence", "ru", "Проект готов. Т.т. Пэн Дэхуай и Ши Чжэ согласились.",
     ["Проект готов.", "Т.т. Пэн Дэхуай и Ши Чжэ согласились."]),
    ("т. before surname", "ru", "Присутствовал т. Иванов. Беседа длилась час.",
     ["Присутствовал т. Иванов.", "Беседа длилась час."]),
    ("т. е. inside a sentence", "ru", "Он сказал, т. е. согласился. Потом ушёл.",
     ["Он сказал, т. е. согласился.", "Потом ушёл."]),
    ("т.к. opening a sentence", "ru", "Т.к. времени мало, пленум перенесли. Все согласились.",
     ["Т.к. времени мало, пленум перенесли.", "Все согласились."]),
    ("и т.д. at a sentence end", "ru", "Нужно учесть кадры, работу и т.д. Затем перешли к делу.",
     ["Нужно учесть кадры, работу и т.д.", "Затем перешли к делу."]),
    ("и т.д. inside a sentence", "ru", "Кадры, работу и т.д. нужно учесть.",
     ["Кадры, работу и т.д. нужно учесть."]),
    ("Экз. № before a number", "ru", "Экз. № 2. Совершенно секретно.",
     ["Экз. № 2.", "Совершенно секретно."]),
    ("стр. before a number", "ru", "См. стр. 5 и стр. 7. Далее.", ["См. стр. 5 и стр. 7.", "Далее."]),
    ("Сов. секретно", "ru", "Сов. секретно. Экз. единственный.", ["Сов. секретно.", "Экз. единственный."]),
    ("initials А. И. Микоян", "ru", "Телеграмму подписал А. И. Микоян. Она ушла утром.",
     ["Телеграмму подписал А. И. Микоян.", "Она ушла утром."]),
    ("initials А.И. Микоян", "ru", "Телеграмму подписал А.И. Микоян. Она ушла утром.",
     ["Телеграмму подписал А.И. Микоян.", "Она ушла утром."]),
    ("initial before surname opening a sentence", "ru", "Дело решено. А. Микоян подписал.",
     ["Дело решено.", "А. Микоян подписал."]),
    ("г. city vs year: city", "ru", "Приехал в г. Пхеньян. Там холодно.",
     ["Приехал в г. Пхеньян.", "Там холодно."]),
    ("г. city vs year: year ends a sentence before В", "ru",
     "Это было в 1956 г. В Пхеньяне было холодно.", ["Это было в 1956 г.", "В Пхеньяне было холодно."]),
    ("г. year then a name starting the same sentence", "ru", "В 1956 г. Микоян прилетел в Пхеньян.",
     ["В 1956 г. Микоян прилетел в Пхеньян."]),
    ("г. year then an acronym", "ru", "В 1956 г. ЦК КПСС принял решение. Оно выполнено.",
     ["В 1956 г. ЦК КПСС принял решение.", "Оно выполнено."]),
    ("г. year after a full clause", "ru", "Пленум состоялся в сентябре 1956 г. Микоян выступил.",
     ["Пленум состоялся в сентябре 1956 г.", "Микоян выступил."]),
    ("гг. year range inside a sentence", "ru", "В 1955-1956 гг. работа шла. Итоги подведены.",
     ["В 1955-1956 гг. работа шла.", "Итоги подведены."]),
    ("г. year before lowercase", "ru", "В 1956 г. в Пхеньяне прошёл пленум.",
     ["В 1956 г. в Пхеньяне прошёл пленум."]),
    ("час. before lowercase", "ru", "Встреча в 10 час. утра прошла спокойно.",
     ["Встреча в 10 час. утра прошла спокойно."]),
    # English abbreviations and initials
    ("Cde. before a name", "en", "Cde. Kim Il Sung passed us the draft. We agreed.",
     ["Cde. Kim Il Sung passed us the draft.", "We agreed."]),
    ("Cdes. before names", "en", "On the Korean side were Cdes. Kim Il Sung and Nam Il. Then we met.",
     ["On the Korean side were Cdes. Kim Il Sung and Nam Il.", "Then we met."]),
    ("No. before a number", "en", "See cable No. 604. It came late.", ["See cable No. 604.", "It came late."]),
    ("no. at a sentence end", "en", "Kim said no. The plenum opened.", ["Kim said no.", "The plenum opened."]),
    ("hrs. before lowercase", "en", "At 16.00 hrs. on 22 September the plenum opened. It ended.",
     ["At 16.00 hrs. on 22 September the plenum opened.", "It ended."]),
    ("hrs. at a sentence end", "en", "The plenum opened at 10 hrs. It ended at 19 hrs.",
     ["The plenum opened at 10 hrs.", "It ended at 19 hrs."]),
    ("Mr. and Dr.", "en", "Mr. Smith and Dr. Jones met. They talked.", ["Mr. Smith and Dr. Jones met.", "They talked."]),
    ("p. and pp. and cf.", "en", "See p. 5 and pp. 6-7, cf. p. 8. Then stop.",
     ["See p. 5 and pp. 6-7, cf. p. 8.", "Then stop."]),
    ("i.e. and e.g.", "en", "It is, i.e. the draft, acceptable, e.g. in part. Good.",
     ["It is, i.e. the draft, acceptable, e.g. in part.", "Good."]),
    ("initials A. Mikoyan", "en", "The cable was signed by A. Mikoyan. It left.",
     ["The cable was signed by A. Mikoyan.", "It left."]),
    ("initials A. I. Mikoyan", "en", "The cable was signed by A. I. Mikoyan. It left.",
     ["The cable was signed by A. I. Mikoyan.", "It left."]),
    ("single capital before a function word ends a sentence", "en", "See Appendix B. The text follows.",
     ["See Appendix B.", "The text follows."]),
    ("etc. before a capital ends a sentence", "en", "Cadres, work, etc. Then we left.",
     ["Cadres, work, etc.", "Then we left."]),
    # editorial brackets
    ("bracket after a sentence end at a paragraph end", "en", "He left work. [handwritten: signed]",
     ["He left work.", "[handwritten: signed]"]),
    ("Russian bracket after a sentence end", "ru", "Работа закончена. [от руки: подписано]",
     ["Работа закончена.", "[от руки: подписано]"]),
    ("bracket with a signature stays one sentence", "en", "[handwritten: signed] A. Mikoyan",
     ["[handwritten: signed] A. Mikoyan"]),
    ("bracket opening a sentence stays in it", "en", "We agreed. [We] met in a small group.",
     ["We agreed.", "[We] met in a small group."]),
    ("periods inside a bracket do not split", "en",
     "We agreed. [Translator's note: Cde. Kim left. He returned later.]",
     ["We agreed.", "[Translator's note: Cde. Kim left. He returned later.]"]),
    ("bracket mid-sentence", "en", "Cde. Kim Il Sung passed [us] the draft [handwritten: decision]. We read it.",
     ["Cde. Kim Il Sung passed [us] the draft [handwritten: decision].", "We read it."]),
    ("two brackets closing a paragraph", "en", "He signed. [handwritten: signed] [illegible signature]",
     ["He signed.", "[handwritten: signed] [illegible signature]"]),
    # other languages
    ("German Nr.", "de", "Siehe Nr. 604. Danach kam nichts.", ["Siehe Nr. 604.", "Danach kam nichts."]),
    ("French M.", "fr", "M. Dupont est venu. Il est parti.", ["M. Dupont est venu.", "Il est parti."]),
    ("Chinese", "zh", "会议开始了。大家都来了！", ["会议开始了。", "大家都来了！"]),
    ("unknown language code uses generic rules", "xx", "One here. Two there.", ["One here.", "Two there."]),
]


@pytest.mark.parametrize(("lang", "raw", "expected"), [c[1:] for c in SENTENCE_CASES],
                         ids=[c[0] for c in SENTENCE_CASES])
def test_segment_sentences(lang: str, raw: str, expected: list[str]) -> None:
    assert _sentences(raw, lang) == expected


# (id, text, expected paragraph texts)
PARAGRAPH_CASES = [
    ("blank lines separate", "a b\nc\n\nd", ["a b\nc", "d"]),
    ("several blank lines", "a\n\n\n\nb", ["a", "b"]),
    ("bracket over blank lines is one block", SEED_OPENING,
     ["[handwritten:\n\nTop Secret\n\nPriority]", "[to the] CPSU CC", "Today, 22 September, a meeting was held."]),
    ("unclosed bracket does not join blocks", "22 September 1956 [handwritten: Authenticated\n\nThe first copy",
     ["22 September 1956 [handwritten: Authenticated", "The first copy"]),
    ("whitespace-only lines are blank", "a\n  \t \nb", ["a", "b"]),
    ("empty text", "", []),
]


@pytest.mark.parametrize(("text", "expected"), [c[1:] for c in PARAGRAPH_CASES],
                         ids=[c[0] for c in PARAGRAPH_CASES])
def test_split_paragraphs(text: str, expected: list[str]) -> None:
    assert [text[p.start:p.end] for p in split_paragraphs(text)] == expected


def test_seed_opening() -> None:
    sentences = segment_sentences(_text(SEED_OPENING, "en"))
    assert [(s.para_no, sentence_line(s)) for s in sentences] == [
        (0, "[handwritten: Top Secret Priority]"),
        (1, "[to the] CPSU CC"),
        (2, "Today, 22 September, a meeting was held."),
    ]
    first, second, third = sentences
    assert [(e.start, e.end) for e in first.editorial] == [(first.start, first.end)]
    assert first.is_editorial
    assert [second.text[e.start - second.start:e.end - second.start] for e in second.editorial] == ["[to the]"]
    assert not second.is_editorial
    assert third.editorial == ()


def _assert_rebuilds(text: Text, sentences: tuple[Sentence, ...]) -> None:
    normalized = text.normalized
    pos = 0
    for k, s in enumerate(sentences):
        assert s.sent_no == k
        assert s.text == normalized[s.start:s.end] == s.text.strip() != ""
        assert normalized[pos:s.start].strip() == ""
        for e in s.editorial:
            assert s.start <= e.start < e.end <= s.end
            assert normalized[e.start] == "[" and normalized[e.end - 1] == "]"
        pos = s.end
    assert normalized[pos:].strip() == ""
    paras = [s.para_no for s in sentences]
    assert paras == sorted(paras)
    assert all(b - a in (0, 1) for a, b in zip(paras, paras[1:]))
    assert not paras or paras[0] == 0


def test_spans_rebuild_the_seed_like_text() -> None:
    raw = SEED_OPENING + " Cde. Kim Il Sung passed [us] the draft.\n\n[handwritten: signed] A. Mikoyan\n"
    text = _text(raw, "en")
    sentences = segment_sentences(text)
    _assert_rebuilds(text, sentences)
    assert len(sentences) == 5


def test_sentences_from_lines() -> None:
    text = _text("First line.  \nSecond [note] line\n\n\nThird line\n", "en")
    sentences = sentences_from_lines(text)
    assert [(s.para_no, s.sent_no, s.text) for s in sentences] == [
        (0, 0, "First line."),
        (0, 1, "Second [note] line"),
        (1, 2, "Third line"),
    ]
    second = sentences[1]
    assert [text.normalized[e.start:e.end] for e in second.editorial] == ["[note]"]
    _assert_rebuilds(text, sentences)


def test_sentences_from_lines_keeps_a_period_split_together() -> None:
    # Pre-segmented input is trusted: a line with two sentences stays one.
    text = _text("One. Two.\nThree.", "en")
    assert [s.text for s in sentences_from_lines(text)] == ["One. Two.", "Three."]


LINE_CASES = [
    ("newlines collapse", "a\nb", "a b"),
    ("runs of spaces collapse", "a   b", "a b"),
    ("blank line inside a bracket collapses", "[handwritten:\n\nTop Secret]", "[handwritten: Top Secret]"),
]


@pytest.mark.parametrize(("text", "expected"), [c[1:] for c in LINE_CASES], ids=[c[0] for c in LINE_CASES])
def test_sentence_line(text: str, expected: str) -> None:
    sentence = Sentence("en", 0, 0, 0, len(text), text)
    assert sentence_line(sentence) == expected
