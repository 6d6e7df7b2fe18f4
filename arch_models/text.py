"""Text typed by people, made safe at the edges: what input refuses, what exports neutralise.

Input refuses C0 control characters (tab, line feed and carriage return excepted), lone
surrogates, and text made only of invisible characters: they break XLSX and XML exports and
hide what a name really says. Exports write a cell that starts like a formula as text, so a
spreadsheet never runs what a user typed.
"""

from __future__ import annotations

import ipaddress
import re
from urllib.parse import urlsplit, urlunsplit

__all__ = ["FORMULA_STARTS", "TEXT_PROBLEMS", "csv_cell", "is_formula_like", "printable",
           "text_problem", "web_address"]

_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_SURROGATE = re.compile(r"[\ud800-\udfff]")
_INVISIBLE = re.compile(r"[\s\u00ad\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2064\ufeff]+")
#: what a spreadsheet reads as the start of a formula
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def text_problem(value: str) -> str | None:
    """Return why a typed text cannot be stored, as a key of TEXT_PROBLEMS, or None."""
    if _CONTROL.search(value):
        return "control"
    if _SURROGATE.search(value):
        return "surrogate"
    if value.strip() and not _INVISIBLE.sub("", value):  # blank is blank, not invisible
        return "invisible"
    return None


#: each problem in Bahasa Indonesia (the registry translates its own copy of these)
TEXT_PROBLEMS = {
    "control": "Tidak boleh berisi karakter kendali (selain tab dan baris baru).",
    "surrogate": "Berisi karakter Unicode yang rusak (surrogate tunggal).",
    "invisible": "Tidak boleh hanya berisi karakter tak terlihat.",
}


#: what an XLSX or XML file cannot hold: the two classes above in one pass (exports call
#: this on every text cell)
_UNSTORABLE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ud800-\udfff]")


def printable(value: str) -> str:
    """Replace what an XLSX or XML file cannot hold (records stored before input refused it)."""
    return _UNSTORABLE.sub("\ufffd", value)


def is_formula_like(value) -> bool:
    """Tell whether a spreadsheet would read this text as a formula."""
    return isinstance(value, str) and value.startswith(FORMULA_STARTS)


def csv_cell(value):
    """Make a CSV cell: formula-like text gets the usual ``'`` prefix, which import takes off."""
    if is_formula_like(value):
        return "'" + printable(value)
    return printable(value) if isinstance(value, str) else value


_HOST = re.compile(r"^(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$")
#: schemes that must never gain an ``https://`` in front (and are then refused)
_OTHER_SCHEMES = ("javascript:", "vbscript:", "data:", "mailto:", "file:")
_DEFAULT_PORTS = {"http": 80, "https": 443}
#: an address exactly as web_address stores it: lower-case scheme and host, no port, no
#: trailing dot or slash, nothing but URL characters after the host
_STORED = re.compile(r"https?://(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}"
                     r"(?:/[A-Za-z0-9._~%!$&'()*+,;=:@/?#-]*[A-Za-z0-9_~%!$&'()*+,;=:@-])?\Z")


def _valid_host(host: str) -> bool:
    if host == "localhost" or _HOST.match(host):
        return True
    try:
        ipaddress.ip_address(host.strip("[]"))
    except ValueError:
        return False
    return True


def web_address(text: str) -> str:
    """Return a typed web address as stored.

    Only http(s); ``https://`` is added when typed without a scheme (``simpeg.contohprov.go.id``);
    scheme and host in lower case, the default port and trailing dots and slashes dropped
    (``HTTP://SIPD.GO.ID/`` is ``http://sipd.go.id``). The path keeps its case. Hosts may be IP
    addresses or ``localhost`` (the importer notes them).

    :raises ValueError: anything else (``javascript:…``, ``ftp:…``, spaces, no host).
    """
    if _STORED.match(text):
        return text  # already as stored (most addresses, and every export)
    text = text.strip().rstrip("./")
    if any(c.isspace() for c in text):
        raise ValueError(text)
    if "://" not in text and not text.lower().startswith(_OTHER_SCHEMES):
        text = "https://" + text
    parts = urlsplit(text)
    scheme = parts.scheme.lower()
    try:
        port = parts.port
    except ValueError:  # not a number, or past 65535
        raise ValueError(text) from None
    host = (parts.hostname or "").rstrip(".")
    if scheme not in ("http", "https") or not _valid_host(host):
        raise ValueError(text)
    userinfo = parts.netloc.rpartition("@")[0]
    netloc = (f"{userinfo}@" if userinfo else "") + (f"[{host}]" if ":" in host else host)
    if port is not None and port != _DEFAULT_PORTS[scheme]:
        netloc += f":{port}"
    return urlunsplit((scheme, netloc, parts.path.rstrip("/"), parts.query, parts.fragment))
