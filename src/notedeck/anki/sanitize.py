"""The one gate every card field passes before it is written into a package.

Fields arrive from the readers as HTML fragments whose text is already escaped
(``a &lt; b`` stays visible as ``a < b``); this module only decides which *markup*
may survive. Cards are studied offline on phones, so nothing may execute, load a
remote resource, or escape the media folder.
"""
from __future__ import annotations

import re
from functools import lru_cache
from html.parser import HTMLParser
from urllib.parse import quote, unquote, urlsplit

import nh3

_TAGS = {"b", "i", "em", "strong", "br", "ul", "ol", "li", "p", "span", "code", "pre", "sub",
         "sup", "table", "thead", "tbody", "tr", "th", "td", "div", "img", "a", "mark"}
_ATTRIBUTES = {"span": {"class"}, "div": {"class"}, "img": {"src", "alt"}, "a": {"href"}}
# script/style bodies are code, not text: drop them instead of showing them on the card
_DROP_WITH_CONTENT = {"script", "style", "noscript", "template", "iframe", "object", "embed",
                      "svg", "math", "textarea", "select"}

# Link schemes a tap may open: the note in Obsidian, or a web page in the browser.
_LINK_SCHEMES = {"obsidian", "https", "http"}

_CLASS_TOKEN = re.compile(r"[A-Za-z][A-Za-z0-9_-]*")
# Names that must never appear in a stored field, even where the allow-list would catch them.
_FORBIDDEN = re.compile(r"^on|^(script|style|iframe|object|embed|link|meta|base|form|svg|math)$", re.I)
_BAD_VALUE = re.compile(r"javascript:|vbscript:|data:|url\s*\(|//", re.I)


def local_media_name(src: str) -> bool:
    """True for a bare file name in Anki's media folder: no scheme, no path escape."""
    plain = unquote(src).strip()
    if not plain or plain.startswith(("/", "\\")) or "\\" in plain or ":" in plain:
        return False
    if any(part in ("..", ".") for part in plain.split("/")):
        return False
    return "/" not in plain  # Anki's media folder is flat


def _attribute_filter(tag: str, attr: str, value: str) -> str | None:
    if tag == "img" and attr == "src":
        return value if local_media_name(value) else None
    if tag == "a" and attr == "href":
        return safe_link(value) or None
    if attr == "class":
        # only plain class names: a class is for the card's CSS, never a place for a URL
        return " ".join(t for t in value.split() if _CLASS_TOKEN.fullmatch(t)) or None
    return value


# What notedeck's own readers produce: escaped text with <b>, <i>, <br>, <code>, <mark>
# and a masked term's <span class="cloze"> only; and what its note types draw from them:
# the <ul>/<ol> of an acronym's or a list's items and an acronym's <span class="ini">
# letters. Such a fragment cannot carry anything active, so it skips the (comparatively
# slow) full clean (ten times this check on an acronym's Expansion). (Written as runs of
# plain characters between the allowed tags and entities: one alternation per character
# made this check a tenth of a cold build.)
_PLAIN = re.compile(r"[^<&]*(?:(?:<(?:/?[bi]|br|/?code|/?mark|/?[ou]l|/?li|"
                    r"span class=\"(?:cloze|ini)\"|/span)>"
                    r"|&(?:amp|lt|gt|quot|#x27|#39);)[^<&]*)*")


def sanitize_html(fragment: str) -> str:
    """Keep a small allow-list of inline/block markup; drop everything that could run or load."""
    if not fragment:
        return ""
    if ("<" not in fragment and "&" not in fragment) or _PLAIN.fullmatch(fragment):
        return fragment
    return nh3.clean(
        fragment,
        tags=_TAGS,
        clean_content_tags=_DROP_WITH_CONTENT,
        attributes=_ATTRIBUTES,
        attribute_filter=_attribute_filter,
        # an absolute URL is dropped unless a tap on it is harmless (a link: safe_link);
        # an image's is dropped whatever its scheme (local_media_name)
        url_schemes=_LINK_SCHEMES,
        strip_comments=True,
        link_rel=None,
    )


class _Audit(HTMLParser):
    """Walks a fragment and records every tag or attribute outside the allow-list."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.problems: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag not in _TAGS or _FORBIDDEN.search(tag):
            self.problems.append(tag)
        for name, value in attrs:
            if name not in _ATTRIBUTES.get(tag, ()) or _FORBIDDEN.search(name):
                self.problems.append(f"{tag}[{name}]")
            elif name == "src" and not local_media_name(value or ""):
                self.problems.append(f"{tag}[src={value}]")
            elif name == "href" and safe_link(value or "") != value:
                self.problems.append(f"{tag}[href={value}]")
            elif name == "class" and _BAD_VALUE.search(value or ""):
                self.problems.append(f"{tag}[{name}={value}]")

    handle_startendtag = handle_starttag


def is_safe(fragment: str) -> bool:
    """The sanitiser's own verdict: a fixed point of sanitize_html with no forbidden markup."""
    if sanitize_html(fragment) != fragment:
        return False
    audit = _Audit()
    audit.feed(fragment)
    audit.close()
    return not audit.problems


@lru_cache(maxsize=4096)
def safe_link(uri: str) -> str:
    """The URI if a tap on it is harmless (obsidian://, http(s)://), else "".

    Characters that could end the href attribute or the tag are percent-encoded, so
    the template may place the value inside ``href="..."`` as it is.
    """
    uri = uri.strip()
    if not uri or any(ord(ch) < 32 for ch in uri):
        return ""
    try:
        scheme = urlsplit(uri).scheme.lower()
    except ValueError:
        return ""
    if scheme not in _LINK_SCHEMES:
        return ""
    return quote(uri, safe="/:?#[]@!$&()*+,;=%~-._")
