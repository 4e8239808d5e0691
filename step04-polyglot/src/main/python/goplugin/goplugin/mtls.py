"""AutoMTLS for a Python plugin: go-plugin's certificate, and TLS in front of the gRPC server.

When the host sets ``PLUGIN_CLIENT_CERT`` (its own certificate, PEM), the plugin makes a certificate like go-plugin's
``mtls.go`` (ECDSA P-521, CN and DNS name ``localhost``, a CA, for client and server authentication), serves TLS that
requires exactly the host's certificate, and announces its own as field 6 of the handshake line.

Why the TLS is not grpcio's own: go-plugin's hosts (and step02's Java host) present an ECDSA **P-521** client
certificate, and the BoringSSL inside grpcio does not verify ``ecdsa_secp521r1_sha512`` signatures in TLS: that
scheme is missing from its default verify list (``kVerifySignatureAlgorithms`` in BoringSSL's ``ssl/extensions.cc``)
and grpcio offers no setting to change the list. A grpcio server's CertificateRequest therefore offers the host only
P-256/P-384/RSA schemes; a Go host, whose key cannot sign with any of them, sends no certificate, and the handshake
fails with ``PEER_DID_NOT_RETURN_A_CERTIFICATE`` (a Java host says "No supported CertificateVerify signature
algorithm for EC key"; two BoringSSL peers say ``NO_COMMON_SIGNATURE_ALGORITHMS``). Presenting a P-521 *server*
certificate to a Go or Java host works; requiring one from the client does not. Python's ``ssl`` module (OpenSSL)
handles P-521 both ways, so :class:`TlsTerminator` does the TLS on the socket the host dials and relays the plaintext
HTTP/2 bytes to the gRPC server on a private Unix socket in the plugin's owner-only directory.
"""

from __future__ import annotations

import base64
import datetime
import os
import secrets
import selectors
import socket
import ssl
import tempfile
import threading
import time
from typing import Any, Union

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID

HOST = "localhost"
# go-plugin: valid from 30 s ago, for 262980 hours (30 years).
BACKDATE = datetime.timedelta(seconds=30)
VALIDITY = datetime.timedelta(hours=262980)


def generate_cert() -> tuple[x509.Certificate, ec.EllipticCurvePrivateKey]:
    """A key and self-signed certificate exactly like go-plugin's ``generateCert()``; returns ``(cert, key)``."""
    key = ec.generate_private_key(ec.SECP521R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, HOST),
                      x509.NameAttribute(NameOID.ORGANIZATION_NAME, "HashiCorp")])
    now = datetime.datetime.now(datetime.timezone.utc)
    usage = x509.KeyUsage(digital_signature=True, content_commitment=False, key_encipherment=True,
                          data_encipherment=False, key_agreement=True, key_cert_sign=True, crl_sign=False,
                          encipher_only=False, decipher_only=False)
    cert = (x509.CertificateBuilder()
            .subject_name(name)
            .issuer_name(name)
            .public_key(key.public_key())
            .serial_number(secrets.randbelow(2 ** 128 - 1) + 1)  # go-plugin: < 2^128
            .not_valid_before(now - BACKDATE)
            .not_valid_after(now + VALIDITY)
            .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
            .add_extension(usage, critical=True)
            .add_extension(x509.ExtendedKeyUsage([ExtendedKeyUsageOID.CLIENT_AUTH, ExtendedKeyUsageOID.SERVER_AUTH]),
                           critical=False)
            .add_extension(x509.SubjectKeyIdentifier.from_public_key(key.public_key()), critical=False)
            .add_extension(x509.SubjectAlternativeName([x509.DNSName(HOST)]), critical=False)
            .sign(key, hashes.SHA512()))
    return cert, key


def cert_field(cert: x509.Certificate) -> str:
    """The handshake line's field 6: the DER certificate in base64 *without padding* (Go's ``RawStdEncoding``)."""
    return base64.b64encode(cert.public_bytes(serialization.Encoding.DER)).decode("ascii").rstrip("=")


def load_host_cert(pem: Union[str, bytes]) -> x509.Certificate:
    """The host's certificate from ``PLUGIN_CLIENT_CERT``; ValueError when it is not one PEM certificate."""
    return x509.load_pem_x509_certificate(pem.encode("ascii") if isinstance(pem, str) else pem)


def server_context(cert: x509.Certificate, key: ec.EllipticCurvePrivateKey, host_cert: x509.Certificate,
                   key_dir: str) -> ssl.SSLContext:
    """TLS 1.2+ as a server: present ``cert``, require a client certificate that ``host_cert`` verifies, ALPN h2."""
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.minimum_version = ssl.TLSVersion.TLSv1_2
    context.verify_mode = ssl.CERT_REQUIRED
    context.load_verify_locations(cadata=host_cert.public_bytes(serialization.Encoding.PEM).decode("ascii"))
    context.set_alpn_protocols(["h2"])
    # ssl loads a key only from a file: write it, owner-only, in the plugin's owner-only directory, and remove it.
    fd, path = tempfile.mkstemp(dir=key_dir, suffix=".pem")
    try:
        with os.fdopen(fd, "wb") as pem:
            pem.write(key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                                        serialization.NoEncryption()))
            pem.write(cert.public_bytes(serialization.Encoding.PEM))
        context.load_cert_chain(path)
    finally:
        os.remove(path)
    return context


