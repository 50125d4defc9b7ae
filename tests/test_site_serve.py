"""`stagemap serve`: confined paths, rebuild on change, problems on the page, clean exit."""

from __future__ import annotations

import datetime as dt
import errno
import http.client
import os
import re
import signal
import socket
import subprocess
import sys
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from click.testing import CliRunner

from stagemap.cli.app import cli
from stagemap.serve import VERSION_PATH, Preview, PreviewServer, inject, resolve_request, start_server
from tests.conftest import write

AS_OF = dt.date(2026, 11, 24)


@dataclass
class Running:
    preview: Preview
    server: PreviewServer
    project: Path
    out: Path

    def get(self, path: str) -> tuple[int, dict[str, str], str]:
        """Send the path exactly as given (no client-side normalisation)."""
        host, port = self.server.server_address[:2]
        conn = http.client.HTTPConnection(str(host), int(port), timeout=30)
        try:
            conn.putrequest("GET", path, skip_accept_encoding=True)
            conn.endheaders()
            response = conn.getresponse()
            body = response.read().decode("utf-8", "replace")
            return response.status, {k.lower(): v for k, v in response.getheaders()}, body
        finally:
            conn.close()


@pytest.fixture
def running(sample: Path, tmp_path: Path) -> Iterator[Running]:
    out = tmp_path / "served"
    preview = Preview(sample, out, as_of=AS_OF)
    assert preview.rebuild().error == ""
    server = start_server(preview, "127.0.0.1", 0)
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    try:
        yield Running(preview, server, sample, out)
    finally:
        preview.stop()
        server.shutdown()
        server.server_close()
        thread.join(timeout=10)


def test_serve_home_page_gets_the_reload_script_but_the_file_does_not(running: Running) -> None:
    status, headers, body = running.get("/")
    assert status == 200
    assert headers["content-type"] == "text/html; charset=utf-8"
    assert headers["cache-control"] == "no-store"
    assert '<table class="heatmap">' in body
    assert f'fetch("{VERSION_PATH}", {{cache: "no-store"}})' in body
    assert "__stagemap" not in (running.out / "index.html").read_text()
    assert "stagemap-preview" not in body  # no banner: the sample has no problems


def test_serve_static_files_have_their_types(running: Running) -> None:
    assert running.get("/static/stagemap.css")[1]["content-type"] == "text/css; charset=utf-8"
    status, headers, body = running.get("/static/search/index.js")
    assert status == 200
    assert "javascript" in headers["content-type"]
    assert body.startswith('stagemap.add("m",{')


@pytest.mark.parametrize(
    "path",
    [
        "/../stagemap.yml",
        "/../../../../etc/passwd",
        "/%2e%2e/stagemap.yml",
        "/%2E%2E/%2e%2e/stagemap.yml",
        "/..%2fstagemap.yml",
        "/assets/..%2f..%2f..%2fstagemap.yml",
        "/assets/%2e%2e/%2e%2e/%2e%2e/stagemap.yml",
        "/%252e%252e/stagemap.yml",
        "/..\\stagemap.yml",
        "//etc/passwd",
        "/static/../../stagemap.yml",
        "/.stagemap-manifest.json",
        "/x%00.html",
    ],
)
def test_serve_requests_stay_inside_the_site(running: Running, path: str) -> None:
    status, _, body = running.get(path)
    assert status == 404
    assert "stagemap settings" not in body
    assert "root:" not in body


def test_serve_symlink_out_of_the_site_is_not_followed(running: Running) -> None:
    (running.out / "leak.html").symlink_to(running.project / "stagemap.yml")
    assert running.get("/leak.html")[0] == 404
    assert resolve_request(running.out, "/leak.html") is None


def test_serve_folder_without_slash_redirects(running: Running) -> None:
    status, headers, _ = running.get("/stages")
    assert (status, headers["location"]) == (301, "/stages/")
    assert running.get("/stages/")[0] == 404
    assert running.get("/stages/evaluation.html")[0] == 200


