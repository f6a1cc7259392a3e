"""The HTML report in a real browser: headless Chromium, no network, no extra Python packages.

Chromium is driven from the command line: `--dump-dom` returns the page after its script ran
(the filter reads its state from the URL hash, and the page writes a self-check of loaded
resources and script errors into #kladoc-selfcheck), `--screenshot` takes the pictures, and
`--enable-logging=stderr` shows every console message. Skipped when no Chromium is installed
(CI installs Debian's `chromium`). Set KLADOC_CHROMIUM to use another binary and
KLADOC_SCREENSHOTS to a folder to keep the screenshots."""

from __future__ import annotations

import html as html_lib
import itertools
import json
import os
import re
import shutil
import signal
import subprocess
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest
from PIL import Image

from kladoc.check import CheckResult, run_check
from kladoc.report.html import write_html
from kladoc.report.view import report_data
from tests.dossier_factory import one_of_each, plain_pdf

SCRIPT_NAME = "<script>alert(1)<script>.pdf"
IMG_NAME = "<img src=x onerror=alert(1)>.pdf"
NAMES = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable", "chrome")
_profiles = itertools.count()


def _find_chromium() -> str | None:
    wanted = os.environ.get("KLADOC_CHROMIUM")
    if wanted:
        return wanted if Path(wanted).is_file() else shutil.which(wanted)
    return next((found for n in NAMES if (found := shutil.which(n))), None)


@pytest.fixture(scope="module")
def chromium() -> str:
    found = _find_chromium()
    if not found:
        pytest.skip("no Chromium binary (apt-get install -y chromium, or set KLADOC_CHROMIUM)")
    return found


def run_chromium(
    chromium: str, workdir: Path, url: str, *args: str, timeout: float = 60
) -> subprocess.CompletedProcess[str]:
    profile = workdir / f"profile-{next(_profiles)}"
    cmd = [
        chromium,
        "--headless",
        "--no-sandbox",  # CI runs as root in a container
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--disable-extensions",
        "--no-first-run",
        "--no-default-browser-check",
        "--hide-scrollbars",
        f"--user-data-dir={profile}",
        "--enable-logging=stderr",
        "--v=0",
        *args,
        url,
    ]
    # own session, so a hung browser is ended with all its helper processes
    with subprocess.Popen(
        cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, start_new_session=True
    ) as child:
        try:
            out, err = child.communicate(timeout=timeout)
        except subprocess.TimeoutExpired:
            os.killpg(child.pid, signal.SIGKILL)
            child.communicate()
            pytest.fail(f"Chromium did not finish within {timeout:g} s (a dialog or a hang)")
    proc = subprocess.CompletedProcess(cmd, child.returncode, out, err)
    assert proc.returncode == 0, proc.stderr[-2000:]
    return proc


def dump_dom(chromium: str, workdir: Path, url: str, *args: str) -> tuple[str, list[str]]:
    """The DOM after the page's script ran, and the page's console messages."""
    proc = run_chromium(chromium, workdir, url, "--virtual-time-budget=5000", *args, "--dump-dom")
    console = [line for line in proc.stderr.splitlines() if ":CONSOLE" in line]
    return proc.stdout, console


def selfcheck(dom: str) -> dict[str, Any]:
    m = re.search(r'<div id="kladoc-selfcheck" hidden="">(.*?)</div>', dom, re.DOTALL)
    assert m, "the page's script did not run"
    return json.loads(html_lib.unescape(m.group(1)))


class Findings(HTMLParser):
    """The findings list as the browser left it: attributes, visibility and text."""

    def __init__(self) -> None:
        super().__init__()
        self.items: list[dict[str, Any]] = []
        self.scripts = 0
        self._depth = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        if tag == "script":
            self.scripts += 1
        if tag == "li" and "finding" in (a.get("class") or ""):
            self.items.append(
                {
                    "severity": a["data-severity"],
                    "opds": (a["data-opd"] or "").split(),
                    "hidden": "hidden" in a,
                    "text": "",
                }
            )
            self._depth = 1
        elif self._depth and tag not in ("br", "img", "input"):
            self._depth += 1

    def handle_endtag(self, tag: str) -> None:
        if self._depth:
            self._depth -= 1

    def handle_data(self, data: str) -> None:
        if self._depth:
            self.items[-1]["text"] += data


def parse(dom: str) -> Findings:
    p = Findings()
    p.feed(dom)
    return p


@pytest.fixture(scope="module")
def report(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, CheckResult]:
    root = one_of_each(tmp_path_factory.mktemp("browser") / "dossier")
    plain_pdf(root / SCRIPT_NAME, "Lampiran 2025")
    plain_pdf(root / IMG_NAME, "Lampiran 2025")
    result = run_check(root, jobs=2)
    out = tmp_path_factory.mktemp("html") / "laporan.html"
    write_html(result, out)
    return out, result


def test_page_loads_nothing_and_logs_nothing(chromium: str, report, tmp_path: Path) -> None:
    path, result = report
    dom, console = dump_dom(chromium, tmp_path, path.as_uri())
    check = selfcheck(dom)
    assert check["resources"] == 0, check["urls"]  # performance resource entries
    assert check["blocked"] == []  # nothing the Content-Security-Policy had to stop
    assert check["errors"] == []
    assert console == []  # no console.log/error, no CSP report, no uncaught exception
    items = parse(dom).items
    assert len(items) == len(result.findings)
    assert not any(i["hidden"] for i in items)  # no filter in the URL: everything shows


