"""The learned method: run-time features match training's, shipped weights, length options."""

from __future__ import annotations

import importlib.util
import json
import math
import re
import sys
from importlib.resources import files
from pathlib import Path
from types import ModuleType

import pytest

from newsdigest import Options, digest
from newsdigest.pipeline.clean import clean
from newsdigest.pipeline.segment import segment
from newsdigest.ranking import learned, news

# Written for this suite. The same story as the training file would hold it:
# lower-cased, PTB-tokenised, cut after " . ", " ! " and " ? ".
CASED = (
    "WASHINGTON (CNN) -- The U.S. Senate didn't pass the $41.1 million flood-relief bill on Monday, officials said. "
    "“We can't wait any longer,” said Senator Maria Lopez, who wrote the bill. "
    "The vote was 48-52. "
    "Lopez's office said she would bring the bill back in March. "
    "Why did it fail? "
    "Opponents called the plan too costly for a state already in debt."
)
TOKENISED = (
    "washington ( cnn ) -- the u.s. senate did n't pass the $ 41.1 million flood - relief bill on monday , officials said .",
    '" we ca n\'t wait any longer , " said senator maria lopez , who wrote the bill .',
    "the vote was 48 - 52 .",
    "lopez 's office said she would bring the bill back in march .",
    "why did it fail ?",
    "opponents called the plan too costly for a state already in debt .",
)
ROOT = Path(__file__).resolve().parent.parent


def _training_data() -> ModuleType:
    """training/data.py, which prepares the training stories (not part of the package)."""
    spec = importlib.util.spec_from_file_location("training_data", ROOT / "training" / "data.py")
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up there
    spec.loader.exec_module(module)
    return module


def _tokens(text: str) -> list[tuple[str, ...]]:
    return [learned.normal_tokens(s.text) for s in segment(clean(text)).sentences]


def test_run_time_tokens_are_the_training_form() -> None:
    run_time = _tokens(CASED)
    # The dateline is cleaned away at run time, as it is from the training text.
    assert run_time[0] == tuple(TOKENISED[0].split()[5:])
    assert run_time[1:] == [tuple(sentence.split()) for sentence in TOKENISED[1:]]


def test_tokenising_the_training_form_again_changes_nothing() -> None:
    for sentence in TOKENISED:
        assert learned.normal_tokens(sentence) == tuple(sentence.split())


def test_run_time_features_of_a_cased_article_equal_the_training_features_of_its_tokenised_form() -> None:
    data = _training_data()
    common = learned.model().common
    run_time = learned.features(_tokens(CASED), common)
    training = learned.features(_tokens(data.detokenise(TOKENISED)), common)
    assert len(run_time) == len(TOKENISED)
    assert run_time == training
    assert learned.score([s.text for s in segment(clean(CASED)).sentences]) == learned.score_features(
        training, learned.model()
    )


def test_features_describe_what_they_name() -> None:
    extracted = learned.features(_tokens(CASED), learned.model().common)
    column = learned.DENSE.index
    assert [item.dense[column("pos0-0")] for item in extracted] == [1, 0, 0, 0, 0, 0]
    assert extracted[4].dense[column("question")] == 1.0
    # "we ca n't wait any longer" is quoted: 6 of the sentence's 14 words.
    assert [item.dense[column("quoted")] for item in extracted] == [0, 6 / 14, 0, 0, 0, 0]
    assert extracted[2].dense[column("fragment")] == 1.0  # "The vote was 48-52." has 4 words
    assert extracted[2].dense[column("has_number")] == 1.0
    assert all(item.dense[column("bias")] == 1.0 for item in extracted)
    assert all(len(item.dense) == len(learned.DENSE) for item in extracted)


def test_shipped_weights_say_where_they_came_from() -> None:
    data = json.loads(files("newsdigest.ranking").joinpath("learned.json").read_text(encoding="utf-8"))
    assert isinstance(data["version"], int)
    assert re.fullmatch(r"[0-9a-f]{64}", data["data_sha256"])
    assert data["command"].startswith("python training/train.py ")
    assert data["dense_names"] == list(learned.DENSE)
    assert len(data["dense"]) == len(learned.DENSE)
    assert all(key[:2] in ("w:", "l:", "f:") for key in data["lexical"])
    assert all(math.isfinite(w) for w in [*data["dense"], *data["lexical"].values()])


def test_scores_are_finite_and_deterministic() -> None:
    texts = [s.text for s in segment(clean(CASED)).sentences]
    scores = learned.score(texts)
    assert len(scores) == len(texts)
    assert all(math.isfinite(v) for v in scores)
    assert scores == learned.score(list(texts))
    assert learned.score([]) == []
    assert all(math.isfinite(v) for v in learned.score(["", "...", "the of and", "?"]))


def test_other_languages_rank_as_news_does() -> None:
    texts = ["Der Rat hat am Montag den Haushalt beschlossen.", "Die Straßen werden im März repariert.", "Warum?"]
    assert learned.score(texts, "german") == news.score(texts, "german")


SUBJECTS = "roads schools budget parks police buses water housing taxes libraries".split()
PLACES = "north south east west centre harbour hills airport market river".split()
# 40 distinct sentences: no two are near duplicates, so all 40 are candidates.
LONG = " ".join(
    f"Report {i} on the {SUBJECTS[i % 10]} of the {PLACES[i // 4]} district was read by clerk number {i * 7}."
    for i in range(40)
)


@pytest.mark.parametrize(("options", "count"), [(Options(sentences=4), 4), (Options(ratio=0.25), 10)])
def test_length_options_give_exactly_what_they_ask(options: Options, count: int) -> None:
    result = digest(LONG, Options(method="learned", sentences=options.sentences, ratio=options.ratio))
    assert len(result.summary) == count
    assert result.method == "learned"


@pytest.mark.parametrize("budget", [5, 40, 100])
def test_a_word_budget_is_hard(budget: int) -> None:
    result = digest(LONG, Options(method="learned", words=budget))
    assert result.summary
    assert result.summary_words <= budget


def test_boilerplate_and_disclaimers_rank_last_whatever_their_words() -> None:
    texts = [
        "The city council approved a $12m budget for road repairs on Monday after a long debate.",
        "The opinions expressed in this commentary are solely those of Jane Hill, the council's leader.",
        "Scroll down for video of the council meeting and the vote on the road budget.",
        "Opposition members called the road budget too expensive for a city already in debt.",
    ]
    scores = learned.score(texts)
    assert sorted(range(4), key=scores.__getitem__)[:2] in ([1, 2], [2, 1])
    assert max(scores[1], scores[2]) < min(scores[0], scores[3]) + learned.BOILERPLATE_SCORE / 2
