"""The catalogues are whole: every string extracted from the templates and the Python of the pages
and the daily report has a translation in Russian and in Turkish (not empty, not fuzzy, with the
same placeholders), and no template shows English that does not go through `_()`."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_dir
from babel.messages.frontend import parse_mapping_cfg
from babel.messages.pofile import read_po
from jinja2 import Environment, FileSystemLoader, nodes

from ceasefire import i18n

ROOT = Path(__file__).resolve().parents[2]
KEYWORDS = {"_": None, "N_": None, "ngettext": (1, 2)}
TEMPLATE_DIRS = [ROOT / "src/ceasefire/web/templates", ROOT / "src/ceasefire/reports/templates"]
PLACEHOLDER = re.compile(r"\{[a-z_]+\}|%\([a-z_]+\)s")


def extracted() -> dict[str, str]:
    """msgid -> where it was found, as `make messages` extracts them (babel.cfg)."""
    with (ROOT / "babel.cfg").open(encoding="utf-8") as f:
        method_map, options_map = parse_mapping_cfg(f)
    found: dict[str, str] = {}
    for filename, line, message, _comments, _context in extract_from_dir(
        str(ROOT),
        method_map,
        options_map,
        keywords=KEYWORDS,
        directory_filter=lambda path: Path(path).resolve().is_relative_to(ROOT / "src"),
    ):
        msgid = message if isinstance(message, str) else message[0]
        found.setdefault(msgid, f"{filename}:{line}")
    return found


def catalogue(language: str) -> Catalog:
    with i18n.po_file(language).open("rb") as f:
        return read_po(f, locale=language)


def test_extraction_finds_the_pages_and_the_report() -> None:
    found = extracted()
    assert "Sign in" in found and "Daily report {day}" in found and "confirmed" in found
    assert len(found) > 400


@pytest.mark.parametrize("language", ["ru", "tr"])
def test_every_string_shown_has_a_translation(language: str) -> None:
    messages = {
        (m.id if isinstance(m.id, str) else m.id[0]): m for m in catalogue(language) if m.id
    }
    problems = []
    for msgid, where in sorted(extracted().items()):
        message = messages.get(msgid)
        strings = (
            [message.string] if message is not None and isinstance(message.string, str) else []
        ) or list(message.string if message is not None else ())
        if message is None:
            problems.append(f"{where}: {msgid!r} is not in {language} (make messages)")
        elif message.fuzzy or not strings or not all(s.strip() for s in strings):
            problems.append(f"{where}: {msgid!r} has no {language} translation (empty or fuzzy)")
        else:
            source = msgid if isinstance(message.id, str) else message.id[0]
            for text in strings:
                if sorted(PLACEHOLDER.findall(text)) != sorted(PLACEHOLDER.findall(source)):
                    problems.append(f"{where}: {msgid!r} in {language} changes the placeholders")
    assert problems == [], "\n".join(problems)


@pytest.mark.parametrize("language", ["ru", "tr"])
def test_a_catalogue_compiles_and_translates(language: str) -> None:
    with i18n.use_language(language):
        assert i18n._("Sign in") != "Sign in"
        assert "1" in i18n.ngettext("%(num)s incident", "%(num)s incidents", 1) % {"num": 1}


# Visible English a template may carry as it is: codes, formats and names, kept short.
ALLOWED_WORDS = {
    "SHA", "UTC", "ISO", "ISO3", "JSON", "PDF", "HTML", "CSV", "API", "PEM", "GeoJSON",
    "AZE", "ARM", "RUS", "TUR",
}  # fmt: skip
VISIBLE_ATTRIBUTES = {"title", "placeholder", "aria-label", "alt", "label"}
WORD = re.compile(r"[A-Za-z]{2,}(?:['’-][A-Za-z]+)*")
GAP = "\u2063"  # brackets the number of an expression between two pieces of template text
MARK = re.compile(GAP + r"(\d+)" + GAP)


class _Visible(HTMLParser):
    """The text a page shows: its text and its visible attributes, not scripts, styles, code."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.texts: list[str] = []
        self._skip = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in {"script", "style", "code"}:
            self._skip += 1
        self.texts += [v for k, v in attrs if k in VISIBLE_ATTRIBUTES and v]

    def handle_endtag(self, tag: str) -> None:
        if tag in {"script", "style", "code"} and self._skip:
            self._skip -= 1

    def handle_data(self, data: str) -> None:
        if not self._skip:
            self.texts.append(data)


def _printed(expr: nodes.Node) -> list[str]:
    """The string constants an expression prints as they are (`x or "none"`), not `_()`'s."""
    if isinstance(expr, nodes.Const):
        return [expr.value] if isinstance(expr.value, str) else []
    if isinstance(expr, nodes.CondExpr):
        return _printed(expr.expr1) + (_printed(expr.expr2) if expr.expr2 is not None else [])
    if isinstance(expr, nodes.Or | nodes.And):
        return _printed(expr.left) + _printed(expr.right)
    if isinstance(expr, nodes.Concat):
        return [c for n in expr.nodes for c in _printed(n)]
    if isinstance(expr, nodes.Filter) and expr.node is not None:
        return _printed(expr.node)
    return []


def untranslated_english(source: str, env: Environment) -> list[str]:
    """The English words a template would show that no `_()` translates."""
    pieces: list[str] = []
    constants: list[list[str]] = []
    for output in env.parse(source).find_all(nodes.Output):
        for node in output.nodes:
            if isinstance(node, nodes.TemplateData):
                pieces.append(node.data)
            else:
                pieces.append(f"{GAP}{len(constants)}{GAP}")
                constants.append(_printed(node))
    parser = _Visible()
    parser.feed("".join(pieces))
    parser.close()
    texts = [
        piece
        for text in parser.texts
        for piece in [
            MARK.sub(" ", text),
            *(c for k in MARK.findall(text) for c in constants[int(k)]),
        ]
    ]
    return [w for text in texts for w in WORD.findall(text) if w not in ALLOWED_WORDS]


def _templates() -> list[Path]:
    return sorted(p for d in TEMPLATE_DIRS for p in d.glob("*.html"))


@pytest.mark.parametrize("path", _templates(), ids=lambda p: p.name)
def test_no_template_shows_english_outside_the_catalogue(path: Path) -> None:
    env = Environment(
        loader=FileSystemLoader([str(d) for d in TEMPLATE_DIRS]), extensions=["jinja2.ext.i18n"]
    )
    words = untranslated_english(path.read_text(encoding="utf-8"), env)
    assert words == [], f"{path.name}: wrap in _() or {{% trans %}}: {words}"


@pytest.mark.parametrize(
    ("template", "caught"),
    [
        ("<p>Nothing here</p>", ["Nothing", "here"]),
        ('<input placeholder="your name">', ["your", "name"]),
        ('{{ value or "none" }}', ["none"]),
        ("<p>{{ _('Nothing here') }}</p>", []),
        ("<p>{% trans %}Nothing here{% endtrans %}</p>", []),
        ("<p class=\"{{ 'open' if x else 'closed' }}\">{{ x or \"nobody\" }}</p>", ["nobody"]),
        ("<p>SHA-256 <code>abc</code> · {{ x }}</p>", []),
        ("<style>body { font-family: sans-serif }</style>", []),
    ],
)
def test_the_template_check_catches_bare_english(template: str, caught: list[str]) -> None:
    env = Environment(extensions=["jinja2.ext.i18n"])
    assert untranslated_english(template, env) == caught
