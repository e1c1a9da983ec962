"""The HTML report renders in headless Chromium: charts load, headings show, screenshot taken.

Drives ``chromedriver`` over plain HTTP/JSON (W3C WebDriver) with urllib; when
only ``chromium`` is installed it falls back to ``--dump-dom``/``--screenshot``.
Skips when Chromium is missing unless ``HOAXGUARD_REQUIRE_BROWSER=1`` (CI), where
it fails; ``.ci/install-browser`` installs the Debian packages. Set
``HOAXGUARD_ARTIFACTS=<dir>`` to keep the screenshot.
"""

from __future__ import annotations

import base64
import json
import os
import shutil
import socket
import subprocess
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from hoaxguard.report import write_report
from hoaxguard.report._fakes import fake_scored_frame

pytest.importorskip("matplotlib")

REQUIRE_ENV = "HOAXGUARD_REQUIRE_BROWSER"
HEADINGS = [
    "Laporan Pemantauan Hoaks",
    "Ringkasan",
    "Tren perlu dicek per hari",
    "Narasi yang paling cepat menyebar",
    "Rincian per platform dan akun",
    "Istilah teratas",
    "Kualitas model",
]
N_IMAGES = 9
CHROME_ARGS = [
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--window-size=1280,2400",
]
PROBE = """return {
  images: Array.from(document.images).map(i => ({w: i.naturalWidth, h: i.naturalHeight,
                                                  complete: i.complete, alt: i.alt})),
  headings: Array.from(document.querySelectorAll('h1, h2')).map(h => h.textContent),
  title: document.title,
  ready: document.readyState};"""


def _required() -> bool:
    return os.environ.get(REQUIRE_ENV, "") not in ("", "0", "false", "no")


def _find(name: str) -> str | None:
    path = Path("/usr/bin") / name
    return str(path) if path.is_file() else shutil.which(name)


@pytest.fixture(scope="module")
def chromium() -> str:
    path = _find("chromium") or _find("chromium-browser") or _find("google-chrome")
    if path is None:
        reason = (
            "headless Chromium not installed (Debian packages chromium, chromium-driver; "
            "run .ci/install-browser)"
        )
        if _required():
            pytest.fail(f"{REQUIRE_ENV} is set but {reason}")
        pytest.skip(reason)
    return path


@pytest.fixture(scope="module")
def report_file(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("report") / "report.html"
    write_report(fake_scored_frame(n=200, seed=5), path, source="posts.scored.csv")
    return path


def _keep(screenshot: Path) -> None:
    target = os.environ.get("HOAXGUARD_ARTIFACTS")
    if target:
        Path(target).mkdir(parents=True, exist_ok=True)
        shutil.copy(screenshot, Path(target) / screenshot.name)


def _check_png(data: bytes) -> None:
    assert data.startswith(b"\x89PNG\r\n\x1a\n")
    width = int.from_bytes(data[16:20], "big")
    height = int.from_bytes(data[20:24], "big")
    assert width >= 800 and height >= 600
    assert len(data) > 20_000  # a blank page compresses to a few kB


def _check_probe(result: dict) -> None:
    assert result["title"] == "Laporan Pemantauan Hoaks"
    headings = [" ".join(h.split()) for h in result["headings"]]
    for expected in HEADINGS:
        assert any(h.startswith(expected) for h in headings), (expected, headings)
    images = result["images"]
    assert len(images) == N_IMAGES
    broken = [i["alt"] for i in images if not (i["complete"] and i["w"] > 0 and i["h"] > 0)]
    assert not broken, f"broken images: {broken}"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _call(base: str, method: str, path: str, body: dict | None = None, timeout: float = 60):
    data = None if body is None else json.dumps(body).encode()
    req = urllib.request.Request(
        base + path, data=data, method=method, headers={"Content-Type": "application/json"}
    )
    with urllib.request.urlopen(req, timeout=timeout) as resp:
        return json.loads(resp.read().decode() or "{}").get("value")


def _webdriver_probe(chromium: str, driver: str, url: str, shot: Path, profile: Path) -> dict:
    port = _free_port()
    base = f"http://127.0.0.1:{port}"
    proc = subprocess.Popen(
        [driver, f"--port={port}"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                if _call(base, "GET", "/status", timeout=2).get("ready"):
                    break
            except (urllib.error.URLError, ConnectionError, OSError):
                pass
            if time.monotonic() > deadline:
                raise AssertionError("chromedriver did not start")
            time.sleep(0.2)
        caps = {
            "capabilities": {
                "alwaysMatch": {
                    "browserName": "chrome",
                    "goog:chromeOptions": {
                        "binary": chromium,
                        "args": [*CHROME_ARGS, f"--user-data-dir={profile}"],
                    },
                }
            }
        }
        session = _call(base, "POST", "/session", caps)["sessionId"]
        try:
            _call(base, "POST", f"/session/{session}/url", {"url": url})
            result = _call(
                base, "POST", f"/session/{session}/execute/sync", {"script": PROBE, "args": []}
            )
            png = base64.b64decode(_call(base, "GET", f"/session/{session}/screenshot"))
            shot.write_bytes(png)
        finally:
            _call(base, "DELETE", f"/session/{session}")
        return result
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()


def _cli_probe(chromium: str, report: Path, shot: Path, profile: Path) -> dict:
    # without chromedriver: a copy of the report with a script that writes the probe into the DOM
    probe = report.with_name("probe.html")
    script = (
        "<script>window.addEventListener('load', () => {const r = (() => {"
        + PROBE
        + "})(); document.body.setAttribute('data-probe', JSON.stringify(r));"
        "});</script></body>"
    )
    probe.write_text(
        report.read_text(encoding="utf-8").replace("</body>", script), encoding="utf-8"
    )
    args = [chromium, *CHROME_ARGS, f"--user-data-dir={profile}"]
    subprocess.run(
        [*args, f"--screenshot={shot}", report.as_uri()],
        check=True,
        timeout=120,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    dom = subprocess.run(
        [*args, "--dump-dom", probe.as_uri()],
        check=True,
        timeout=120,
        capture_output=True,
        text=True,
    ).stdout
    import html
    import re

    found = re.search(r'data-probe="([^"]*)"', dom)
    assert found, "probe did not run"
    return json.loads(html.unescape(found.group(1)))


def _probe(chromium: str, report: Path, shot: Path, profile: Path, mode: str) -> dict:
    driver = _find("chromedriver")
    if mode == "webdriver" and driver:
        return _webdriver_probe(chromium, driver, report.as_uri(), shot, profile)
    return _cli_probe(chromium, report, shot, profile)


def test_report_renders_in_chromium(chromium, report_file, tmp_path):
    shot = tmp_path / "report-screenshot.png"
    result = _probe(chromium, report_file, shot, tmp_path / "profile", "webdriver")
    assert result["ready"] == "complete"
    _check_probe(result)
    _check_png(shot.read_bytes())
    _keep(shot)


def test_broken_chart_is_detected(chromium, report_file, tmp_path):
    # the check is not vacuous: a corrupted PNG shows up as a broken image
    broken = tmp_path / "broken.html"
    doc = report_file.read_text(encoding="utf-8")
    broken.write_text(
        doc.replace("data:image/png;base64,iVBOR", "data:image/png;base64,AAAA", 1),
        encoding="utf-8",
    )
    result = _probe(chromium, broken, tmp_path / "shot.png", tmp_path / "profile", "cli")
    with pytest.raises(AssertionError, match="broken images"):
        _check_probe(result)
