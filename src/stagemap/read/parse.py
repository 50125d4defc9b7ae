"""Parse one content file's bytes into an asset and its problems. One bad file never stops the others."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from ..errors import Problem, suggest
from ..model.library import (
    AUDIENCES,
    INTERNAL_FORMATS,
    ORIGIN_FIELDS,
    STATUSES,
    TEXT_FIELDS,
    Asset,
    Vocabulary,
)
from ..model.settings import ReadRules
from . import formats, frontmatter, yamlsafe
from .aliases import apply_aliases, fold_keys, keys_any_case
from .bare import bare_page, shown_as_text, shown_title, untitled
from .blocks import exceeded_as_rendered
from .cascade import inherit, inherited_values, page_extra
from .ctas import cta_links, hero_action, with_hero_link
from .fields import Add, FieldReader, id_folder, read_id, spaced_ids
from .frontmatter import NO_FRONT_MATTER
from .gatsby import page_creator_page
from .htmlpage import is_html_page
from .mkdocsmacros import JINJA
from .nearmiss import warn_near_misses
from .nopage import first_no_page
from .ownblocks import own_block_problems
from .postdates import add_age, document_dates, name_day
from .presets import (
    preset_front_matter,
    preset_last_wins,
    preset_own_statuses,
    site_own_next,
    starlight_draft,
)
from .ruling import apply_rules
from .sitedata import names_in
from .sources import ToRead
from .templateengines import page_engine
from .urls import page_url

NOT_ASSET_BY_RULE = "rule-non-asset"
"""Code of the note a file that a rule makes a non-asset gets; it becomes a fate, not a problem."""
_URL_OF_ITS_OWN = frozenset({"jekyll", "eleventy"})
"""Generators that give every page its ``page.url`` from its ``permalink`` (or their own rules)
alone: RubyGems' guides set ``url: /x`` on 93 pages for their templates, served at ``/x/``."""
STAGEMAP_RULES = ReadRules()
"""How a stagemap project's own content is read when no settings say otherwise."""


@dataclass(frozen=True, slots=True)
class Place:
    """Where a file sits, for what its path decides: its address and its audience."""

    sub: str = ""
    """Its path under its source folder."""
    audience: str = ""
    """Its audience by the source or a glob; empty: ``buyer`` unless the file says."""
    url_pattern: str = ""
    """Its source's URL pattern; empty: the project's."""
    draft: bool = False
    """A ``drafts`` glob matches it: its status is ``draft`` unless it sets one."""
    inherited: str = ""
    """What the sections above it pass down (`stagemap.read.cascade`), as JSON."""
    permalink: str = ""
    """How the site's configuration routes it (Hugo's ``permalinks``, MkDocs' blog); empty: its source."""
    ugly: bool = False
    """Its address ends in ``.html`` rather than ``/`` (Hugo's ``uglyURLs``)."""
    named: str = ""
    """Its path as the site names it, when not ``sub`` (`ToRead.named`): its route and id are
    made from it (rules match ``sub``, the file's own path)."""

    @classmethod
    def of(cls, item: ToRead) -> Place:
        """Return the place of a file the scan found (every reader parses with the same one)."""
        own = (item.sub, item.audience, item.source.url, item.draft, item.inherited, item.permalink)
        return cls(*own, item.ugly, item.named)