class TlsTerminator:
    """Accepts TLS connections on ``listener`` and relays each, decrypted, to the Unix socket ``inner_path``."""

    HANDSHAKE_TIMEOUT = 10.0

    def __init__(self, listener: socket.socket, inner_path: str, context: ssl.SSLContext,
                 host_cert: x509.Certificate, log: Any) -> None:
        self._listener = listener
        self._inner_path = inner_path
        self._context = context
        self._host_der = host_cert.public_bytes(serialization.Encoding.DER)
        self._log = log
        self._closed = threading.Event()
        self._relays: list[threading.Thread] = []

    def start(self) -> None:
        threading.Thread(target=self._accept_all, name="goplugin-tls-accept", daemon=True).start()

    def close(self, timeout: float = 0.5) -> None:
        """Stops accepting, lets each relay flush what it holds (up to ``timeout``), then closes them."""
        self._closed.set()
        try:
            self._listener.close()
        except OSError:
            pass
        deadline = _now() + timeout
        for relay in list(self._relays):
            relay.join(max(0.0, deadline - _now()))

    def _accept_all(self):
        while not self._closed.is_set():
            try:
                conn, _ = self._listener.accept()
            except OSError:
                return  # closed
            relay = threading.Thread(target=self._serve, args=(conn,), name="goplugin-tls-relay", daemon=True)
            self._relays.append(relay)
            relay.start()

    def _serve(self, conn: socket.socket) -> None:
        try:
            conn.settimeout(self.HANDSHAKE_TIMEOUT)
            tls = self._context.wrap_socket(conn, server_side=True)
        except (OSError, ssl.SSLError) as e:
            self._log.warn("TLS handshake with the host failed", error=str(e))
            conn.close()
            return
        if tls.getpeercert(binary_form=True) != self._host_der:
            self._log.error("refused a TLS client whose certificate is not the host's")
            tls.close()
            return
        inner = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        try:
            inner.connect(self._inner_path)
            _relay(tls, inner)
        except OSError as e:
            if not self._closed.is_set():
                self._log.debug("TLS relay ended", error=str(e))
        finally:
            inner.close()
            tls.close()


def _relay(tls: ssl.SSLSocket, inner: socket.socket) -> None:
    """Copies bytes both ways until either side ends, then flushes what is left (for at most a second).

    One thread and non-blocking sockets, so the SSL object only ever has one user."""
    tls.setblocking(False)
    inner.setblocking(False)
    to_inner, to_tls = bytearray(), bytearray()
    ended_at = None
    with selectors.DefaultSelector() as selector:
        while True:
            ended = ended_at is not None
            if ended and (not (to_inner or to_tls) or _now() - ended_at > 1.0):
                return
            _watch(selector, tls, (0 if ended else selectors.EVENT_READ) | (selectors.EVENT_WRITE if to_tls else 0))
            _watch(selector, inner, (0 if ended else selectors.EVENT_READ) | (selectors.EVENT_WRITE if to_inner else 0))
            pending = not ended and tls.pending()
            ready = {key.fileobj: mask for key, mask in selector.select(0 if pending else 0.5)}
            if pending or (not ended and ready.get(tls, 0) & selectors.EVENT_READ):
                ended = _read_tls(tls, to_inner)
            if not ended and ready.get(inner, 0) & selectors.EVENT_READ:
                data = inner.recv(65536)
                ended = not data
                to_tls += data
            if to_inner and ready.get(inner, 0) & selectors.EVENT_WRITE:
                del to_inner[:inner.send(to_inner)]
            if to_tls and ready.get(tls, 0) & selectors.EVENT_WRITE:
                try:
                    del to_tls[:tls.send(to_tls[:16384])]
                except (ssl.SSLWantWriteError, ssl.SSLWantReadError):
                    pass
            if ended and ended_at is None:
                ended_at = _now()


def _watch(selector, sock, events):
    """Registers, changes or drops ``sock`` in ``selector`` so that it waits for exactly ``events``."""
    registered = sock in selector.get_map()
    if events and registered:
        selector.modify(sock, events)
    elif events:
        selector.register(sock, events)
    elif registered:
        selector.unregister(sock)


def _read_tls(tls, sink):
    """Everything the TLS socket has decrypted so far into ``sink``; True at end of stream."""
    while True:
        try:
            data = tls.recv(65536)
        except (ssl.SSLWantReadError, ssl.SSLWantWriteError):
            return False
        if not data:
            return True
        sink += data


def _now():
    return time.monotonic()
