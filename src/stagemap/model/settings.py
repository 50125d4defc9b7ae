"""A project's settings as read: the frozen `Config` and its parts. No I/O."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..lazyre import lazy
from .journey import JourneyModel, Persona, Phase, Question, QuestionRole, RankWeights

CONFIG_NAME = "stagemap.yml"
CACHE_DIR = ".stagemap-cache"
"""The folder of stagemap's caches in a project, unless the ``cache`` setting names another."""
NO_CACHE_ENV = "STAGEMAP_NO_CACHE"
"""Environment variable that turns the parse cache off (neither read nor saved) when set to 1."""
LINT_RULES = ("hard-sell", "no-not-for", "own-block", "placeholder", "unknown-pages")
"""Lint rules, each of which the ``lint`` setting can switch off (``own-block``: the warning that
an Eleventy site's own paired shortcode is shown without its markup, `stagemap.read.ownblocks`;
``unknown-pages``: that a link was taken to reach a page an Eleventy pagination makes, not known
here, `stagemap.read.eleventypaged.paged_notes`)."""
SIGNALS_DIR = "signals"
"""The project's folder of stored signal files (``stagemap signals`` imports exports into it)."""
PAGE_SIZE = 100
"""How many assets one page of a site list shows unless ``site.page_size`` says otherwise."""
MAX_PAGE_SIZE = 10_000
"""The largest ``site.page_size`` accepted."""
LOOSE_HEADING_IDS = "github"
"""The ``heading_ids`` of a site whose generator makes ids GitHub's way, more or less: links to
its headings are matched by their letters and digits."""
HEADING_IDS = (LOOSE_HEADING_IDS, "blackfriday", "github-ascii", "toc", "toc-unicode", "uslugify")
"""The values of the ``heading_ids`` setting: how the site's generator makes a heading's id
from its text (`stagemap.render.headingids`)."""
ID_RE = lazy(r"^[a-z0-9][a-z0-9_-]*$")
"""What a stage, question or persona id looks like."""
SETTINGS = (
    "name",
    "purpose",
    "model",
    "stages",
    "questions",
    "personas",
    "not_applicable",
    "content",
    "sources",
    "extensions",
    "mdx",
    "generator",
    "site_root",
    "aliases",
    "known_keys",
    "non_assets",
    "audiences",
    "drafts",
    "pages_without_front_matter",
    "default_language",
    "urls",
    "heading_ids",
    "rules",
    "max_age",
    "templates",
    "thresholds",
    "min_after_share",
    "messages",
    "plays",
    "rank",
    "lint",
    "site",
    "history",
    "cache",
)
"""Every top-level key of stagemap.yml, in the order an edit places a new one."""


@dataclass(frozen=True, slots=True)
class HistorySpan:
    """What the site's coverage history shows (``history`` in stagemap.yml)."""

    by: str = "week"
    """``commit``, ``week`` or ``month``: one point per commit, or per week or month."""
    months: int = 12
    """How far back it goes from the site's as-of day, in months of 30 days."""


@dataclass(frozen=True, slots=True)
class Thresholds:
    """How many eligible assets make a cell covered."""

    covered: int = 2
    """Default: a cell with at least this many assets is covered, fewer (but some) is thin."""
    stages: Mapping[str, int] = field(default_factory=dict)
    """Per-stage values; they win over per-question values."""
    questions: Mapping[str, int] = field(default_factory=dict)
    """Per-question values."""

    def for_cell(self, stage: str, question: str) -> int:
        """Return the covered threshold of one stage x question cell."""
        if stage in self.stages:
            return self.stages[stage]
        return self.questions.get(question, self.covered)


@dataclass(frozen=True, slots=True)
class Source:
    """One content folder and the globs that say which of its files are read."""

    path: Path
    """Absolute path of the folder."""
    include: tuple[str, ...] = ()
    """Gitignore-style globs of files to read; empty means every content file."""
    exclude: tuple[str, ...] = ()
    """Gitignore-style globs of files to leave out, each named in the fate of what it leaves out."""
    audience: str = ""
    """Audience of every asset in it unless a file or an ``audiences`` glob says otherwise."""
    url: str = ""
    """URL pattern of its assets (see `ReadRules.url_pattern`); empty: the project's."""
    id_prefix: str = ""
    """Put in front of the ids its files get from their paths (``blog/``), so that two sources
    may hold files of the same name."""


