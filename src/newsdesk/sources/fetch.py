"""Fetch one web page over HTTP(S), with the guards a crawler fed untrusted URLs needs.

- Only ``http`` and ``https``.
- The host name is resolved here and the connection goes to an address that was checked:
  private, loopback, link-local, reserved, shared and multicast addresses are refused unless
  ``allow_private``. Pinning the checked address (Host header and TLS SNI keep the name, so
  certificates are still verified against it) means a DNS answer that changes between the
  check and the connection (DNS rebinding) cannot steer the request inside the network.
- Redirects are followed by hand, at most ``max_redirects``, each hop checked like the first.
- One wall-clock deadline covers the whole fetch (all hops, slow trickling bodies included);
  the body is streamed and abandoned once it passes ``max_bytes`` (counted after
  decompression, so a gzip bomb stops early too).
"""

from __future__ import annotations

import ipaddress
import os
import socket
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from concurrent.futures import TimeoutError as FutureTimeout
from dataclasses import dataclass, field
from functools import lru_cache
from urllib.parse import urljoin, urlsplit, urlunsplit

import httpx

from newsdesk.errors import FetchError
from newsdesk.options import DEFAULT_OPTIONS, Options

_SCHEMES = frozenset({"http", "https"})
_REDIRECTS = frozenset({301, 302, 303, 307, 308})
# Responses whose media type says they are not a page are refused before the body is read.
_PAGE_TYPES = ("text/", "application/xhtml", "application/xml", "application/rss", "application/atom")
IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address
Policy = Callable[[IPAddress], bool]


@dataclass(frozen=True)
class Fetched:
    """A fetched page: its bytes and what the server said about them."""

    url: str
    final_url: str
    status_code: int
    content_type: str | None
    content: bytes
    address: str
    redirects: tuple[str, ...] = field(default_factory=tuple)
    seconds: float = 0.0


def fetch(
    url: str,
    options: Options = DEFAULT_OPTIONS,
    *,
    client: httpx.Client | None = None,
    address_allowed: Policy | None = None,
) -> Fetched:
    """GET ``url`` within ``options.timeout`` seconds and ``options.max_bytes`` bytes.

    ``address_allowed`` replaces the public-address policy (an intranet allow-list, say);
    ``options.allow_private`` turns the policy off. Raises ``FetchError`` with a precise
    reason for every refusal or failure.
    """
    policy = None if options.allow_private else (address_allowed or is_public_address)
    started = time.monotonic()
    deadline = started + options.timeout
    own_client = client is None
    session = client or httpx.Client(trust_env=False, follow_redirects=False, http2=False)
    try:
        current = url
        redirects: list[str] = []
        while True:
            response_or_location = _one_hop(session, current, options, deadline, policy)
            if isinstance(response_or_location, Fetched):
                result = response_or_location
                return Fetched(
                    url=url,
                    final_url=current,
                    status_code=result.status_code,
                    content_type=result.content_type,
                    content=result.content,
                    address=result.address,
                    redirects=tuple(redirects),
                    seconds=round(time.monotonic() - started, 4),
                )
            if len(redirects) >= options.max_redirects:
                raise FetchError(f"too many redirects (more than {options.max_redirects}) from {url}")
            try:
                current = urljoin(current, response_or_location)
            except ValueError as error:
                raise FetchError(f"malformed redirect from {current}: {error}") from error
            redirects.append(current)
    finally:
        if own_client:
            session.close()


