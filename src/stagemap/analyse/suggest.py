"""Suggest stages and questions for untagged assets, each with the reason a person can check.

Every heuristic is one row of `HEURISTICS` below: where it looks, the pattern it looks for,
and the stages and questions it suggests. Nothing is learnt and nothing is fetched: a reader
can audit every suggestion against this one table.

Where a heuristic looks:

- ``folder``: the folder names of the file's path and its name without the ending
  (``compare/``, ``pricing.md``), whole;
- ``taxonomy``: the values of the site's own ``tags``, ``categories``, ``type``, ``section``,
  ``format`` and ``layout`` keys;
- ``title``: the title and the body's headings;
- ``body``: the body text (quotes and testimonials);
- ``link``: the link targets in the body (calls to action such as ``/signup``). A link to
  ``/demo`` or ``/contact`` is deliberately no heuristic: it shows where a page sends the
  reader next, not the stage the page serves (on the fixture sites it was wrong 5 times of 5).

Stages are the ids of the built-in buyer-journey model, and a suggestion is made only when
the project's model has that id. Questions are named by their role (``who-we-are``,
``problems``, ``who-for``, ``risk``) and suggested as the project's question with that role.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from ..lazyre import lazy
from ..model.journey import QuestionRole
from ..model.library import Asset
from ..model.settings import Config
from ..read.bare import heading_text

Where = str
"""Where a heuristic looks: ``folder``, ``taxonomy``, ``title``, ``body`` or ``link``."""


@dataclass(frozen=True, slots=True)
class Heuristic:
    """One pattern and what it suggests."""

    where: Where
    """Where to look (see the module's docstring)."""
    pattern: str
    """A regular expression, searched ignoring case; in ``folder`` and ``taxonomy``, matched whole."""
    stages: tuple[str, ...]
    """Stage ids of the buyer-journey model it suggests."""
    questions: tuple[QuestionRole, ...]
    """Question roles it suggests."""
    what: str
    """What the pattern means, for the reason: 'a comparison', 'a customer story'."""


def _h(where: Where, pattern: str, stages: str, questions: str, what: str) -> Heuristic:
    roles: tuple[QuestionRole, ...] = tuple(questions.split())  # type: ignore[arg-type]
    return Heuristic(where, pattern, tuple(stages.split()), roles, what)


HEURISTICS: tuple[Heuristic, ...] = (
    # Comparisons and alternatives: a buyer weighing options.
    _h("folder", r"compare|comparisons?|vs|versus|alternatives?", "evaluation", "who-for", "a comparison"),
    _h("taxonomy", r"comparisons?|compare|alternatives?", "evaluation", "who-for", "a comparison"),
    _h("title", r"\bvs\.?\s(?!code\b)|\bversus\b|\balternatives? to\b|\bcompared\b|\binstead of\b|\bswitching from\b",
       "evaluation", "who-for", "a comparison"),
    # Customer stories: proof from someone like the buyer.
    _h("folder", r"customers?|case[-_ ]?stud(y|ies)|success[-_ ]stories|stories", "evaluation", "risk problems",
       "a customer story"),
    _h("taxonomy", r"case[-_ ]?stud(y|ies)|customer[-_ ]stor(y|ies)|success[-_ ]stor(y|ies)", "evaluation",
       "risk problems", "a customer story"),
    _h("title", r"\bcase study\b|\bcustomer story\b|\bsuccess story\b", "evaluation", "risk problems",
       "a customer story"),
    # Quotes and testimonials.
    _h("folder", r"testimonials?|reviews|quotes", "evaluation", "risk", "testimonials"),
    # (A component, capitalised: HTML's own <blockquote> quotes anything.)
    _h("body", r"(?-i:<(Quote|Testimonial|Blockquote)\b)|\btestimonial", "evaluation", "risk", "a quote or testimonial"),
    # Pricing and procurement.
    _h("folder", r"pricing|prices|plans|fees", "evaluation purchase", "risk", "pricing"),
    _h("title", r"^(pricing|plans|prices|fees)\b|\bplans and pricing\b|\bwhat \w+ costs\b", "evaluation purchase",
       "risk", "pricing"),
    _h("folder", r"security|trust", "evaluation purchase", "risk", "a security page"),
    _h("title", r"^security\b|\btrust (center|centre)\b|\bsecurity (and|&) (privacy|compliance)\b",
       "evaluation purchase", "risk", "a security page"),
    _h("folder", r"faqs?", "evaluation purchase", "risk", "an FAQ"),
    _h("title", r"\bfaqs?\b|\bfrequently asked\b|\bcommon questions\b", "evaluation purchase", "risk", "an FAQ"),
    # Who we are.
    _h("folder", r"about|company|team|our[-_ ]story", "exploration", "who-we-are", "a who-we-are page"),
    _h("title", r"\babout us\b|\bour story\b|\bwho we are\b|\bwhy we (started|built)\b|\bmeet the team\b",
       "exploration", "who-we-are", "a who-we-are page"),
    # Options and products.
    _h("folder", r"products?|features|services|solutions|platform", "exploration", "problems", "a product page"),
    _h("title", r"\bchoosing\b|\bhow to choose\b|\bbuying guide\b|\byour options\b|\bbuild (or|vs\.?) buy\b",
       "exploration", "who-for", "a buying guide"),
    _h("taxonomy", r"buying[-_ ]guide|guide to choosing", "exploration", "who-for", "a buying guide"),
    # Problem-first articles.
    _h("title", r"\b(the )?(hidden |real |true )?cost of\b|\bwhat \w+ (mistakes?|errors?) costs?\b|\bmistakes?\b"
       r"|\bnot free\b|\bnobody reads\b|\bnot enough\b|\bstress\b|\bproblem\b", "awareness", "problems",
       "a problem-first article"),
    # Calls to action and conversations.
    _h("folder", r"demo|contact|book[-_]a[-_]demo|scoping[-_]call|talk[-_]to[-_]us", "commitment", "who-for",
       "a demo or contact page"),
    _h("title", r"\bbook a demo\b|\brequest a demo\b|\bsee it (live|in action)\b|\btalk to us\b|\bscoping call\b",
       "commitment", "who-for", "a demo or contact page"),
    _h("link", r"^/(signup|sign-up|trial|start|register)/?(#.*)?$", "evaluation", "", "a call to try the product"),
    _h("link", r"^/(pricing|plans)/?(#.*)?$", "evaluation", "", "a call to see the prices"),
    # After the purchase.
    _h("folder", r"getting[-_]started|quick[-_]?start|onboarding|setup|set[-_]up", "onboarding", "",
       "getting started"),
    _h("title", r"\bgetting started\b|\bget started\b|\bquick ?start\b|\bset(ting)? up\b|\byour first\b"
       r"|\bbefore your\b|\bimport (your \w+|(existing )?(data|contacts|customers|clients|jobs|spreadsheets?)\b)",
       "onboarding", "", "getting started"),
    # (A report alone is no habit: 'Reports from the conference'; 'your report', 'weekly report' are.)
    _h("title", r"^how to\b|\bhow-to\b|\breading your\b|\bweekly\b|\bmonthly\b|\byour (\w+ )?reports?\b", "adoption",
       "", "a how-to or habit guide"),
    _h("folder", r"guides|how[-_]to|tutorials|help|reports", "adoption", "", "a how-to or habit guide"),
    _h("taxonomy", r"product[-_ ]news|release[-_ ]notes?|changelog|what's new|webinar", "adoption", "",
       "product news"),
    _h("folder", r"partners?|refer|referrals?|affiliates?", "advocacy", "", "a referral page"),
    _h("title", r"\brefer\b|\breferral\b|\badd (a|an|another) (site|client|location|engineer|clinic)\b",
       "advocacy", "", "a referral or expansion page"),
    # Internal sales material.
    # (Discovery alone is a technical word too: 'Service discovery'; a lab named 'Discovery: ...'.)
    _h("title", r"\bsales process\b|\bdiscovery (calls?|questions?|meetings?|guide|script|process)\b"
       r"|\b(lead|deal|sales|bant|meddicc?|meddpicc) qualification\b|\bqualification (calls?|questions|criteria)\b"
       r"|\bqualifying (questions|leads?|calls?)\b", "commitment", "problems", "sales-process material"),
    _h("title", r"\bdemo script\b|\bmutual action plan\b|\bcall (guide|script)\b", "evaluation", "problems",
       "a sales conversation guide"),
)  # fmt: skip
"""Every heuristic, in the order their reasons are listed."""

TAXONOMY_KEYS = ("tags", "categories", "type", "section", "format", "layout")
"""The site's keys whose values the ``taxonomy`` heuristics look at."""
_PREFIX = lazy(r"^\d{1,3}[-_.](?=\D)")
"""An order prefix (``01-``, ``3.``): not a year or a date (``2024-plans.md`` is a dated post,
not the plans page)."""
_HEADING = lazy(r"^#{1,6}[ \t]+(.+?)[ \t#]*$", re.MULTILINE)
_LINK = lazy(r"\]\(\s*<?([^)\s>]+)|\bhref=[\"']([^\"']+)[\"']|\bto=[\"']([^\"']+)[\"']")
_FENCED = lazy(r"^ {0,3}(`{3,}|~{3,})[^\n]*\n.*?(?:^ {0,3}\1[`~]*[ \t]*$|\Z)", re.M | re.S)
_SPAN = lazy(r"(`+)(?:(?!\1).)+?\1", re.S)


@dataclass(frozen=True, slots=True)
class Suggestion:
    """One suggested tag of one file, with every reason for it."""

    path: str
    """The file, relative to the project folder."""
    field: str
    """``stage`` or ``question``."""
    value: str
    """The stage or question id."""
    reasons: tuple[str, ...]
    """Why, one clause per heuristic that fired: ``folder 'compare'``, ``title has 'vs'``."""

    @property
    def reason(self) -> str:
        """The reasons as one line."""
        return "; ".join(self.reasons)


def _folder_words(path: str) -> list[tuple[str, str]]:
    """Return the folder names and the file's name without its ending, as a site names them.

    Leading ``_`` (Jekyll collections) and order prefixes (``01-``, not a year) are dropped; names are
    not split into words, so ``import-customers.md`` is no customer story.
    """
    parts = path.split("/")
    stem = parts[-1].rpartition(".")[0] or parts[-1]
    names = [(f"folder '{p}/'", _PREFIX.sub("", p.lstrip("_"))) for p in parts[:-1]]
    names.append((f"file name '{stem}'", _PREFIX.sub("", stem.lstrip("_"))))
    return [(shown, name.lower()) for shown, name in names if name]


def _taxonomy(asset: Asset) -> list[tuple[str, str]]:
    found: list[tuple[str, str]] = []
    for key in TAXONOMY_KEYS:
        value = asset.format if key == "format" and asset.format else asset.extra.get(key)
        items = value if isinstance(value, list) else [value]
        found += [(key, str(v).strip()) for v in items if isinstance(v, str | int) and str(v).strip()]
    return found


@functools.lru_cache(maxsize=1024)
def _prose(body: str) -> str:
    """Return ``body`` without its fenced code blocks and code spans: an example in code (a
    ``<blockquote>`` in a template, a ``# comment`` in a shell session) says nothing of the page."""
    return _SPAN.sub(" ", _FENCED.sub("", body)) if "`" in body or "~~~" in body else body


def _titles(asset: Asset) -> list[tuple[str, str]]:
    """Return the title and each heading of the body as the page shows it (a link as its text)."""
    headings = (heading_text(m.group(1)) for m in _HEADING.finditer(_prose(asset.body)))
    return [("title", asset.title), *(("heading", h) for h in headings if h)]


def _links(body: str) -> list[str]:
    return list(dict.fromkeys(next(g for g in m.groups() if g) for m in _LINK.finditer(body)))


def _fired(heuristic: Heuristic, asset: Asset) -> str | None:
    """Return the reason ``heuristic`` gives for ``asset``, or None when it does not fire."""
    regex = re.compile(heuristic.pattern, re.IGNORECASE)
    if heuristic.where == "folder":
        hit = next((shown for shown, name in _folder_words(asset.path) if regex.fullmatch(name)), None)
        return f"{hit} ({heuristic.what})" if hit else None
    if heuristic.where == "taxonomy":
        pair = next(((k, v) for k, v in _taxonomy(asset) if regex.fullmatch(v)), None)
        return f"{pair[0]}: {pair[1]} ({heuristic.what})" if pair else None
    if heuristic.where == "title":
        for kind, text in _titles(asset):
            found = regex.search(text)
            if found:
                return f"{kind} '{' '.join(text.split())}' has '{found.group(0).strip()}' ({heuristic.what})"
        return None
    if heuristic.where == "link":
        target = next((t for t in _links(_prose(asset.body)) if regex.search(t)), None)
        return f"links to {target} ({heuristic.what})" if target else None
    found = regex.search(_prose(asset.body))
    return f"body has '{found.group(0)}' ({heuristic.what})" if found else None


def suggest(config: Config, assets: Iterable[Asset], *, every: bool = False) -> tuple[Suggestion, ...]:
    """Return the suggestions for ``assets`` that lack stages or questions (all of them with ``every``).

    A field the asset already has values for gets no suggestions unless ``every``; a value
    it already has is never suggested. Sorted by path, stages before questions, in model order.
    """
    stage_order = {s: i for i, s in enumerate(config.model.stage_ids)}
    question_order = {q: i for i, q in enumerate(config.question_ids)}
    out: list[Suggestion] = []
    for asset in sorted(assets, key=lambda a: a.path):
        if not every and asset.stages and asset.questions:
            continue
        found: dict[tuple[str, str], list[str]] = {}
        for heuristic in HEURISTICS:
            reason = _fired(heuristic, asset)
            if reason is None:
                continue
            if every or not asset.stages:
                for stage in heuristic.stages:
                    if stage in stage_order and stage not in asset.stages:
                        found.setdefault(("stage", stage), []).append(reason)
            if every or not asset.questions:
                for role in heuristic.questions:
                    question = config.question_with_role(role)
                    if question is not None and question.id not in asset.questions:
                        found.setdefault(("question", question.id), []).append(reason)
        order = {"stage": stage_order, "question": question_order}
        for (field, value), reasons in sorted(
            found.items(), key=lambda kv: (kv[0][0] != "stage", order[kv[0][0]][kv[0][1]])
        ):
            out.append(Suggestion(asset.path, field, value, tuple(dict.fromkeys(reasons))))
    return tuple(out)


@dataclass(frozen=True, slots=True)
class Score:
    """How suggestions compare with tags a person set by hand."""

    suggested: int
    """Suggested (path, field, value) rows."""
    right: int
    """Of those, how many the person set too."""
    wanted: int
    """(path, field, value) tags the person set on the files scored."""

    @property
    def precision(self) -> float:
        """Share of suggestions that are right (1.0 when there are none)."""
        return self.right / self.suggested if self.suggested else 1.0

    @property
    def recall(self) -> float:
        """Share of the person's tags that were suggested (1.0 when there are none)."""
        return self.right / self.wanted if self.wanted else 1.0


def score(suggestions: Sequence[Suggestion], truth: Iterable[tuple[str, str, str]]) -> Score:
    """Compare suggestions with hand-set (path, field, value) tags of the same files."""
    wanted = set(truth)
    got = {(s.path, s.field, s.value) for s in suggestions}
    return Score(len(got), len(got & wanted), len(wanted))