RULE_LISTS = ("stages", "questions", "personas")
"""Fields holding a list of ids: a rule's ``set`` replaces what earlier rules gave, its ``add`` adds."""
RULE_TEXTS = ("format", "audience", "status")
"""Fields a rule sets to one value: a later matching rule replaces it."""


@dataclass(frozen=True, slots=True)
class Rule:
    """One entry of the ``rules`` setting: what a file must look like, and what it then gets."""

    number: int
    """Its position in the list, from 1, as messages and provenance name it."""
    text: str
    """The rule in one line, as `read.rules` writes it back, for explanations."""
    where: str = ""
    """``file:line`` of the rule in the settings (or the rules file)."""
    paths: tuple[str, ...] = ()
    """Gitignore-style globs of the path under the file's source; empty: any path."""
    title: str = ""
    """Regular expression searched in the title, ignoring case; empty: any title."""
    keys: tuple[tuple[str, tuple[str, ...]], ...] = ()
    """(front matter key, values): the key must hold one of the values (a list: any item)."""
    has_body: bool | None = None
    """True: only files with a body; False: only files without one; None: either."""
    has_date: bool | None = None
    """True: only dated files (``updated`` or an alias of it); False: only undated ones."""
    sets: tuple[tuple[str, tuple[str, ...] | str], ...] = ()
    """(field, value) pairs it gives a matching file, replacing what earlier rules gave: ids for
    `RULE_LISTS`, text for `RULE_TEXTS`."""
    adds: tuple[tuple[str, tuple[str, ...]], ...] = ()
    """(field, ids) pairs of `RULE_LISTS` it adds to what earlier rules gave a matching file."""
    asset: bool | None = None
    """False: a matching file is not an asset (a non-asset fate naming the rule); True takes that back."""


def plain_value(value: Any) -> str:
    """Return a front matter value as the lower-case text a rule compares (``true``, ``3``, ``pricing``)."""
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value).strip().lower()


