"""The commands that set a project up: ``init``, ``schema`` and ``templates``."""

from __future__ import annotations

from pathlib import Path

import click

from ..edit.adopt import AdoptPlan, plan_adopt
from ..edit.init import plan_init
from ..errors import UsageError, suggest
from ..paths import BUILTIN, shown_folder
from ..read.assets import load_library
from ..read.detect import FoundSite, detect_site
from ..read.settings import load_config
from ..read.sitebelow import DEPTH, site_in, sites_below
from ..render.adopt import found_lines
from ..render.environment import list_templates
from ..render.schema import render_schema
from ..render.words import plural
from ..write.atomic import atomic_write
from ..write.targets import confined
from .app import CONTEXT, _Group, _State, pass_state


@click.command(context_settings=CONTEXT)
@click.argument("directory", required=False, type=click.Path(file_okay=False, path_type=Path))
@click.option(
    "--model",
    metavar="NAME",
    default="buyer-journey",
    show_default=True,
    help="Built-in journey model (stagemap models lists them).",
)
@click.option(
    "--site",
    "site_folder",
    metavar="FOLDER",
    help="The folder of the website in DIR (where its generator's configuration is), when DIR "
    "holds more than the site: init reads it from DIR with site_root.",
)
@pass_state
def init(state: _State, directory: Path | None, model: str, site_folder: str | None) -> None:
    """Create a project: stagemap.yml with comments, content/ with an example asset, templates/.

    DIR defaults to the current folder (or -C). Nothing is ever overwritten: if any of the
    files exists, nothing is written. Afterwards 'stagemap check' and 'stagemap report'
    work in DIR.

    In the root of an existing website (a hugo.toml or config.toml, _config.yml,
    docusaurus.config.js, gatsby-config.js, astro.config.mjs, mkdocs.yml or Zensical's
    zensical.toml, read as MkDocs' settings, there), init writes stagemap.yml alone, filled
    in from what it finds: the generator, its content folders with URL patterns, the site's
    address, folders of internal material. It then says what it found: the files per kind,
    what will be read and what not, and why.

    A repository that keeps its site in a folder (website/, docs/, apps/docs/) is set up
    from its root: init finds the site up to two folders deep (--site names it when there
    are several), writes site_root, and reads pages the site keeps beside its folder too.

    In a new folder it also writes a .gitignore (site/, kits/, .stagemap-cache/) when
    there is none; an existing .gitignore is never changed: init names the lines it lacks.

    \b
    Example:
      stagemap init
      stagemap init acme-content --model hourglass
      cd our-hugo-site && stagemap init
      stagemap init --site website
    """
    folder = directory or state.project_dir or Path(".")
    found = _site(folder, site_folder) if folder.is_dir() else None
    if site_folder is not None and not folder.is_dir():
        raise UsageError(f"{folder.as_posix()} is not a folder: --site names a folder of an existing project")
    if found is not None:
        _adopt(plan_adopt(folder, model, found))
        return
    plan = plan_init(folder, model)
    for rel, text in plan.files.items():
        atomic_write(folder / rel, text.encode("utf-8"), create=True)
    here = folder.resolve() == Path.cwd().resolve()
    click.echo(f"Created a stagemap project{'' if here else f' in {folder.as_posix()}'}:")
    for rel in plan.files:
        click.echo(f"  {rel}")
    if plan.library:
        click.echo(
            f"content/ holds {plural(plan.library, 'Markdown file')} already: no sample asset was written"
            " among them ('stagemap check' says what each lacks, 'stagemap tag' adds stages and questions)"
        )
    if plan.missing_ignores:
        click.echo(
            f"Add to .gitignore: {' '.join(plan.missing_ignores)} (init leaves an existing .gitignore alone)"
        )
    step = "" if here else f"cd {folder.as_posix()}, "
    click.echo(f"Next: {step}edit stagemap.yml, then run 'stagemap check' and 'stagemap report'.")


