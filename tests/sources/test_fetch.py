"""``fetch`` against a real loopback server: allow_private to fetch, the default to be refused."""

from __future__ import annotations

import ipaddress
import socket
import time
from typing import Any

import pytest
from loopback_server import ARTICLE, LoopbackSite

import newsdesk
from newsdesk.errors import FetchError
from newsdesk.options import Options
from newsdesk.sources.fetch import fetch, is_public_address

PRIVATE = Options(allow_private=True, timeout=5.0)


def test_fetches_a_page_and_it_extracts(loopback_site: LoopbackSite) -> None:
    fetched = fetch(loopback_site.url("/article"), PRIVATE)
    assert fetched.status_code == 200
    assert fetched.content == ARTICLE
    assert fetched.content_type and fetched.content_type.startswith("text/html")
    article = newsdesk.extract(fetched.content, url=fetched.final_url, content_type=fetched.content_type)
    assert "river bridge reopened" in article.text


def test_sends_a_real_user_agent(loopback_site: LoopbackSite) -> None:
    echoed = fetch(loopback_site.url("/echo-headers"), PRIVATE).content.decode()
    assert f"User-Agent: {PRIVATE.user_agent}" in echoed
    assert "newsdesk/" in PRIVATE.user_agent


def test_connects_to_the_checked_address_but_keeps_the_host_name(loopback_site: LoopbackSite) -> None:
    fetched = fetch(f"http://localhost:{loopback_site.port}/echo-headers", PRIVATE)
    assert ipaddress.ip_address(fetched.address).is_loopback
    assert f"Host: localhost:{loopback_site.port}" in fetched.content.decode()


def test_follows_redirects_and_reports_them(loopback_site: LoopbackSite) -> None:
    fetched = fetch(loopback_site.url("/chain/2"), PRIVATE)
    assert fetched.final_url == loopback_site.url("/article")
    assert fetched.redirects == (
        loopback_site.url("/chain/1"),
        loopback_site.url("/chain/0"),
        loopback_site.url("/article"),
    )


def test_redirects_are_bounded(loopback_site: LoopbackSite) -> None:
    with pytest.raises(FetchError, match="too many redirects"):
        fetch(loopback_site.url("/chain/10"), Options(allow_private=True, max_redirects=3))


# --------------------------------------------------------------------------- refusals


def test_loopback_is_refused_by_default(loopback_site: LoopbackSite) -> None:
    before = len(loopback_site.requests)
    with pytest.raises(FetchError, match="non-public address"):
        fetch(loopback_site.url("/article"))
    assert len(loopback_site.requests) == before, "refused before any connection"


@pytest.mark.parametrize(
    "url",
    [
        "http://localhost/",
        "http://[::1]/",
        "http://10.0.0.8/",
        "http://192.168.1.1/admin",
        "http://172.16.0.1/",
        "http://169.254.169.254/latest/meta-data/",
        "http://100.64.0.1/",
        "http://0.0.0.0/",
        "http://224.0.0.1/",
        "http://240.0.0.1/",
        "http://2130706433/",
        "http://0x7f000001/",
        "http://[::ffff:127.0.0.1]/",
        "http://[fe80::1]/",
        "http://[fc00::1]/",
    ],
)
def test_non_public_addresses_are_refused(url: str) -> None:
    with pytest.raises(FetchError, match=r"non-public address|cannot resolve"):
        fetch(url, Options(timeout=2.0))


@pytest.mark.parametrize(
    "url",
    [
        "file:///etc/passwd",
        "ftp://example.com/file",
        "gopher://example.com/",
        "javascript:alert(1)",
        "/relative",
    ],
)
def test_only_http_and_https(url: str) -> None:
    with pytest.raises(FetchError, match="scheme"):
        fetch(url)


def test_redirect_to_a_file_url_is_refused(loopback_site: LoopbackSite) -> None:
    with pytest.raises(FetchError, match="scheme 'file'"):
        fetch(loopback_site.url("/redirect-to-file"), PRIVATE)


def test_each_redirect_hop_is_checked_again(loopback_site: LoopbackSite) -> None:
    """The first hop is allowed, the redirect target (another loopback address) is not."""
    only_the_site = ipaddress.ip_address("127.0.0.1")
    with pytest.raises(FetchError, match=r"non-public address \(127\.0\.0\.2\)"):
        fetch(
            loopback_site.url("/redirect-to-other-loopback"),
            Options(timeout=5.0),
            address_allowed=lambda address: address == only_the_site,
        )


