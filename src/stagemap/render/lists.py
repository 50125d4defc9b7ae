"""The pages of the site's long lists, each of ``site.page_size`` assets (see `stagemap.analyse.paging`). Pure."""

from __future__ import annotations

from typing import Any

import jinja2

from ..analyse.site import SitePage, SitePlan
from ..model.library import STATUSES, Asset
from .pagelinks import Links
from .pages import Rendered, page_text


def shown(plan: SitePlan, page: SitePage) -> list[Asset]:
    """The assets one page of a paginated list shows, in site order."""
    by_id = plan.library.by_id
    return [by_id[i] for i in plan.lists[page.path].ids]


def assets_list(plan: SitePlan, env: jinja2.Environment, page: SitePage) -> Rendered:
    """Make ``assets.html`` or page N of it (``assets-N.html``): its ``assets`` in site order,
    ``part`` (`ListPart`: which page of how many), ``page_size``, ``formats``, ``states``,
    ``statuses``."""
    part = plan.lists[page.path]
    text = page_text(
        plan,
        env,
        "assets.html.j2",
        page,
        "All assets" if part.number == 1 else f"All assets, page {part.number}",
        assets=shown(plan, page),
        part=part,
        page_size=plan.config.page_size,
        formats=list(plan.formats),
        states=list(plan.shown_states),
        statuses=STATUSES,
    )
    return Rendered(page.path, text, ())


def list_part(plan: SitePlan, env: jinja2.Environment, page: SitePage) -> Rendered:
    """Make page N of a stage's or a persona's list of assets: ``assets``, ``part``, ``owner``
    (the `Stage` or `Persona`), ``owner_url`` (a link to its first page)."""
    part = plan.lists[page.path]
    links = Links(page.path, plan.paths)
    if page.kind == "stage-part":
        owner: Any = plan.config.model.stage(part.owner)
        owner_url = links.stage(part.owner)
    else:
        owner = next(p for p in plan.config.personas if p.id == part.owner)
        owner_url = links.persona(part.owner)
    text = page_text(
        plan,
        env,
        "list.html.j2",
        page,
        f"{owner.name}, page {part.number}",
        assets=shown(plan, page),
        part=part,
        owner=owner,
        owner_url=owner_url,
    )
    return Rendered(page.path, text, ())