def _site(folder: Path, site_folder: str | None) -> FoundSite | None:
    """Return the site in ``folder`` or, when there is none, the one site in a folder below it
    (``site_folder`` names it); raise `UsageError` when there are several, or none where named."""
    if site_folder is not None:
        inside = (folder / site_folder.replace("\\", "/")).resolve()
        if not inside.is_relative_to(folder.resolve()):
            raise UsageError(f"--site {site_folder}: the site's folder must be inside {folder.as_posix()}")
        if not inside.is_dir():
            what = "is a file, not a folder" if inside.exists() else f"no such folder in {folder.as_posix()}"
            raise UsageError(f"--site {site_folder}: {what}")
        found = site_in(folder, inside.relative_to(folder.resolve()).as_posix())
        if found is None:
            raise UsageError(
                f"--site {site_folder}: holds no site's configuration (hugo.toml or config.toml, _config.yml,"
                " docusaurus.config.js, gatsby-config.js, astro.config.mjs, mkdocs.yml or zensical.toml)"
            )
        return found
    found = detect_site(folder)
    if found is not None:
        return found
    below = sites_below(folder)
    if len(below) > 1:
        shown = ", ".join(f"{b}/" for b in below)
        raise UsageError(
            f"found a site in each of {shown} (up to {DEPTH} folders deep); nothing was written: "
            f"say which to read with --site, e.g. stagemap init --site {below[0]}"
        )
    return site_in(folder, below[0]) if below else None


def _adopt(plan: AdoptPlan) -> None:
    """Write an existing site's stagemap.yml, then say what it found and what will be read."""
    atomic_write(plan.folder / "stagemap.yml", plan.text.encode("utf-8"), create=True)
    library = load_library(load_config(plan.folder), bodies=False)
    here = plan.folder.resolve() == Path.cwd().resolve()
    where = "stagemap.yml" if here else (plan.folder / "stagemap.yml").as_posix()
    click.echo(f"Wrote {where}; nothing else was written.")
    for line in found_lines(plan.found, library, plan.bare, plan.commented):
        click.echo(line)
    step = "" if here else f"cd {plan.folder.as_posix()}, "
    click.echo(
        f"Next: {step}check the sources and excludes in stagemap.yml, then run 'stagemap report'; "
        "'stagemap suggest' proposes stages and questions for untagged pages."
    )


@click.command(context_settings=CONTEXT)
@pass_state
def schema(state: _State) -> None:
    """Print a JSON Schema (draft 2020-12) of asset front matter for this project.

    Stage, question and persona ids of the project's model are enums, so an editor can
    complete and check them and CI can validate front matter without stagemap. Unknown
    keys are allowed, as in stagemap itself.

    \b
    Example:
      stagemap schema > stagemap.schema.json
      stagemap schema | jq '.properties.stages'
    """
    click.echo(render_schema(state.config()), nl=False)


@click.group(cls=_Group, context_settings=CONTEXT)
def templates() -> None:
    """List the templates or copy a built-in one into the project to customise it.

    \b
    Example:
      stagemap templates list
      stagemap templates copy play.md.j2
    """


@templates.command("list", context_settings=CONTEXT)
@pass_state
def templates_list(state: _State) -> None:
    """Show each template name and where it resolves from (project or built-in).

    \b
    Example:
      stagemap templates list
    """
    config = state.config()
    infos = list_templates(config.templates_dir)
    builtin = {i.name for i in list_templates(None)}
    width = max(len(i.name) for i in infos)
    for info in infos:
        if info.source == "built-in":
            where = "built-in"
        else:
            where = shown_folder(info.path, config.root).rstrip("/")
            if info.name in builtin:
                where += f" (overrides the built-in; extend it as stagemap/{info.name})"
        click.echo(f"{info.name:<{width}}  {where}")


@templates.command("copy", context_settings=CONTEXT)
@click.argument("name")
@click.option("--force", is_flag=True, help="Overwrite the project's copy if it exists.")
@pass_state
def templates_copy(state: _State, name: str, force: bool) -> None:
    """Copy the built-in template NAME into the project's templates/ folder.

    \b
    Example:
      stagemap templates copy play.html.j2
    """
    config = state.config()
    builtin = [i.name for i in list_templates(None)]
    if name not in builtin:
        raise UsageError(f"unknown template '{name}' ({suggest(name, builtin)})")
    dest = confined(config.templates_dir, name)
    if dest.exists() and not force:
        raise UsageError(
            f"{shown_folder(dest, config.root).rstrip('/')} already exists (use --force to overwrite)"
        )
    atomic_write(dest, (BUILTIN / name).read_bytes(), create=not force)
    click.echo(f"Copied {name} to {shown_folder(dest, config.root).rstrip('/')}")
