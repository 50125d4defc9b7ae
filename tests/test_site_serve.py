"""`stagemap serve`: confined paths, rebuild on change, problems on the page, clean exit."""

from __future__ import annotations

import datetime as dt
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

from stagemap.cli import cli
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
    status, headers, body = running.get("/static/search-index.js")
    assert status == 200
    assert "javascript" in headers["content-type"]
    assert body.startswith("window.stagemapIndex = ")


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


def test_serve_content_change_shows_on_the_next_request(running: Running) -> None:
    page = running.project / "content" / "blog" / "missed-calls-cost.md"
    page.write_text(
        page.read_text().replace("What a missed call really costs", "The true cost of a missed call")
    )
    before = running.preview.state.version
    status, _, body = running.get("/assets/blog/missed-calls-cost.html")
    assert status == 200
    assert '<h1 id="title">The true cost of a missed call a plumbing firm</h1>' in body
    assert running.preview.state.version == before + 1
    assert running.get("/")[0] == 200
    assert running.preview.state.version == before + 1  # nothing else changed


def test_serve_shows_library_problems_in_a_banner(running: Running) -> None:
    write(
        running.project,
        {"content/broken.md": "---\ntitle: Broken\nstages: [awarness]\nquestions: [problems]\n---\n"},
    )
    _, _, body = running.get("/gaps.html")
    assert '<aside class="stagemap-preview" aria-label="Preview problems"' in body
    assert "1 problem in the library." in body
    assert "content/broken.md:3:10: error: unknown stage &#x27;awarness&#x27;" in body


def test_serve_keeps_the_last_good_site_when_the_settings_break(running: Running) -> None:
    (running.project / "stagemap.yml").write_text("name: [unclosed\n")
    status, _, body = running.get("/index.html")
    assert status == 200
    assert "The latest change could not be built." in body
    assert '<table class="heatmap">' in body
    assert "stagemap.yml:" in body
    (running.project / "stagemap.yml").write_text("name: Fixed\n")
    _, _, body = running.get("/index.html")
    assert "could not be built" not in body
    assert "<h1>Fixed</h1>" in body


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
        result = CliRunner().invoke(cli, ["-C", str(sample), "serve", "--port", str(port)])
    assert result.exit_code == 2
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