def _expected(result: CheckResult, severity: str, opd: str) -> list[bool]:
    shown = []
    for f in report_data(result)["findings"]:
        involved = f["involved"] or ["-"]
        shown.append((not severity or f["severity"] == severity) and (not opd or opd in involved))
    return shown


@pytest.mark.parametrize(
    ("fragment", "severity", "opd"),
    [
        ("severity=error", "error", ""),
        ("severity=warning&opd=dp3a", "warning", "dp3a"),
        ("opd=dinkes", "", "dinkes"),  # includes the gaps of the indicators Dinkes answers for
        ("severity=info&opd=-", "info", "-"),  # findings tied to no OPD
        ("opd=no-such-office", "", ""),  # unknown values fall back to "all"
    ],
)
def test_filter_by_severity_and_opd(
    chromium: str, report, tmp_path: Path, fragment: str, severity: str, opd: str
) -> None:
    path, result = report
    dom, console = dump_dom(chromium, tmp_path, f"{path.as_uri()}#{fragment}")
    assert console == []
    items = parse(dom).items
    want = _expected(result, severity, opd)
    assert [not i["hidden"] for i in items] == want
    check = selfcheck(dom)
    assert (check["severity"], check["opd"]) == (severity, opd)
    assert check["shown"] == sum(want)
    assert f"Menampilkan {sum(want)} dari {len(items)} temuan" in dom
    empty_hidden = re.search(r'<p class="empty" id="f-empty"( hidden="")?>', dom)
    assert empty_hidden and bool(empty_hidden.group(1)) == (sum(want) > 0)
    if severity:
        assert all(i["severity"] == severity for i in items if not i["hidden"])
    if opd == "dinkes":
        texts = [i["text"] for i in items if not i["hidden"]]
        assert any("3a" in t and "belum punya bukti" in t for t in texts)


def test_an_empty_filter_result_says_so(chromium: str, report, tmp_path: Path) -> None:
    path, result = report
    combos = [
        (s, o)
        for s in ("error", "warning", "info")
        for o in {"-"} | {o for f in report_data(result)["findings"] for o in f["involved"]}
        if not any(_expected(result, s, o))
    ]
    assert combos, "the fixture should have a severity/OPD pair without findings"
    severity, opd = sorted(combos)[0]
    dom, _ = dump_dom(chromium, tmp_path, f"{path.as_uri()}#severity={severity}&opd={opd}")
    assert all(i["hidden"] for i in parse(dom).items)
    assert '<p class="empty" id="f-empty">' in dom


def test_file_names_with_markup_stay_text(chromium: str, report, tmp_path: Path) -> None:
    path, _ = report
    dom, console = dump_dom(chromium, tmp_path, path.as_uri())
    assert console == []
    page = parse(dom)
    assert page.scripts == 2  # the page's own two; the file name added none
    texts = " ".join(i["text"] for i in page.items)
    assert SCRIPT_NAME in texts
    assert IMG_NAME in texts
    assert selfcheck(dom)["resources"] == 0  # the <img …> name did not become an image


def test_screenshots_desktop_and_phone(chromium: str, report, tmp_path: Path) -> None:
    path, _ = report
    keep = os.environ.get("KLADOC_SCREENSHOTS")
    for name, (width, height) in {"desktop": (1280, 2400), "phone": (390, 2400)}.items():
        png = tmp_path / f"laporan-{name}.png"
        run_chromium(
            chromium,
            tmp_path,
            path.as_uri(),
            f"--window-size={width},{height}",
            "--virtual-time-budget=5000",
            f"--screenshot={png}",
        )
        with Image.open(png) as im:
            assert im.size == (width, height)
            colours = im.convert("RGB").getcolors(maxcolors=1 << 16)
            assert colours is None or len(colours) > 50  # a rendered page, not a blank one
        if keep:
            Path(keep).mkdir(parents=True, exist_ok=True)
            shutil.copy2(png, Path(keep) / png.name)


def test_no_sideways_scrolling_on_a_390px_phone(chromium: str, report, tmp_path: Path) -> None:
    """Headless windows are at least 500 px wide, so the page is measured inside a 390 px
    iframe of a test-only wrapper page (file pages may read each other with
    --allow-file-access-from-files)."""
    path, _ = report
    wrapper = tmp_path / "phone.html"
    wrapper.write_text(
        f"""<!DOCTYPE html><html><body style="margin:0">
<iframe id="f" src="{path.as_uri()}" style="width:390px;height:844px;border:0"></iframe>
<pre id="out"></pre>
<script>
document.getElementById("f").addEventListener("load", function () {{
  var w = this.contentWindow, d = this.contentDocument;
  document.getElementById("out").textContent = JSON.stringify({{
    width: w.innerWidth, scroll: d.documentElement.scrollWidth,
    check: JSON.parse(d.getElementById("kladoc-selfcheck").textContent)
  }});
}});
</script></body></html>""",
        encoding="utf-8",
    )
    dom, console = dump_dom(chromium, tmp_path, wrapper.as_uri(), "--allow-file-access-from-files")
    assert console == []
    m = re.search(r'<pre id="out">(.*?)</pre>', dom, re.DOTALL)
    assert m and m.group(1), "the wrapper could not measure the report"
    measured = json.loads(html_lib.unescape(m.group(1)))
    assert measured["width"] == 390
    assert measured["scroll"] <= measured["width"]
    assert measured["check"]["resources"] == 0