@dataclass(frozen=True, slots=True)
class ReadRules:
    """How content files are read: everything besides the ids that parsing a file depends on."""

    generator: str = ""
    """The site generator whose conventions apply (``hugo``, ``jekyll``...); empty: stagemap's own."""
    extensions: tuple[str, ...] = (".md", ".markdown")
    """File endings of content files, lower case with the dot."""
    mdx: tuple[str, ...] = (".mdx",)
    """File endings of the content files read as MDX (components, expressions, imports), lower
    case with the dot: ``.mdx``, and every one on a Docusaurus site or where ``mdx`` says so."""
    aliases: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    """Per stagemap field, the site's keys read when the field itself is absent, first found wins."""
    known_keys: frozenset[str] = frozenset()
    """The site's own keys: never reported as a near miss of a stagemap field."""
    non_assets: tuple[tuple[str, tuple[str, ...]], ...] = ()
    """(kind, globs) pairs: content files matching a kind's globs are listings, partials..."""
    audiences: tuple[tuple[str, tuple[str, ...]], ...] = ()
    """(audience, globs) pairs: the audience of assets whose path under their source matches."""
    drafts: tuple[str, ...] = ()
    """Globs of files that are drafts by their place (Jekyll's ``_drafts/``) unless they set a status."""
    base_url: str = ""
    """The site's address, e.g. ``https://example.com/``; or the path alone it is served under,
    its address not known (``/docs/``: pages' ``url`` are routes under it, links written with it
    from the root reach them); empty: assets get no ``url`` by pattern."""
    url_pattern: str = ""
    """Route of an asset: ``{path}``, ``{dir}``, ``{name}``, ``{slug}``, ``{section}``, ``{year}``,
    ``{month}``, ``{day}``, ``{date}`` filled in (see `stagemap.read.urls`)."""
    url_lowercase: bool = False
    """Routes made from a pattern are lower-cased (``urls.lowercase``; Hugo does so by default)."""
    timezone: str = ""
    """The site's time zone (Jekyll's ``timezone``, ``urls.timezone``): a post's ``date`` with a
    time and a zone gives its route's day in it; empty: UTC, as GitHub Pages builds."""
    route_roots: tuple[str, ...] = ()
    """Folders (relative to the project, ``/``-separated) whose files' paths are their routes."""
    static_dirs: tuple[str, ...] = ()
    """Folders (relative to the project) served from the site root: ``/images/x.png`` is looked up in them."""
    tags_required: bool = True
    """A file without ``stages`` or ``questions`` is a problem; False: it is an untagged asset."""
    front_matter_required: bool = True
    """A content file without front matter is a problem; False: it is a non-asset (or, with
    `bare_pages`, an untagged asset)."""
    bare_pages: bool = False
    """A content file without front matter is a page: an untagged asset, titled by its first
    heading, else by its name (MkDocs, Hugo and Docusaurus publish such files). Pages with front
    matter but no title are titled so too."""
    old_hugo: str = ""
    """The Hugo older than 0.123 a Hugo site pins, and where (``0.111.3 (netlify.toml)``): its page
    lexer reads front matter inside an HTML comment opening a page (`stagemap.read.hugopin`);
    empty: such a page is read as current Hugo reads it, without front matter."""
    include_markdown: bool = False
    """The MkDocs site names the include-markdown plugin (`stagemap.read.mkdocsalerts`): its tags
    (``{% include-markdown "x.md" %}``) show the files they name; without it, as written."""
    template_engines: tuple[str, str] = ("liquid", "liquid")
    """The engines an Eleventy site runs over its Markdown and its HTML pages before reading them
    (its configuration's ``markdownTemplateEngine`` and ``htmlTemplateEngine``: ``liquid``,
    ``njk``, empty for ``false``; `stagemap.read.templateengines`); on an MkDocs site, the one its
    macros plugin runs over every Markdown page and the one a page may ask for with
    ``render_macros: true`` (``jinja``; empty for none: `stagemap.read.mkdocsmacros`)."""
    macros_includes: str = ""
    """The folder (relative to the project) whose files an MkDocs page's ``{% include 'x.md' %}``
    shows where its macros plugin runs (the plugin's ``include_dir``, else the docs folder; empty:
    none is read, `stagemap.read.mkdocsmacros.include_folder`)."""
    unread_pages: tuple[str, ...] = ()
    """Endings of the templates the site makes pages of that stagemap does not read (an Eleventy
    site's ``.webc`` and ``.11ty.js``): such a file is a page at its route, not an asset."""
    default_language: str = ""
    """The site's default language, when its files name their language before their ending
    (``setup.en.md``, as Hugo and MkDocs' i18n plugin name them): such a file of this language is
    the page its name without the language gives (``setup.md``), for its route, id, title and the
    links to it (`stagemap.read.filelanguages`); empty: a name is read as it is."""
    site_root: str = ""
    """The folder of the site's configuration (relative to the project, ``/``-separated; empty:
    the project's own): a repository holding more than its site (``website/``)."""
    rules: tuple[Rule, ...] = ()
    """The ``rules`` setting, in order: every matching rule applies, a file's own values win."""
    max_age: tuple[int, str] = (0, "")
    """(count, ``days``/``weeks``/``months``/``years``): a dated asset with no ``review_by`` is
    due for review that long after its date; (0, "") when not set."""

    @property
    def public_base(self) -> str:
        """`base_url` when it is an address a buyer can open (``https://...``), else empty (none,
        or the path alone the site is served under)."""
        return self.base_url if self.base_url.startswith(("https://", "http://")) else ""