def _settled(running: Running, since: int) -> int:
    """Start the watcher, ask it to look now, and wait for the build a change makes."""
    if running.preview._thread is None:
        running.preview.watch_in_background()
    running.preview.nudge()
    version = running.preview.wait(since, timeout=30)
    assert version != since
    return version


def test_serve_content_change_is_built_in_the_background(running: Running) -> None:
    page = running.project / "content" / "blog" / "missed-calls-cost.md"
    page.write_text(
        page.read_text().replace("What a missed call really costs", "The true cost of a missed call")
    )
    before = running.preview.state.version
    assert _settled(running, before) == before + 1
    status, _, body = running.get("/assets/blog/missed-calls-cost.html")
    assert status == 200
    assert '<h1 id="title">The true cost of a missed call a plumbing firm</h1>' in body
    assert running.get("/")[0] == 200
    assert running.preview.wait(before + 1, timeout=0.5) == before + 1  # nothing else changed


def test_serve_requests_get_the_last_build_while_a_rebuild_runs(
    running: Running, monkeypatch: pytest.MonkeyPatch
) -> None:
    import stagemap.serve.preview
    import stagemap.serve.server

    release = threading.Event()
    started = threading.Event()
    build_into = stagemap.serve.preview.build_into

    def slow(*args: object, **kwargs: object) -> object:
        started.set()
        release.wait(30)
        return build_into(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(stagemap.serve.preview, "build_into", slow)
    before = running.preview.state.version
    (running.project / "stagemap.yml").write_text(
        (running.project / "stagemap.yml").read_text().replace("name: Fernhill", "name: Fernhill Ltd")
    )
    running.preview.watch_in_background()
    running.preview.nudge()
    assert started.wait(30)
    status, _, body = running.get("/index.html")  # answered now, from the last good build
    assert status == 200 and "<h1>Fernhill</h1>" in body
    assert running.get(VERSION_PATH)[2] == f'{{"version": {before}}}'
    release.set()
    assert running.preview.wait(before, timeout=30) == before + 1
    assert "<h1>Fernhill Ltd</h1>" in running.get("/index.html")[2]


def test_serve_shows_library_problems_in_a_banner(running: Running) -> None:
    write(
        running.project,
        {"content/broken.md": "---\ntitle: Broken\nstages: [awarness]\nquestions: [problems]\n---\n"},
    )
    _settled(running, running.preview.state.version)
    _, _, body = running.get("/gaps.html")
    assert '<aside class="stagemap-preview" aria-label="Preview problems"' in body
    assert "1 problem in the library." in body
    assert "content/broken.md:3:10: error: unknown stage &#x27;awarness&#x27;" in body


def test_serve_keeps_the_last_good_site_when_the_settings_break(running: Running) -> None:
    (running.project / "stagemap.yml").write_text("name: [unclosed\n")
    version = _settled(running, running.preview.state.version)
    status, _, body = running.get("/index.html")
    assert status == 200
    assert "The latest change could not be built." in body
    assert '<table class="heatmap">' in body
    assert "stagemap.yml:" in body
    # Saved whole, as an editor saves: the running watcher could otherwise look between the
    # truncation and the write, and build the empty settings (seen once in CI).
    fixed = running.project / "stagemap.yml.new"
    fixed.write_text("name: Fixed\n")
    os.replace(fixed, running.project / "stagemap.yml")
    _settled(running, version)
    _, _, body = running.get("/index.html")
    assert "could not be built" not in body
    assert "<h1>Fixed</h1>" in body


def test_serve_watcher_survives_a_file_name_that_is_not_utf8(running: Running) -> None:
    lines: list[str] = []
    running.preview._log = lines.append
    odd = (running.project / "content").joinpath(os.fsdecode(b"caf\xe9.md"))
    odd.write_bytes(b"---\ntitle: Caf\xc3\xa9\nstages: [advocacy]\nquestions: [risk]\n---\nHi\n")
    version = _settled(running, running.preview.state.version)
    # Whether the build reports the name or fails on it, the watcher goes on and the site stays up.
    assert running.preview._thread is not None and running.preview._thread.is_alive()
    assert running.get("/")[0] == 200
    odd.unlink()
    write(
        running.project,
        {"content/after.md": "---\ntitle: After\nstages: [advocacy]\nquestions: [risk]\n---\n"},
    )
    # The running watcher may build the removal alone first (seen once in CI): until the new
    # page is built, each round waits for the next build, which the new file makes.
    for _ in range(3):
        version = _settled(running, version)
        if (running.out / "assets" / "after.html").is_file():
            break
    assert running.preview.state.error == ""
    assert (running.out / "assets" / "after.html").is_file()


def test_serve_watcher_survives_an_unexpected_error(
    running: Running, monkeypatch: pytest.MonkeyPatch
) -> None:
    import stagemap.serve.preview
    import stagemap.serve.server

    lines: list[str] = []
    running.preview._log = lines.append
    build_into = stagemap.serve.preview.build_into
    calls: list[int] = []

    def flaky(*args: object, **kwargs: object) -> object:
        calls.append(1)
        if len(calls) == 1:
            raise RuntimeError("a bug")
        return build_into(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(stagemap.serve.preview, "build_into", flaky)
    write(
        running.project, {"content/one.md": "---\ntitle: One\nstages: [advocacy]\nquestions: [risk]\n---\n"}
    )
    version = _settled(running, running.preview.state.version)
    assert running.preview.state.error == "RuntimeError: a bug"
    assert lines == ["Error: RuntimeError: a bug"]
    assert "could not be built" in running.get("/")[2]
    write(
        running.project, {"content/two.md": "---\ntitle: Two\nstages: [advocacy]\nquestions: [risk]\n---\n"}
    )
    _settled(running, version)
    assert running.preview.state.error == ""
    assert (running.out / "assets" / "two.html").is_file()


def test_serve_closes_idle_connections_and_queues_many(
    running: Running, monkeypatch: pytest.MonkeyPatch
) -> None:
    import stagemap.serve.preview
    import stagemap.serve.server

    assert running.server.request_queue_size >= 128
    assert 0 < stagemap.serve.server._Handler.timeout <= 30  # http.server's default is None: never
    monkeypatch.setattr(stagemap.serve.server._Handler, "timeout", 0.3)
    host, port = running.server.server_address[:2]
    with socket.create_connection((str(host), int(port)), timeout=10) as idle:
        assert idle.recv(1) == b""  # the server hung up on a client that sent nothing
    with socket.create_connection((str(host), int(port)), timeout=10) as slow:
        slow.sendall(b"GET /index.html HT")  # ...or stopped halfway through its request line
        assert slow.recv(1) == b""


def test_serve_and_build_keep_separate_records(sample: Path, tmp_path: Path) -> None:
    site = tmp_path / "site"
    runner = CliRunner()
    args = ["-C", str(sample), "build", "-o", str(site), "--as-of", "2026-11-24"]
    assert runner.invoke(cli, args).exit_code == 0
    preview = Preview(sample, tmp_path / "served", as_of=AS_OF)
    assert preview.rebuild().error == ""
    result = runner.invoke(cli, args)
    assert "(0 files changed, 0 removed)" in result.stdout
    assert preview.rebuild().changed == 0


def test_serve_version_endpoint_answers_at_once(running: Running) -> None:
    version = running.preview.state.version
    status, headers, body = running.get(VERSION_PATH)
    assert (status, body) == (200, f'{{"version": {version}}}')
    assert headers["content-type"] == "application/json"


def test_serve_watcher_rebuilds_without_a_request(running: Running) -> None:
    version = running.preview.state.version
    running.preview.watch_in_background()
    write(
        running.project,
        {"content/new.md": "---\ntitle: New\nstages: [advocacy]\nquestions: [risk]\n---\nHi\n"},
    )
    assert running.preview.wait(version, timeout=30) == version + 1
    assert (running.out / "assets" / "new.html").is_file()


def test_inject_puts_the_banner_first_and_the_script_last() -> None:
    page = b"<html><body class='x'><main>Hi</main></body></html>"
    out = inject(page, "<aside>!</aside>", 7).decode()
    assert out.startswith("<html><body class='x'><aside>!</aside><main>Hi</main><script>")
    assert "var version = 7;" in out
    assert out.endswith("</script>\n</body></html>")


def test_serve_cli_reports_a_busy_port(sample: Path) -> None:
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        out = sample / "served"
        result = CliRunner().invoke(cli, ["-C", str(sample), "serve", "--port", str(port), "-o", str(out)])
    assert result.exit_code == 2
    assert not out.exists()  # refused before building anything
    assert result.stderr.endswith(f"(try --port {port + 1})\n")
    assert f"Error: cannot listen on 127.0.0.1:{port}: " in result.stderr


def test_serve_cli_stops_cleanly_on_ctrl_c(sample: Path, tmp_path: Path) -> None:
    env = {**os.environ, "TMPDIR": str(tmp_path)}
    proc = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "stagemap",
            "-C",
            str(sample),
            "serve",
            "--port",
            "0",
            "--as-of",
            "2026-11-24",
        ],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
    )
    try:
        assert proc.stdout is not None
        line = proc.stdout.readline()
        match = re.match(
            r"Serving Fernhill at http://127\.0\.0\.1:(\d+)/ \(press Ctrl-C to stop\)$", line.strip()
        )
        assert match, line
        temp = [p for p in tmp_path.iterdir() if p.name.startswith("stagemap-serve-")]
        assert len(temp) == 1 and (temp[0] / "index.html").is_file()
        conn = http.client.HTTPConnection("127.0.0.1", int(match.group(1)), timeout=30)
        conn.request("GET", "/stages/awareness.html")
        assert conn.getresponse().status == 200
        conn.close()
        proc.send_signal(signal.SIGINT)
        _, err = proc.communicate(timeout=30)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
    assert proc.returncode == 0, err
    assert err.endswith("Stopped.\n")
    assert not temp[0].exists()
    assert not list((sample / ".stagemap-cache").glob("pages-*"))  # its record went with it


