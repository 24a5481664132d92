"""Beyond English: detection, sentence splitting, stop words, stemming, values.

The German, French and Spanish articles below were written for these tests.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from newsdigest import Options, UsageError, digest
from newsdigest.analysis.facts import values
from newsdigest.analysis.keywords import text_stop_words
from newsdigest.analysis.language import LANGUAGES, detect, resolve
from newsdigest.cli import app
from newsdigest.pipeline.segment import split_line
from newsdigest.words import stem, stop_words

GERMAN = """Die Bundesregierung hat am Mittwoch ein Entlastungspaket von 12,5 Milliarden Euro beschlossen.
Finanzminister Dr. Peter Krause sagte, die Maßnahmen würden ab dem 3. März 2025 gelten, z. B. für Rentner.
Haushalte mit geringem Einkommen sollen pro Monat bis zu 150 Euro erhalten.
Die Opposition kritisierte das Paket als „zu wenig und zu spät“.
Nach Angaben des Statistischen Bundesamts stiegen die Preise im Januar um 4,2 Prozent.
Der Umsatz der Energieversorger lag zuletzt bei 1.234,5 Millionen Euro.
Der Bundestag soll im Februar über das Gesetz abstimmen."""

FRENCH = """Le gouvernement a annoncé lundi un plan d'aide de 2,5 milliards d'euros pour les agriculteurs.
Selon le ministre de l'Agriculture, M. Jean Moreau, les premiers versements auront lieu le 3 mars 2025.
« Nous ne laisserons personne au bord du chemin », a déclaré M. Moreau devant l'Assemblée nationale.
Les syndicats agricoles jugent le montant insuffisant et appellent à manifester samedi.
Les prix de l'énergie ont augmenté de 12,5 % en un an, selon l'Insee."""

SPANISH = """El Gobierno aprobó el martes un plan de 1.234,5 millones de euros para mejorar la red ferroviaria.
La ministra de Transportes, Ana López, dijo que las obras comenzarán el 3 de marzo de 2025.
El plan incluye la compra de 40 trenes nuevos y la reforma de 120 estaciones.
Los sindicatos celebraron la medida, aunque pidieron más personal.
Según el INE, el número de viajeros creció un 8,3 por ciento el año pasado."""


@pytest.mark.parametrize(("text", "code"), [(GERMAN, "de"), (FRENCH, "fr"), (SPANISH, "es")])
def test_the_language_is_detected_from_the_text(text: str, code: str) -> None:
    result = digest(text)
    assert result.language is not None
    assert result.language.code == code
    assert result.language.detected
    assert result.language.guess is None
    assert result.to_dict()["language"]["code"] == code  # type: ignore[index]


def test_an_unclear_language_is_english_and_the_guess_keeps_its_own_confidence(tmp_path: Path) -> None:
    mixed = "Der Bürgermeister said the plan es bueno"
    language = detect(mixed)
    assert (language.code, language.confidence) == ("en", None)
    assert language.guess is not None
    assert language.guess != "en"
    assert language.guess_confidence is not None
    assert 0 <= language.guess_confidence < 0.5
    path = tmp_path / "mixed.txt"
    path.write_text(mixed + "\n", encoding="utf-8")
    result = CliRunner().invoke(app, ["summarise", str(path), "-f", "json"])
    assert result.exit_code == 0
    block = json.loads(result.stdout)["language"]
    assert (block["code"], block["rules"], block["supported"]) == ("en", "english", True)
    assert "confidence" not in block  # the guess's confidence is no confidence in English
    assert block["guess"]["code"] == language.guess
    assert result.stderr.startswith("Warning: could not tell the language")


# Written for these tests: a Korean, a Russian and an Indonesian news text.
KOREAN = """정부는 오늘 새로운 경제 계획을 발표했다. 이 계획은 내년부터 시행된다.
재무부 장관은 세금을 올리지 않겠다고 말했다. 전문가들은 계획이 물가를 낮출 것이라고 본다.
야당은 계획이 너무 늦었다고 비판했다."""
RUSSIAN = """Правительство не планирует повышать налоги на бензин в этом году, заявил министр финансов.
По словам министра, бюджет на следующий год уже составлен и не предусматривает новых налогов на топливо.
Эксперты считают, что цены на бензин будут расти и без повышения налогов, но правительство не видит в этом угрозы.
Министр также сказал, что налоги на бензин могут быть пересмотрены только после выборов.
В прошлом году цены на бензин выросли на 8 процентов, а на дизельное топливо на 11 процентов.
Опрос показал, что большинство водителей не верят в снижение цен на бензин."""
INDONESIAN = """Pemerintah kota mengumumkan rencana baru untuk membangun jalur kereta yang menghubungkan bandara dan pusat kota.
Wali kota mengatakan proyek yang bernilai 2 triliun rupiah itu akan selesai dalam tiga tahun.
Warga menyambut baik rencana itu dan berharap kemacetan di jalan utama akan berkurang.
Namun sejumlah pengamat meragukan jadwal yang dianggap terlalu cepat dan biaya yang terlalu kecil.
Jalur kereta itu akan melewati lima stasiun dan dapat mengangkut sepuluh ribu penumpang setiap hari."""


@pytest.mark.parametrize(
    ("text", "code", "name"), [(KOREAN, "ko", "Korean"), (RUSSIAN, "ru", "Russian"), (INDONESIAN, "id", "Indonesian")]
)
def test_an_unsupported_language_is_named_and_digested_with_language_neutral_rules(
    tmp_path: Path, text: str, code: str, name: str
) -> None:
    path = tmp_path / f"{code}.txt"
    path.write_text(text, encoding="utf-8")
    result = CliRunner().invoke(app, ["summarise", str(path), "-f", "json"])
    assert result.exit_code == 0
    assert result.stderr == (
        f"Warning: {name} ({code!r}) is not supported; digested with language-neutral rules "
        "(position, length and a stop list from the text itself)\n"
    )
    block = json.loads(result.stdout)["language"]
    assert (block["code"], block["supported"], block["rules"], block["detected"]) == (code, False, "neutral", True)
    assert 0.5 <= block["confidence"] <= 1.0


def test_unsupported_languages_get_no_english_stop_words_and_no_frequent_particles_as_keywords() -> None:
    russian = [keyword.text for keyword in digest(RUSSIAN).keywords]
    assert not {"не", "на", "по", "в", "и"} & set(russian)
    assert "бензин" in russian
    indonesian = [keyword.text for keyword in digest(INDONESIAN).keywords]
    assert not {"dan", "yang", "itu"} & set(indonesian)
    assert any(keyword.startswith(("kereta", "rencana", "jalur")) for keyword in indonesian)


def test_the_text_s_own_stop_list_is_its_frequent_short_and_widespread_words() -> None:
    sentences = [f"na word{n} ne topic{n % 3} other{n} pa" for n in range(12)]
    stops = text_stop_words(sentences)
    assert {"na", "ne", "pa"} <= stops
    assert not {"topic0", "word1", "other5"} & stops
    assert text_stop_words(["One short text only."]) == frozenset()


def test_a_confidence_is_never_above_one() -> None:
    language = detect(KOREAN)
    assert language.confidence is not None
    assert 0 <= language.confidence <= 1


def test_german_sentences_abbreviations_and_values() -> None:
    assert split_line(GERMAN.splitlines()[1], "german") == [GERMAN.splitlines()[1]]  # "Dr.", "3. März", "z. B."
    found = {(v.kind, v.text) for v in values(GERMAN.splitlines()[1], (), "german")}
    assert ("date", "3. März 2025") in found
    assert ("name", "Peter Krause") in found
    assert ("money", "1.234,5 Millionen Euro") in {
        (v.kind, v.text) for v in values(GERMAN.splitlines()[5], (), "german")
    }
    assert ("percent", "4,2 Prozent") in {(v.kind, v.text) for v in values(GERMAN.splitlines()[4], (), "german")}
    assert ("quote", "zu wenig und zu spät") in {(v.kind, v.text) for v in values(GERMAN.splitlines()[3], (), "german")}


def test_german_nouns_are_not_names_but_names_are() -> None:
    kinds = {(v.kind, v.text) for v in values("Der Bundestag soll im Februar über das Gesetz abstimmen.", (), "german")}
    assert ("name", "Gesetz") not in kinds
    assert ("name", "Bundestag") not in kinds


def test_french_and_spanish_dates_amounts_and_quotes() -> None:
    french = {(v.kind, v.text) for line in FRENCH.splitlines() for v in values(line, (), "french")}
    assert ("date", "3 mars 2025") in french
    assert ("money", "2,5 milliards d'euros") in french
    assert ("percent", "12,5 %") in french
    assert any(kind == "quote" and text.startswith("Nous ne laisserons") for kind, text in french)
    spanish = {(v.kind, v.text) for line in SPANISH.splitlines() for v in values(line, (), "spanish")}
    assert ("date", "3 de marzo de 2025") in spanish
    assert ("money", "1.234,5 millones de euros") in spanish or ("number", "1.234,5 millones") in spanish
    assert ("percent", "8,3 por ciento") in spanish


def test_stop_words_and_stemming_are_the_languages_own() -> None:
    assert {"der", "und", "nicht"} <= stop_words("german")
    assert {"de", "le", "un"} <= stop_words("french")
    assert {"de", "el", "y"} <= stop_words("spanish")
    assert stem("regierungen", "german") == stem("regierung", "german")
    assert stem("agriculteurs", "french") == stem("agriculteur", "french")
    assert stem("estaciones", "spanish") == stem("estación", "spanish")


def test_keywords_are_content_words_in_each_language() -> None:
    for text, stops in (
        (GERMAN, stop_words("german")),
        (FRENCH, stop_words("french")),
        (SPANISH, stop_words("spanish")),
    ):
        for keyword in digest(text).keywords:
            assert keyword.text.lower() not in stops
            assert "'" not in keyword.text  # French elisions ("d'euros") are split


def test_no_english_leftovers_in_generated_headlines() -> None:
    headline = digest(FRENCH).headline.text
    assert headline.startswith("Le gouvernement a annoncé lundi un plan d'aide de 2,5 milliards")  # not cut at "2,"
    assert len(headline.split()) <= 15


def test_language_option_accepts_codes_and_names_and_lists_choices() -> None:
    assert resolve("DE") == "de"
    assert resolve("German") == "de"
    assert resolve("auto") == "auto"
    with pytest.raises(UsageError) as error:
        Options(language="klingon")
    assert all(code in str(error.value) for code in LANGUAGES)
    result = digest(GERMAN, Options(language="en"))
    assert result.language is not None
    assert (result.language.code, result.language.detected) == ("en", False)


def test_the_cli_language_option(tmp_path: Path) -> None:
    path = tmp_path / "de.txt"
    path.write_text(GERMAN, encoding="utf-8")
    runner = CliRunner()
    data = json.loads(runner.invoke(app, ["summarise", str(path), "-f", "json"]).stdout)
    assert data["language"]["code"] == "de"
    assert data["settings"]["language"] == "auto"
    forced = json.loads(runner.invoke(app, ["summarise", str(path), "-f", "json", "--language", "fr"]).stdout)
    assert forced["language"] == {
        "code": "fr",
        "name": "french",
        "supported": True,
        "detected": False,
        "rules": "french",
    }
    bad = runner.invoke(app, ["summarise", str(path), "--language", "xx"])
    assert bad.exit_code == 2
    assert "unsupported language" in bad.stderr