@dataclass(frozen=True, slots=True)
class Config:
    """A project's settings with its journey model resolved."""

    root: Path
    """The project folder (where stagemap.yml is)."""
    config_path: Path | None
    """The stagemap.yml file, or None when running on defaults."""
    name: str
    """Project (company) name."""
    purpose: str
    """Why the company exists: shown first in kits."""
    model: JourneyModel
    """The journey model, with overrides applied."""
    questions: tuple[Question, ...]
    """Every buyer question asked at some stage, in order: those asked before the purchase
    first. Assets answer them by id."""
    personas: tuple[Persona, ...]
    """Personas, in order."""
    not_applicable: frozenset[tuple[str, str]]
    """(stage id, question id) cells that are empty on purpose."""
    content_dir: Path
    """Absolute path of the content folder."""
    templates_dir: Path
    """Absolute path of the project's template overrides."""
    thresholds: Thresholds
    """Coverage thresholds."""
    min_after_share: float
    """Share of eligible assets after the purchase below which the report warns."""
    messages: Mapping[str, str]
    """Company-level message per question id."""
    site_title: str
    """Title of the static site."""
    allow_html: bool
    """Render raw HTML in content (trusting the authors). Off by default."""
    cache_dir: Path | None = None
    """Absolute path of the parse cache folder, or None when the cache is off."""
    sources: tuple[Source, ...] = ()
    """Content folders read, in order; empty means the content folder alone, every file in it."""
    rules: ReadRules = field(default_factory=ReadRules)
    """How content files are read."""
    weights: RankWeights = field(default_factory=RankWeights)
    """Stage and persona weights of the report's ranking (``rank`` in stagemap.yml)."""
    lint_off: frozenset[str] = frozenset()
    """Lint rules switched off (``lint`` in stagemap.yml)."""
    history: HistorySpan | None = field(default_factory=HistorySpan)
    """The span of the site's history page, or None when it is switched off."""
    page_size: int = PAGE_SIZE
    """How many assets one page of a site list shows (``site.page_size``): longer lists go on
    over numbered pages, so no page grows with the library."""
    phase_questions: Mapping[Phase, tuple[str, ...]] = field(default_factory=dict)
    """Ids of the questions asked at the stages of each phase, in order; a phase not listed
    asks every question (as a ``questions`` list in the settings does)."""
    heading_ids: str = ""
    """How the site's generator makes a heading's id (one of `HEADING_IDS`, the ``heading_ids``
    setting): ``toc`` on an MkDocs site, `LOOSE_HEADING_IDS` with any other generator, empty
    (stagemap's own ids) without one."""
    places: Mapping[str, tuple[str, int, int]] = field(default_factory=dict)
    """Where the settings that project-wide warnings are about were written: ``purpose``,
    ``messages`` and each stage id, to (file relative to the root, line, column). A setting
    left out points at the top of stagemap.yml; a stage of a built-in model at its ``model``
    line; nothing here (no settings file) gives no line."""

    @property
    def all_sources(self) -> tuple[Source, ...]:
        """The sources read: the ``sources`` setting, or the content folder as the one source."""
        return self.sources or (Source(self.content_dir),)

    @property
    def question_ids(self) -> tuple[str, ...]:
        """Question ids in order."""
        return tuple(q.id for q in self.questions)

    @property
    def persona_ids(self) -> tuple[str, ...]:
        """Persona ids in order."""
        return tuple(p.id for p in self.personas)

    def question(self, question_id: str) -> Question | None:
        """Return the question with this id, or None."""
        return next((q for q in self.questions if q.id == question_id), None)

    def questions_at(self, stage_id: str) -> tuple[Question, ...]:
        """Return the questions asked at a stage: those of its phase."""
        stage = self.model.stage(stage_id)
        ids = self.phase_questions.get(stage.phase) if stage is not None else None
        if ids is None:
            return self.questions
        return tuple(q for i in ids if (q := self.question(i)) is not None)

    def asks(self, stage_id: str, question_id: str) -> bool:
        """Return True if the question is asked at the stage (the stage x question cell exists)."""
        return any(q.id == question_id for q in self.questions_at(stage_id))

    def question_with_role(self, role: QuestionRole) -> Question | None:
        """Return the question playing ``role`` (at most one does), or None."""
        return next((q for q in self.questions if q.role == role), None)

    def persona(self, persona_id: str) -> Persona | None:
        """Return the persona with this id, or None."""
        return next((p for p in self.personas if p.id == persona_id), None)


def output_name(site_root: str, name: str) -> str:
    """Return the folder ``build`` (``site``) or ``kits`` (``kits``) writes to when not told:
    ``name``, or ``stagemap-name`` when the site's own folder (``site_root``) is there (a Hugo
    site kept in ``site/``), which no build may write over."""
    return f"stagemap-{name}" if site_root == name or site_root.startswith(name + "/") else name
