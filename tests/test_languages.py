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
    assert result.language.fallback_from is None
    assert result.to_dict()["language"]["code"] == code  # type: ignore[index]


def test_an_unsupported_or_unclear_language_falls_back_to_english_with_a_warning(tmp_path: Path) -> None:
    assert detect("这是一个关于经济的新闻报道。政府宣布了新的计划。").fallback_from == "zh"
    path = tmp_path / "zh.txt"
    path.write_text("这是一个关于经济的新闻报道。政府宣布了新的计划。\n", encoding="utf-8")
    result = CliRunner().invoke(app, ["summarise", str(path), "-f", "json"])
    assert result.exit_code == 0
    assert json.loads(result.stdout)["language"]["code"] == "en"
    assert result.stderr.startswith("Warning: could not tell the language")


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
    assert forced["language"] == {"code": "fr", "name": "french", "detected": False}
    bad = runner.invoke(app, ["summarise", str(path), "--language", "xx"])
    assert bad.exit_code == 2
    assert "unsupported language" in bad.stderr