def parse_asset(
    rel: str,
    default_id: str,
    data: bytes,
    vocab: Vocabulary,
    rules: ReadRules = STAGEMAP_RULES,
    place: Place | None = None,
) -> tuple[Asset | None, list[Problem]]:
    """Parse one file's bytes into an asset (or None) and its problems. Never raises."""
    problems: list[Problem] = []

    def add(
        line: int, col: int, message: str, hint: str = "", code: str = "", severity: str = "error"
    ) -> None:
        problems.append(Problem(rel, line, col, severity, message, hint, code))  # type: ignore[arg-type]

    syntaxes = preset_front_matter(rules.generator, bool(rules.old_hugo))
    found = _front_matter(data, add, syntaxes, rules.tags_required, rules.generator)
    bare = rules.bare_pages or page_creator_page(rel, rules)  # (Gatsby's src/pages: MDX without front matter)
    if found is None and bare and [p.code for p in problems] in ([NO_FRONT_MATTER], ["empty"]):
        found, problems[:] = bare_page(data), []
    elif found is None and (kept := shown_as_text(data, problems, rules.generator)) is not None:
        found, problems[:] = kept
    if found is None:
        return None, problems
    split, loaded = found[0], fold_keys(found[1], rules)
    warn_near_misses(loaded, add, rules)
    own_keys = frozenset(loaded.data)
    if place is not None and place.inherited:
        loaded = inherit(loaded, place.inherited)
    if (no_page := first_no_page(rel, loaded.data, rules.generator, place.sub if place else rel)) is not None:
        return None, [no_page]
    if rules.aliases:
        loaded = apply_aliases(loaded, rules.aliases, rules.generator)
    if rules.generator == "jekyll" and "publish_on" not in own_keys:
        loaded = document_dates(loaded, rel, place.sub if place is not None else "", rules.aliases)
    place = place or Place(default_id)
    own = loaded
    given: tuple[tuple[str, int], ...] = ()
    if rules.rules:
        verdict = apply_rules(rules.rules, loaded, place.sub, split.body, keys_any_case(rules.generator))
        if verdict.not_asset is not None:
            rule = verdict.not_asset
            named = f"rule {rule.number} ({rule.where})" if rule.where else f"rule {rule.number}"
            return None, [Problem(rel, 0, 0, "warning", named, rule.text, NOT_ASSET_BY_RULE)]
        loaded, given = verdict.loaded, verdict.given
    origins = _origins(own, given, own_keys, place.inherited, rules.aliases)
    asset = _asset(rel, default_id, split, loaded, vocab, add, rules, place, origins)
    if asset is not None:  # a file left out is not rendered
        _body_limits(split, add, html_page=is_html_page(rel))
        if rules.generator == "eleventy":  # a shortcode of the site's own: said once a site
            engine = page_engine(rules.generator, rel, loaded.data, rules.template_engines)
            problems += own_block_problems(rel, split.body, split.body_line, engine)
    return asset, problems


def _origins(
    own: yamlsafe.Loaded,
    given: tuple[tuple[str, int], ...],
    own_keys: frozenset[Any],
    inherited: str,
    aliases: Mapping[str, tuple[str, ...]],
) -> list[tuple[str, str, int]]:
    """Return where the fields an asset keeps the origin of came from: the rules, the file's lines,
    else a section's cascade or the site's configuration (``cascade:`` or ``defaults:`` and the
    file's path as the kind, the line), the field or one of its aliases (``draft`` for ``status``)."""
    origins = [(field, "rule", number) for field, number in given]
    ruled = {field for field, _ in given}
    passed = {key: (f"{label}:{path}", line) for key, _, path, line, label in inherited_values(inherited)}
    for field in ORIGIN_FIELDS:
        if field in ruled or own.data.get(field) in (None, "", []) or not own.values:
            continue
        keys = (field, *aliases.get(field, ()))
        section = (
            None if own_keys.intersection(keys) else next((passed[k] for k in keys if k in passed), None)
        )
        if section is not None:
            origins.append((field, section[0], section[1]))
        else:
            origins.append((field, "line", own.pos(field).line))
    return origins


def _body_limits(split: frontmatter.Split, add: Add, *, html_page: bool = False) -> None:
    """Report a body that the site shows as plain text because it goes beyond a limit."""
    found = exceeded_as_rendered(split.body, html_page=html_page)
    if found is not None:
        hint = "split the file, or simplify it; see Limits in docs/markdown.md"
        reason = f"rendered as plain text: {found.reason}"
        add(split.body_line + found.line, found.col, reason, hint, "too-complex", "warning")


def _front_matter(
    data: bytes, add: Add, syntaxes: tuple[str, ...], tagged: bool = True, generator: str = ""
) -> tuple[frontmatter.Split, yamlsafe.Loaded] | None:
    """Split the file and load its front matter, a mapping; None (reported) when it is not.
    With a ``generator``, YAML's anchors and aliases are read, as every generator's YAML reads
    them, and on some (`preset_last_wins`) a key given twice has its last value, with a warning."""
    try:
        split = frontmatter.split(data, syntaxes)
    except frontmatter.SplitProblem as exc:
        add(exc.line, exc.col, exc.message, exc.hint, exc.code)
        return None
    try:
        loaded = formats.load(split, preset_last_wins(generator), aliases=bool(generator))
    except yamlsafe.YamlProblem as exc:
        add(exc.line, exc.col, exc.message, exc.hint, exc.code)
        return None
    if loaded.data in (None, {}) and not tagged:
        # On a site, an empty block is how a page says "render me" (Jekyll copies a file
        # without one as it is): a page with no fields, titled as one without front matter.
        return split, yamlsafe.Loaded({}, {(): yamlsafe.Pos(max(split.yaml_line - 1, 1), 1, 0, 0)})
    if loaded.data is None or (split.syntax != "yaml" and loaded.data == {}):
        add(
            max(split.yaml_line - 1, 1),
            1,
            "front matter is empty",
            # With a generator, stages and questions may come from rules (and the title from a heading).
            "add at least title, stages and questions"
            if tagged
            else "add a title, or remove the empty block",
            "empty-front-matter",
        )
        return None
    for key, again, first in loaded.repeated:
        hint = f"the site keeps this value, not line {first.line}'s: keep one"
        add(again.line, again.col, f"duplicate key '{key}'", hint, "duplicate-key", "warning")
    if not isinstance(loaded.data, dict):
        pos = loaded.pos()
        hint = "e.g. title: Our pricing explained"
        add(pos.line, pos.col, "front matter must be 'key: value' lines", hint, "not-a-mapping")
        return None
    return split, loaded