def test_public_address_policy() -> None:
    assert is_public_address(ipaddress.ip_address("93.184.216.34"))
    assert is_public_address(ipaddress.ip_address("2606:4700::1111"))
    for address in (
        "127.0.0.1",
        "10.1.2.3",
        "169.254.1.1",
        "::1",
        "::ffff:10.0.0.1",
        "ff02::1",
        "2002:7f00:1::1",
    ):
        assert not is_public_address(ipaddress.ip_address(address)), address


# --------------------------------------------------------------------------- hostile responses


def test_http_errors_are_fetch_errors(loopback_site: LoopbackSite) -> None:
    with pytest.raises(FetchError, match="HTTP 404"):
        fetch(loopback_site.url("/missing"), PRIVATE)


def test_non_page_content_types_are_refused(loopback_site: LoopbackSite) -> None:
    with pytest.raises(FetchError, match=r"not a web page.*image/png"):
        fetch(loopback_site.url("/image"), PRIVATE)


def test_declared_oversize_is_refused_before_reading(loopback_site: LoopbackSite) -> None:
    with pytest.raises(FetchError, match="too large"):
        fetch(loopback_site.url("/huge-declared"), Options(allow_private=True, max_bytes=1_000_000))


def test_streamed_oversize_is_cut_off(loopback_site: LoopbackSite) -> None:
    with pytest.raises(FetchError, match="too large"):
        fetch(loopback_site.url("/huge-streamed"), Options(allow_private=True, max_bytes=1_000_000))


def test_gzip_bomb_is_cut_off_after_decompression(loopback_site: LoopbackSite) -> None:
    with pytest.raises(FetchError, match="too large"):
        fetch(loopback_site.url("/gzip-bomb"), Options(allow_private=True, max_bytes=1_000_000))


def test_slow_server_times_out(loopback_site: LoopbackSite) -> None:
    started = time.monotonic()
    with pytest.raises(FetchError, match="timed out"):
        fetch(loopback_site.url("/slow-headers"), Options(allow_private=True, timeout=0.5))
    assert time.monotonic() - started < 2.5


def test_trickling_body_is_bounded_by_the_total_deadline(loopback_site: LoopbackSite) -> None:
    """Each read is quick (0.2 s apart), but the whole fetch may not exceed the budget."""
    started = time.monotonic()
    with pytest.raises(FetchError, match="timed out"):
        fetch(loopback_site.url("/trickle"), Options(allow_private=True, timeout=1.0))
    assert time.monotonic() - started < 3


def test_dns_rebinding_cannot_redirect_the_connection(
    loopback_site: LoopbackSite, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The name is resolved once; a second lookup (as a client resolving again at connect time
    would make) answers with another address, where nothing listens."""
    real_getaddrinfo = socket.getaddrinfo
    lookups: list[str] = []

    def rebinding_dns(host: str, *args: Any, **kwargs: Any) -> Any:
        if host == "rebinding.test":
            lookups.append(host)
            host = "127.0.0.1" if len(lookups) == 1 else "127.0.0.9"
        return real_getaddrinfo(host, *args, **kwargs)

    monkeypatch.setattr(socket, "getaddrinfo", rebinding_dns)
    fetched = fetch(f"http://rebinding.test:{loopback_site.port}/echo-headers", PRIVATE)
    assert lookups == ["rebinding.test"]
    assert fetched.address == "127.0.0.1"
    assert f"Host: rebinding.test:{loopback_site.port}" in fetched.content.decode()


def test_internationalised_host_names_are_sent_as_punycode(
    loopback_site: LoopbackSite, monkeypatch: pytest.MonkeyPatch
) -> None:
    real_getaddrinfo = socket.getaddrinfo

    def local_dns(host: str, *args: Any, **kwargs: Any) -> Any:
        return real_getaddrinfo("127.0.0.1" if host == "xn--bcher-kva.test" else host, *args, **kwargs)

    monkeypatch.setattr(socket, "getaddrinfo", local_dns)
    fetched = fetch(f"http://bücher.test:{loopback_site.port}/echo-headers", PRIVATE)
    assert f"Host: xn--bcher-kva.test:{loopback_site.port}" in fetched.content.decode()


@pytest.mark.parametrize("url", ["http://example.com:99999/", "http://exa mple.com/", "http://[::1/"])
def test_malformed_urls_are_fetch_errors(url: str) -> None:
    with pytest.raises(FetchError):
        fetch(url, Options(timeout=2.0))
