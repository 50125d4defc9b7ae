"""Rules in settings: tags a library gets from its paths and its own keys, without editing a file."""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

import pytest

from stagemap.errors import ConfigError
from stagemap.model.library import Library, Vocabulary
from stagemap.read.assets import load_library, read_library
from stagemap.read.cache import cache_key
from stagemap.read.parse import add_age
from stagemap.read.settings import load_config
from stagemap.write.cache import save_parse_cache
from tests.conftest import MINIMAL_CONFIG, write

SITE = "generator: hugo\nsources: [site]\n"
POST = "---\ntitle: {title}\n{more}---\nBody.\n"


def library(root: Path, settings: str, files: dict[str, str]) -> Library:
    write(root, {"stagemap.yml": MINIMAL_CONFIG + "cache: false\n" + SITE + settings, **files})
    return load_library(load_config(root))


def test_rules_cascade_set_replaces_and_add_adds(tmp_path: Path) -> None:
    rules = """\
rules:
  - match: {path: blog/}
    set: {stages: [awareness], questions: [problems], format: article}
  - match: {tags: pricing}
    add: {stages: [evaluation]}
    set: {format: pricing-post}
  - match: {tags: news}
    set: {questions: [risk]}
"""
    lib = library(
        tmp_path,
        rules,
        {
            "site/blog/a.md": POST.format(title="A", more="tags: [news, Pricing]\n"),
            "site/blog/b.md": POST.format(title="B", more=""),
        },
    )
    a, b = lib.assets
    assert (a.stages, a.questions, a.format) == (("awareness", "evaluation"), ("risk",), "pricing-post")
    assert a.origins == (
        ("stages", "rule", 1),
        ("stages", "rule", 2),
        ("questions", "rule", 3),
        ("format", "rule", 2),
    )
    assert (b.stages, b.format) == (("awareness",), "article")


def test_rules_file_own_value_wins(tmp_path: Path) -> None:
    rules = "rules:\n  - match: {path: blog/}\n    set: {stages: [awareness], audience: internal}\n"
    lib = library(tmp_path, rules, {"site/blog/a.md": POST.format(title="A", more="stages: [purchase]\n")})
    (asset,) = lib.assets
    assert asset.stages == ("purchase",)
    assert asset.audience == "internal"
    assert asset.origin("stages") == (("line", 3),)
    assert asset.origin("audience") == (("rule", 1),)


def test_rules_match_title_shape_and_section(tmp_path: Path) -> None:
    rules = """\
rules:
  - match: {title: '\\bvs\\b|alternative to', has_body: true}
    set: {stages: [evaluation]}
  - match: {section: compare, has_date: false}
    set: {questions: [who-for]}
"""
    lib = library(
        tmp_path,
        rules,
        {
            "site/compare/a.md": POST.format(title="Us VS them", more=""),
            "site/compare/b.md": POST.format(title="Versus", more="date: 2024-01-02\n"),
        },
    )
    a, b = lib.assets
    assert (a.stages, a.questions) == (("evaluation",), ("who-for",))
    assert (b.stages, b.questions) == ((), ())


def test_rules_match_a_part_of_a_list_written_in_one_line(tmp_path: Path) -> None:
    """Capgo's posts say ``tag: Development, Mobile, Updates``: a rule for ``tag: Mobile`` matched none."""
    rules = """\
rules:
  - match: {tag: mobile}
    set: {stages: [awareness]}
  - match: {category: 'Sales, marketing'}
    set: {questions: [risk]}
"""
    lib = library(
        tmp_path,
        rules,
        {
            "site/a.md": POST.format(title="A", more="tag: Development, Mobile, Updates\n"),
            "site/b.md": POST.format(title="B", more="tag: Mobile apps\ncategory: Sales, marketing\n"),
            "site/c.md": POST.format(title="C", more="tag: [Web, ' mobile ']\n"),
        },
    )
    a, b, c = lib.assets
    assert (a.stages, a.questions) == (("awareness",), ())
    assert (b.stages, b.questions) == ((), ("risk",))  # the whole text still matches, a part of a word never
    assert c.stages == ("awareness",)


@pytest.mark.parametrize("generator, matched", [("hugo", True), ("jekyll", False)])
def test_rules_match_a_key_in_any_case_where_the_generator_reads_it_so(
    tmp_path: Path, generator: str, matched: bool
) -> None:
    """Hugo reads ``Category:`` as ``category``: a rule for either spelling matches the other."""
    rules = "rules:\n  - match: {category: pricing}\n    set: {stages: [evaluation]}\n"
    rules += "  - match: {Tags: plans}\n    set: {questions: [risk]}\n"
    more = "Category: pricing\ntags: plans\n"
    settings = MINIMAL_CONFIG + f"cache: false\ngenerator: {generator}\nsources: [site]\n" + rules
    write(tmp_path, {"stagemap.yml": settings, "site/a.md": POST.format(title="A", more=more)})
    (a,) = load_library(load_config(tmp_path)).assets
    assert (a.stages, a.questions) == ((("evaluation",), ("risk",)) if matched else ((), ()))


def test_rules_asset_false_is_a_non_asset_fate_naming_the_rule(tmp_path: Path) -> None:
    rules = "rules:\n  - match: {path: team/}\n    asset: false\n"
    lib = library(tmp_path, rules, {"site/team/ana.md": POST.format(title="Ana", more="")})
    assert lib.assets == ()
    (fate,) = lib.fates
    assert (fate.fate, fate.kind, fate.rule, fate.reason) == (
        "non-asset",
        "by rule",
        "rule 1 (stagemap.yml:14)",
        "rule 1 (stagemap.yml:14): path team/ -> not an asset",
    )
    assert lib.problems == ()