# long: one pass over the fields in the order they are reported; splitting it would scatter them
def _asset(
    rel: str,
    default_id: str,
    split: frontmatter.Split,
    loaded: yamlsafe.Loaded,
    vocab: Vocabulary,
    add: Add,
    rules: ReadRules,
    place: Place,
    origins: list[tuple[str, str, int]],
) -> Asset | None:
    """Read the fields; None when a required one is missing or wrong.

    ``origins`` says where fields came from; a review date that ``max_age`` gives is added to it.
    On a site (tags not required) a page without a title is titled by its first heading, else
    by its name, as the site shows it.
    """
    fm: dict[str, Any] = loaded.data
    fields = FieldReader(loaded, split.yaml, add, max(split.yaml_line - 1, 1))
    title = fields.text("title", required=rules.tags_required or "title" in fm)
    if title is None and not rules.tags_required:
        title = untitled(split.body, default_id, rules.generator, rel)
    elif title is not None and rules.generator:
        title = shown_title(title, rules.generator)
    stages = fields.ids("stages", vocab.stages, "stage", required=rules.tags_required)
    questions = fields.ids("questions", vocab.questions, "question", required=rules.tags_required)
    personas = fields.ids("personas", vocab.personas, "persona", required=False)
    _answers(fields, loaded, vocab, stages, add)
    status = fields.text("status") or ""
    if status in preset_own_statuses(rules.generator) or (rules.generator and status and _site_own(status)):
        status = ""  # Material for MkDocs' badge on the page, a site's own workflow: not stagemap's status
    status = status or ("draft" if place.draft else "published")
    if status not in STATUSES:
        pos = loaded.pos("status")
        add(pos.line, pos.col, f"unknown status '{status}'", suggest(status, STATUSES), "unknown-status")
        status = "draft"
    texts = {key: fields.text(key) or "" for key in TEXT_FIELDS}
    updated, review_by = fields.date("updated"), fields.date("review_by")
    publish_on = fields.date("publish_on", told=("updated",))
    if updated is None and rules.generator == "jekyll":
        updated = name_day(rel)  # a post's date is in its name
    if review_by is None and updated is not None and rules.max_age[0]:
        review_by = add_age(updated, *rules.max_age)
        origins.append(("review_by", "max_age", 0))
    spaces = spaced_ids(rules.generator)
    next_step = None if rules.generator and site_own_next(fm.get("next"), spaces) else fields.text("next")
    site_sub = place.named or place.sub
    folder = id_folder(default_id, site_sub, rules.generator)
    asset_id = read_id(fields, loaded, default_id, add, folder, spaces)
    audience = _audience(fields, loaded, place, add, bool(rules.generator)) or (
        "internal" if texts["format"].lower() in INTERNAL_FORMATS else "buyer"
    )
    if title is None or asset_id is None or (rules.tags_required and (not stages or not questions)):
        return None
    next_pos = loaded.pos("next") if "next" in fm else loaded.pos()
    cta_pos = loaded.pos("cta") if "cta" in fm else loaded.pos()
    links = cta_links(split.body, page_engine(rules.generator, rel, fm, rules.template_engines))
    hero = hero_action(fm) if rules.generator == "astro" else None  # Starlight's hero: its CTA
    if hero is not None:
        links = with_hero_link(links, hero[2])
        if not texts["cta"] and hero[1]:
            texts["cta"] = hero[1]
            cta_pos = loaded.pos("hero", "actions", hero[0], "text")
    given = fields.text("url") or ""
    if rules.generator in _URL_OF_ITS_OWN:  # a ``url`` key is the site's data, never the page's route
        given = fm["permalink"] if isinstance(fm.get("permalink"), str) else ""
    shown = (
        {**fm, "title": title} if rules.generator == "mkdocs" and "title" not in fm else fm
    )  # a post's heading
    hidden = place.draft or starlight_draft(rules.generator, rel, fm)  # (the site builds no page of it)
    at = (shown, rules, site_sub, place.url_pattern, hidden, place.permalink, place.ugly)
    url = page_url(given, *at)
    # Without the site's address, the route alone: links in other bodies still reach the page.
    route = "" if url or not rules.generator else page_url(given, *at, base="/")
    if not url and not route and rules.generator == "eleventy":  # made by a filter of the site's
        route = page_url(given, *at, base="/", loose=True)  # ``/blog/*/x/``: see `Routes.loose`
    return Asset(
        id=asset_id,
        path=rel,
        title=title,
        stages=stages,
        questions=questions,
        personas=personas,
        status=status,
        updated=updated,
        review_by=review_by,
        publish_on=publish_on,
        next=next_step or "",
        body=split.body,
        body_line=split.body_line,
        next_pos=(next_pos.line, next_pos.col),
        cta_pos=(cta_pos.line, cta_pos.col),
        id_pos=(loaded.pos("id").line, loaded.pos("id").col) if ("id",) in loaded.values else (0, 0),
        extra=page_extra(
            fm,
            page_engine(rules.generator, rel, fm, rules.template_engines) == JINJA,
            place.inherited,
            loaded.values,
        ),
        url=url,
        route=route,
        audience=audience,
        links=links,
        data_names=names_in(split.body, rules.generator),
        origins=tuple(sorted(origins, key=lambda o: ORIGIN_FIELDS.index(o[0]))),
        format=texts["format"],
        owner=texts["owner"],
        message=texts["message"],
        summary=texts["summary"],
        cta=texts["cta"],
    )