def _one_hop(
    client: httpx.Client,
    url: str,
    options: Options,
    deadline: float,
    policy: Policy | None,
) -> Fetched | str:
    """Fetch one URL without following redirects: the page, or the redirect's Location."""
    try:
        parts = urlsplit(url)
    except ValueError as error:
        raise FetchError(f"malformed URL {url!r}: {error}") from error
    scheme = parts.scheme.lower()
    if scheme not in _SCHEMES:
        raise FetchError(f"refused URL scheme {parts.scheme or '(none)'!r}: only http and https are fetched")
    host = parts.hostname
    if not host:
        raise FetchError(f"URL has no host: {url}")
    try:
        host = host.encode("idna").decode("ascii")  # internationalised names go out as punycode
        port = parts.port or (443 if scheme == "https" else 80)
    except (UnicodeError, ValueError) as error:
        raise FetchError(f"invalid host or port in {url}: {error}") from error
    address = _checked_address(host, port, policy, timeout=_remaining(deadline, url))

    pinned_host = f"[{address}]" if address.version == 6 else str(address)
    netloc = pinned_host if parts.port is None else f"{pinned_host}:{parts.port}"
    pinned_url = urlunsplit((scheme, netloc, parts.path or "/", parts.query, ""))
    host_header = host if parts.port is None else f"{host}:{parts.port}"
    if ":" in host:
        host_header = f"[{host}]" if parts.port is None else f"[{host}]:{parts.port}"
    try:
        request = client.build_request(
            "GET",
            pinned_url,
            headers={
                "Host": host_header,
                "User-Agent": options.user_agent,
                "Accept": "text/html,application/xhtml+xml,text/plain;q=0.9,*/*;q=0.5",
            },
            timeout=httpx.Timeout(_remaining(deadline, url)),
            extensions={"sni_hostname": host} if scheme == "https" else {},
        )
    except httpx.InvalidURL as error:
        raise FetchError(f"malformed URL {url!r}: {error}") from error
    try:
        response = client.send(request, stream=True)
    except httpx.TimeoutException as error:
        raise FetchError(f"timed out after {options.timeout:g} s fetching {url}") from error
    except httpx.HTTPError as error:
        raise FetchError(f"could not fetch {url}: {type(error).__name__}: {error}") from error
    try:
        if response.status_code in _REDIRECTS:
            location = response.headers.get("location")
            if not location:
                raise FetchError(f"HTTP {response.status_code} redirect without a Location from {url}")
            return location
        if response.status_code >= 400:
            raise FetchError(f"HTTP {response.status_code} {response.reason_phrase} from {url}")
        content_type = response.headers.get("content-type")
        media_type = (content_type or "").split(";", 1)[0].strip().lower()
        if media_type and not media_type.startswith(_PAGE_TYPES):
            raise FetchError(f"not a web page: {url} is {media_type}")
        declared = response.headers.get("content-length", "")
        if declared.isdigit() and int(declared) > options.max_bytes:
            raise FetchError(f"response too large: {declared} bytes declared, limit {options.max_bytes}")
        content = _read_body(response, url, options, deadline)
        return Fetched(
            url=url,
            final_url=url,
            status_code=response.status_code,
            content_type=content_type,
            content=content,
            address=str(address),
        )
    finally:
        response.close()


def _read_body(response: httpx.Response, url: str, options: Options, deadline: float) -> bytes:
    chunks: list[bytes] = []
    size = 0
    try:
        for chunk in response.iter_bytes():
            size += len(chunk)
            if size > options.max_bytes:
                raise FetchError(f"response too large: more than {options.max_bytes} bytes from {url}")
            chunks.append(chunk)
            _remaining(deadline, url)
    except httpx.TimeoutException as error:
        raise FetchError(f"timed out after {options.timeout:g} s reading {url}") from error
    except httpx.HTTPError as error:
        raise FetchError(f"broken response from {url}: {type(error).__name__}: {error}") from error
    return b"".join(chunks)


def _remaining(deadline: float, url: str) -> float:
    left = deadline - time.monotonic()
    if left <= 0:
        raise FetchError(f"timed out: fetching {url} took longer than its time budget")
    return left


def _checked_address(host: str, port: int, policy: Policy | None, *, timeout: float) -> IPAddress:
    """Resolve ``host`` and return the first address ``policy`` lets a request go to."""
    # getaddrinfo has no timeout of its own: run it where the fetch's deadline can bound it.
    lookup = _resolver(os.getpid()).submit(socket.getaddrinfo, host, port, type=socket.SOCK_STREAM)
    try:
        infos = lookup.result(timeout=timeout)
    except FutureTimeout as error:
        raise FetchError(f"timed out resolving host {host!r}") from error
    except (socket.gaierror, UnicodeError) as error:
        raise FetchError(f"cannot resolve host {host!r}: {error}") from error
    addresses = [ipaddress.ip_address(str(info[4][0]).split("%", 1)[0]) for info in infos]
    if not addresses:
        raise FetchError(f"host {host!r} has no address")
    if policy is None:
        return addresses[0]
    for address in addresses:
        if policy(address):
            return address
    raise FetchError(
        f"refused: {host} resolves to a non-public address ({addresses[0]}); "
        "pass allow_private (--allow-private) to fetch from private networks"
    )


@lru_cache(maxsize=1)
def _resolver(pid: int) -> ThreadPoolExecutor:
    """One resolver pool per process: a pool inherited through fork has no live threads."""
    return ThreadPoolExecutor(max_workers=4, thread_name_prefix="newsdesk-dns")


def is_public_address(address: IPAddress) -> bool:
    """True for globally routable unicast addresses only."""
    if isinstance(address, ipaddress.IPv6Address):
        embedded = address.ipv4_mapped or address.sixtofour or (address.teredo or (None, None))[1]
        if embedded is not None and not is_public_address(embedded):
            return False
    return address.is_global and not address.is_multicast and not address.is_reserved