def test_rules_bad_rule_is_a_config_error_at_its_line(tmp_path: Path) -> None:
    rules = """\
rules:
  - match: {path: blog/}
    set: {stages: [awarness], colour: red}
  - match: {title: '(unclosed'}
    set: {status: live}
  - match: {tags: pricing}
"""
    write(tmp_path, {"stagemap.yml": MINIMAL_CONFIG + SITE + rules, "site/a.md": "x"})
    with pytest.raises(ConfigError) as caught:
        load_config(tmp_path)
    assert str(caught.value).splitlines()[1:] == [
        "stagemap.yml:14:20: error: unknown stage 'awarness' (did you mean 'awareness'?)",
        "stagemap.yml:14:31: error: a rule cannot set 'colour' (valid: stages, questions, personas, format, audience, status)",
        "stagemap.yml:15:20: error: 'title' is not a valid regular expression: missing ), unterminated subpattern at position 0 (escape ( [ . * + ? with a backslash)",
        "stagemap.yml:16:19: error: unknown status 'live' (valid: idea, draft, review, published, retired)",
        "stagemap.yml:17:5: error: rule 3 sets nothing (add 'set: {stages: [...]}' or 'asset: false')",
    ]


def test_rules_read_from_a_rules_file_with_its_own_positions(tmp_path: Path) -> None:
    write(
        tmp_path,
        {
            "stagemap.yml": MINIMAL_CONFIG + SITE + "rules: rules.yml\n",
            "rules.yml": "- match: {path: blog/}\n  set: {questions: [nope]}\n",
            "site/a.md": "x",
        },
    )
    with pytest.raises(ConfigError) as caught:
        load_config(tmp_path)
    assert "rules.yml:2:21: error: unknown question 'nope'" in str(caught.value)


def test_rules_change_the_parse_cache_key(tmp_path: Path) -> None:
    one = "rules:\n  - match: {path: blog/}\n    set: {stages: [awareness]}\n"
    two = one.replace("awareness", "evaluation")
    keys = []
    for rules in (one, two):
        write(tmp_path, {"stagemap.yml": MINIMAL_CONFIG + SITE + rules, "site/blog/a.md": "x"})
        config = load_config(tmp_path)
        keys.append(cache_key(Vocabulary.of(config), config.content_dir, config.rules, config.sources))
    assert keys[0] != keys[1]


def test_rules_cached_read_keeps_origins(tmp_path: Path) -> None:
    rules = "rules:\n  - match: {path: blog/}\n    set: {stages: [awareness]}\n"
    files = {"site/blog/a.md": POST.format(title="A", more="questions: [problems]\n")}
    write(tmp_path, {"stagemap.yml": MINIMAL_CONFIG + SITE + rules, **files})
    (tmp_path / "site/blog/a.md").touch()
    os.utime(tmp_path / "site/blog/a.md", (1_700_000_000, 1_700_000_000))
    config = load_config(tmp_path)
    library, update = read_library(config)
    assert update is not None
    assert save_parse_cache(update, tmp_path) is None
    again, second = read_library(config)
    assert second is None  # every file came from the cache
    want = (("stages", "rule", 1), ("questions", "line", 3))
    assert library.assets[0].origins == again.assets[0].origins == want


def test_rules_max_age_makes_dated_pages_due_for_review(tmp_path: Path) -> None:
    lib = library(
        tmp_path,
        "max_age: 18 months\n",
        {
            "site/a.md": POST.format(title="A", more="date: 2024-08-31\n"),
            "site/b.md": POST.format(title="B", more="date: 2024-08-31\nreview_by: 2030-01-01\n"),
        },
    )
    a, b = lib.assets
    assert a.review_by == dt.date(2026, 2, 28)
    assert a.origin("review_by") == (("max_age", 0),)
    assert b.review_by == dt.date(2030, 1, 1)
    assert a.is_stale(dt.date(2026, 3, 1)) and not b.is_stale(dt.date(2026, 3, 1))


@pytest.mark.parametrize("value", ["18", "forever", "0 days", "3 fortnights"])
def test_rules_bad_max_age_is_a_config_error(tmp_path: Path, value: str) -> None:
    write(tmp_path, {"stagemap.yml": MINIMAL_CONFIG + SITE + f"max_age: {value}\n", "site/a.md": "x"})
    with pytest.raises(ConfigError, match=r"stagemap.yml:12:10: error: 'max_age' must be a count and a unit"):
        load_config(tmp_path)


def test_rules_add_age_keeps_month_ends() -> None:
    assert add_age(dt.date(2024, 1, 31), 1, "months") == dt.date(2024, 2, 29)
    assert add_age(dt.date(2024, 12, 15), 2, "weeks") == dt.date(2024, 12, 29)
    assert add_age(dt.date(2024, 2, 29), 1, "years") == dt.date(2025, 2, 28)


def test_rules_add_age_past_the_calendar_is_its_last_day() -> None:
    assert add_age(dt.date(2024, 1, 31), 9999, "years") == dt.date.max
    assert add_age(dt.date(9999, 12, 1), 9999, "days") == dt.date.max


def test_rules_huge_max_age_reads_without_a_traceback(tmp_path: Path) -> None:
    lib = library(
        tmp_path, "max_age: 9999 years\n", {"site/a.md": POST.format(title="A", more="date: 2024-08-31\n")}
    )
    assert lib.assets[0].review_by == dt.date.max
    assert not lib.assets[0].is_stale(dt.date(2026, 3, 1))
