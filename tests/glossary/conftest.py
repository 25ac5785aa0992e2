"""A small Russian-English glossary built in code, shared by the glossary unit tests."""

from __future__ import annotations

import pytest

from aligner.glossary import Glossary, Term

TERMS = (
    Term("kim-il-sung", "person", ("Ким Ир Сен",), ("Kim Il Sung",), ("Kim Il-sung",), ("Kim Ir Sen",)),
    Term("peng-dehuai", "person", ("Пэн Дэхуай",), ("Peng Dehuai",)),
    Term("kim-du-bong", "person", ("Ким Ду Бон",), ("Kim Du-bong",)),
    Term("choe-yong-geon", "person", ("Чой Ен Ген",), ("Choe Yong-geon",)),
    Term("cc", "organisation", ("ЦК", "Центральный Комитет"), ("CC",), ("Central Committee",)),
    Term("cc-plenum", "party_term", ("Пленум ЦК",), ("CC plenum",), ("plenum of the CC",)),
    Term("plenum", "party_term", ("пленум",), ("plenum",)),
    Term("presidium", "party_term", ("президиум",), ("presidium",)),
    Term("comrade", "title", ("товарищ",), ("Cde.",), ("Comrade",)),
    Term("cpsu", "organisation", ("КПСС",), ("CPSU",)),
    Term(
        "kwp", "organisation", ("ТПК", "Трудовая партия Кореи"), ("KWP",),
        ("Korean Workers' Party", "Korean Worker's Party"), ("Workers Party of Korea",),
    ),
    Term("self-criticism", "party_term", ("критика и самокритика",), ("criticism and self-criticism",)),
    Term("expel", "party_term", ("исключить из партии",), ("expel from the Party",)),
    Term("ambassador", "title", ("посол",), ("Ambassador",)),
    Term("copy-no", "document", ("экземпляр", "экз."), ("copy",)),
    Term("number-sign", "document", ("№",), ("No.",), ("Nº",)),
    Term("interpreter", "title", ("переводчик",), ("interpreter",), ("translator",)),
    Term("factionalism", "party_term", ("фракционность",), ("factionalism",)),
    Term("factional-group", "party_term", ("фракционная группа",), ("factional group",), ("faction",)),
    Term("report", "party_term", ("доклад",), ("report",)),
    Term("reported-to", "document", ("доложено",), ("reported",), ("reported to",)),
    Term("authenticated", "document", ("верно",), ("authenticated",), ("true copy", "correct")),
    Term("ministry", "organisation", ("министерство",), ("ministry",)),
)


@pytest.fixture(scope="session")
def glossary() -> Glossary:
    return Glossary.from_terms(TERMS)