def _loop(out: Path) -> None:
    (out / "loop").symlink_to(out / "loop")
    (out / "ping").symlink_to(out / "pong")
    (out / "pong").symlink_to(out / "ping")


@pytest.mark.parametrize(
    "path",
    [
        "/" + "a" * 10000,  # ENAMETOOLONG
        "/" + "a" * 300 + "/index.html",
        "/" + "a/" * 3000 + "x.html",  # a path longer than PATH_MAX
        "/index.html/x",  # ENOTDIR
        "/loop",  # ELOOP
        "/loop/x.html",
        "/ping/",
    ],
)
def test_serve_paths_the_system_cannot_look_up_are_not_found(
    running: Running, capfd: pytest.CaptureFixture[str], path: str
) -> None:
    _loop(running.out)
    status, headers, body = running.get(path)
    assert status == 404
    assert headers["content-type"] == "text/html; charset=utf-8"
    assert "<h1>Not found</h1>" in body
    assert running.get("/")[0] == 200  # still serving
    assert "Traceback" not in capfd.readouterr().err
    assert resolve_request(running.out, path) is None


@pytest.mark.parametrize("code", [errno.ENAMETOOLONG, errno.ENOTDIR, errno.EACCES, errno.ELOOP, errno.EIO])
def test_serve_any_os_error_looking_up_a_path_is_a_404(
    running: Running, capfd: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, code: int
) -> None:
    (running.out / "boom").mkdir()
    (running.out / "boom" / "index.html").write_text("<p>secret</p>")
    real_stat = os.stat

    def failing_stat(path: object, *args: object, **kwargs: object) -> os.stat_result:
        if "boom" in os.fspath(path):  # type: ignore[call-overload]
            raise OSError(code, os.strerror(code), os.fspath(path))  # type: ignore[call-overload]
        return real_stat(path, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(os, "stat", failing_stat)
    for path in ("/boom/index.html", "/boom/", "/boom", "/boom/x.css"):
        status, _, body = running.get(path)
        assert status == 404, path
        assert "secret" not in body
    monkeypatch.undo()
    assert running.get("/boom/")[0] == 200
    assert "Traceback" not in capfd.readouterr().err


def test_serve_folder_index_must_stay_inside_the_site(running: Running) -> None:
    (running.out / "outside").mkdir()
    (running.out / "outside" / "index.html").symlink_to(running.project / "stagemap.yml")
    assert running.get("/outside/")[0] == 404


def test_serve_cli_refuses_an_output_folder_in_the_sources_like_build(
    sample: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(sample)
    message = (
        f"Error: refusing to build into content: it is the content folder ({(sample / 'content').resolve()}); "
        "choose a folder such as site/ inside the project\n"
    )
    built = CliRunner().invoke(cli, ["build", "-o", "content"])
    assert (built.exit_code, built.stdout, built.stderr) == (2, "", message)
    served = CliRunner().invoke(cli, ["serve", "-o", "content", "--port", "0"])
    assert (served.exit_code, served.stdout, served.stderr) == (2, "", message)
    assert not (sample / ".stagemap-cache").exists()  # refused before reading the library
    served = CliRunner().invoke(cli, ["serve", "-o", ".", "--port", "0"])
    assert served.exit_code == 2
    assert served.stderr == (
        f"Error: refusing to build into .: it is the project folder ({sample.resolve()}); "
        "choose a folder such as site/ inside the project\n"
    )


def test_serve_cli_first_build_failure_says_so_once(sample: Path, tmp_path: Path) -> None:
    write(sample, {"templates/site/base.html.j2": "{% broken\n"})
    result = CliRunner().invoke(cli, ["-C", str(sample), "serve", "--port", "0", "-o", str(tmp_path / "out")])
    assert (result.exit_code, result.stdout, result.stderr) == (
        2,
        "",
        "Error: templates/site/base.html.j2:1: Encountered unknown tag 'broken'.\n",
    )


def test_serve_later_build_failure_keeps_the_last_good_site(sample: Path, tmp_path: Path) -> None:
    lines: list[str] = []
    preview = Preview(sample, tmp_path / "out", as_of=AS_OF, log=lines.append)
    assert preview.rebuild().error == ""
    assert lines[-1].startswith("Built ")
    write(sample, {"templates/site/base.html.j2": "{% broken\n"})
    assert preview.rebuild().error == "templates/site/base.html.j2:1: Encountered unknown tag 'broken'."
    assert lines[-2:] == [
        "Error: templates/site/base.html.j2:1: Encountered unknown tag 'broken'.",
        "The last good build is still being served.",
    ]


def test_serve_log_counts_in_the_singular(sample: Path, tmp_path: Path) -> None:
    write(
        sample, {"content/bad.md": "---\ntitle: Bad\nstages: [nowhere]\nquestions: [problems]\n---\nText.\n"}
    )
    lines: list[str] = []
    out = tmp_path / "out"
    preview = Preview(sample, out, as_of=AS_OF, log=lines.append)
    assert preview.rebuild().error == ""
    (out / "gaps.html").write_text("scribbled", encoding="utf-8")
    preview.rebuild()
    assert lines[-1] == "Built 100 pages (1 file changed, 0 removed); 1 problem in the library"
