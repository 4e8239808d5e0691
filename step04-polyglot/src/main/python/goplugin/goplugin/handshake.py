"""Before and at the handshake: the magic cookie, the app protocol version, and the line the host reads on stdout."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable, Iterable, Mapping, Optional, Sequence

CORE_PROTOCOL_VERSION = 1
PROTOCOL = "grpc"

ENV_PROTOCOL_VERSIONS = "PLUGIN_PROTOCOL_VERSIONS"

# go-plugin's message, word for word, so a person at a shell sees the same text whatever the plugin's language.
NOT_A_HOST_MESSAGE = ("This binary is a plugin. These are not meant to be executed directly.\n"
                      "Please execute the program that consumes these plugins, which will\n"
                      "load any plugins automatically\n")


@dataclass(frozen=True)
class HandshakeConfig:
    """What host and plugin agree on beforehand: the app protocol versions this plugin speaks, and the cookie."""

    protocol_versions: Sequence[int]
    magic_cookie_key: str
    magic_cookie_value: str


def cookie_present(env: Mapping[str, str], config: HandshakeConfig) -> bool:
    """True when the host set the magic cookie: ``env[key] == value``."""
    return env.get(config.magic_cookie_key) == config.magic_cookie_value


def parse_versions(value: Optional[str], warn: Callable[[str], None]) -> list[int]:
    """The app versions the host accepts, from ``PLUGIN_PROTOCOL_VERSIONS`` ("1,2,3"); bad entries are reported."""
    versions = []
    for entry in (value or "").split(","):
        if entry.strip():
            try:
                versions.append(int(entry))
            except ValueError:
                warn("the host sent an invalid plugin protocol version %r in %s=%s"
                     % (entry, ENV_PROTOCOL_VERSIONS, value))
    return versions


def negotiate_version(plugin_versions: Iterable[int], host_versions: Iterable[int]) -> int:
    """The highest version both sides know; with none in common the plugin's lowest, which the host then refuses."""
    plugin_versions = list(plugin_versions)
    common = set(plugin_versions) & set(host_versions)
    return max(common) if common else min(plugin_versions)


def handshake_line(core_version: int, app_version: int, network: str, address: str, protocol: str,
                   server_cert: str, multiplex: Optional[bool] = None) -> str:
    """``CORE|APP|NETWORK|ADDR|PROTOCOL|SERVER-CERT``, and ``|MULTIPLEX`` only when the host asked about it.

    Six fields always, as a Go plugin prints them: without AutoMTLS the line ends in ``|``."""
    # workbook:begin python-handshake-line
    fields = [str(core_version), str(app_version), network, address, protocol, server_cert]
    if multiplex is not None:
        fields.append("true" if multiplex else "false")
    return "|".join(fields)
    # workbook:end