def _site_own(status: str) -> bool:
    """Whether a site's ``status`` is its own word for a finished page (``Completed``), which
    says nothing stagemap's statuses do not: any other word (``WIP``, ``Deprecated``,
    ``DRAFT``) may mean the page is not to be sent, and stays an error."""
    return " ".join(status.lower().split()) in _FINISHED


_FINISHED = frozenset({"completed", "complete", "done", "final", "finished", "live", "approved", "stable"})
"""Sites' own workflow words for a page that is done (the CNCF glossary's ``Completed``)."""


def _answers(
    fields: FieldReader, loaded: yamlsafe.Loaded, vocab: Vocabulary, stages: tuple[str, ...], add: Add
) -> None:
    """Check the ``answers`` list: objections and obstacles of the model, at the asset's stages.

    The ids stay in `Asset.extra`, where kits and plays read them; an unknown one is an error,
    one that only other stages have is a warning (no kit of the asset's stages would show it).
    """
    if "answers" not in fields.fm:
        return
    known = tuple(dict.fromkeys(i for _, i in vocab.answers))
    own = tuple(dict.fromkeys(i for s, i in vocab.answers if s in stages))

    def hint(item: str) -> str:
        close = suggest(item, known)
        if close.startswith("did you mean") or not own:
            return close if known else "the journey model gives no objection or obstacle an id"
        return "ids at this asset's stages: " + ", ".join(own)

    found = fields.ids(
        "answers", known, "objection or obstacle", required=False, code="unknown-answer", hint=hint
    )
    value = fields.fm["answers"]
    for index, item in enumerate(
        [value] if isinstance(value, str) else value if isinstance(value, list) else []
    ):
        answer = item.strip() if isinstance(item, str) else ""
        if answer not in found or answer in own or not stages:
            continue
        pos = loaded.pos("answers") if isinstance(value, str) else loaded.pos("answers", index)
        elsewhere = sorted({s for s, i in vocab.answers if i == answer})
        where = f"stage '{elsewhere[0]}'" if len(elsewhere) == 1 else "stages " + ", ".join(elsewhere)
        message = f"'{answer}' belongs to {where}, which this asset does not serve"
        add(
            pos.line,
            pos.col,
            message,
            "add the stage to 'stages', or answer one of its own",
            "answers-elsewhere",
            "warning",
        )


def _audience(fields: FieldReader, loaded: yamlsafe.Loaded, place: Place, add: Add, site: bool) -> str:
    """Return the ``audience`` field, else the one the file's place gives, else nothing (its format
    decides). On a ``site``, a value none of stagemap's is the site's own (Knative's ``developer``)."""
    given = fields.text("audience")
    if given and given not in AUDIENCES and not site:
        pos = loaded.pos("audience")
        add(pos.line, pos.col, f"unknown audience '{given}'", suggest(given, AUDIENCES), "unknown-audience")
    return given if given in AUDIENCES else place.audience
