"""Pure tests of the goplugin package and the KV plugin: no process, no socket (the process tests are JUnit's).

Run with the venv that make_venv.sh makes (it has the packages, the goplugin package and the generated stubs):
    VENV/bin/python -m unittest discover -s step04-polyglot/src/test/python
"""

import base64
import datetime
import grp
import io
import os
import re
import shutil
import stat
import sys
import tempfile
import unittest

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "main", "python"))  # kv_plugin

import grpc  # noqa: E402
from cryptography import x509  # noqa: E402
from cryptography.hazmat.primitives import serialization  # noqa: E402
from cryptography.hazmat.primitives.asymmetric import ec  # noqa: E402
from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID  # noqa: E402

import kv_plugin  # noqa: E402
from goplugin import handshake, hclog, kv_pb2, listener, mtls, stdio  # noqa: E402
from goplugin.plugin import grpc_stdio_pb2  # noqa: E402

GO_TIMESTAMP = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}(Z|[+-]\d\d:\d\d)$")


class PackageTest(unittest.TestCase):
    """What a plugin imports: the package's entry points, and the generated stubs it takes in."""

    def test_run_serve_and_the_handshake_config_at_the_top(self):
        import goplugin
        self.assertEqual(sorted(goplugin.__all__), ["HandshakeConfig", "run", "serve"])
        self.assertTrue(callable(goplugin.run) and callable(goplugin.serve))

    def test_the_generated_stubs_are_part_of_the_package(self):
        from goplugin import kv_pb2_grpc  # noqa: F401 -- go-plugin's KV example, for plugins of that contract
        from goplugin.plugin import grpc_broker_pb2, grpc_controller_pb2  # noqa: F401
        self.assertEqual(grpc_stdio_pb2.DESCRIPTOR.package, "plugin")

    def test_typed(self):
        import goplugin
        self.assertTrue(os.path.isfile(os.path.join(os.path.dirname(goplugin.__file__), "py.typed")))


class HandshakeLineTest(unittest.TestCase):

    def test_six_fields_ending_in_a_bar_without_a_certificate(self):
        line = handshake.handshake_line(1, 1, "unix", "/tmp/plugin1/plugin.sock", "grpc", "")
        self.assertEqual(line, "1|1|unix|/tmp/plugin1/plugin.sock|grpc|")
        self.assertEqual(len(line.split("|")), 6)

    def test_the_certificate_is_field_six(self):
        line = handshake.handshake_line(1, 3, "tcp", "127.0.0.1:10000", "grpc", "MIIC")
        self.assertEqual(line.split("|"), ["1", "3", "tcp", "127.0.0.1:10000", "grpc", "MIIC"])

    def test_a_seventh_field_only_when_the_host_asked_about_multiplexing(self):
        line = handshake.handshake_line(1, 1, "unix", "/s", "grpc", "", multiplex=False)
        self.assertEqual(line, "1|1|unix|/s|grpc||false")


class SocketPermissionsTest(unittest.TestCase):
    """Who may connect to the plugin's Unix socket (a plain file stands in for it: modes and groups work the same)."""

    def setUp(self):
        self.directory = tempfile.mkdtemp(prefix="plugin")
        self.path = os.path.join(self.directory, "plugin.sock")
        open(self.path, "w").close()
        os.chmod(self.path, 0o755)

    def tearDown(self):
        shutil.rmtree(self.directory)

    def test_owner_only_without_a_group(self):
        listener.secure_socket(self.path, {})
        self.assertEqual(stat.S_IMODE(os.stat(self.path).st_mode), 0o600)
        self.assertEqual(stat.S_IMODE(os.stat(self.directory).st_mode), 0o700, "mkdtemp's directory")

    def test_the_hosts_group_as_gid_or_name_gets_0660_as_go_plugin_sets_it(self):
        gid = os.getgid()
        for group in (str(gid), grp.getgrgid(gid).gr_name):
            with self.subTest(group=group):
                listener.secure_socket(self.path, {"PLUGIN_UNIX_SOCKET_GROUP": group})
                self.assertEqual(stat.S_IMODE(os.stat(self.path).st_mode), 0o660)
                self.assertEqual(os.stat(self.path).st_gid, gid)
                self.assertEqual(stat.S_IMODE(os.stat(self.directory).st_mode), 0o750)
                self.assertEqual(os.stat(self.directory).st_gid, gid)

    def test_an_unknown_group_is_an_error_naming_it(self):
        with self.assertRaisesRegex(ValueError, "PLUGIN_UNIX_SOCKET_GROUP=no-such-group-x9 is neither"):
            listener.secure_socket(self.path, {"PLUGIN_UNIX_SOCKET_GROUP": "no-such-group-x9"})


class CertificateTest(unittest.TestCase):

    @classmethod
    def setUpClass(cls):
        cls.cert, cls.key = mtls.generate_cert()

    def test_field_six_is_der_in_base64_without_padding(self):
        field = mtls.cert_field(self.cert)
        self.assertGreater(len(field), 50)  # a go-plugin host reads field 6 only when longer than 50 characters
        self.assertRegex(field, r"^[A-Za-z0-9+/]+$")  # Go's RawStdEncoding: standard alphabet, no '='
        der = base64.b64decode(field + "=" * (-len(field) % 4))
        self.assertEqual(der, self.cert.public_bytes(serialization.Encoding.DER))

    def test_no_padding_whatever_the_length(self):
        for _ in range(3):  # DER lengths vary with the signature; each must come out unpadded
            self.assertNotIn("=", mtls.cert_field(mtls.generate_cert()[0]))

    def test_like_go_plugins_certificate(self):
        cert = self.cert
        self.assertIsInstance(cert.public_key().curve, ec.SECP521R1)
        self.assertEqual(cert.subject.get_attributes_for_oid(NameOID.COMMON_NAME)[0].value, "localhost")
        self.assertEqual(cert.issuer, cert.subject)
        self.assertEqual(cert.extensions.get_extension_for_class(x509.SubjectAlternativeName).value
                         .get_values_for_type(x509.DNSName), ["localhost"])
        self.assertTrue(cert.extensions.get_extension_for_class(x509.BasicConstraints).value.ca)
        usage = cert.extensions.get_extension_for_class(x509.KeyUsage).value
        self.assertTrue(usage.digital_signature and usage.key_encipherment and usage.key_agreement
                        and usage.key_cert_sign)
        self.assertEqual(set(cert.extensions.get_extension_for_class(x509.ExtendedKeyUsage).value),
                         {ExtendedKeyUsageOID.CLIENT_AUTH, ExtendedKeyUsageOID.SERVER_AUTH})
        now = datetime.datetime.now(datetime.timezone.utc)
        self.assertLess(cert.not_valid_before_utc, now - datetime.timedelta(seconds=20))
        self.assertEqual(cert.not_valid_after_utc - cert.not_valid_before_utc,
                         mtls.VALIDITY + mtls.BACKDATE)
        cert.verify_directly_issued_by(cert)

    def test_the_hosts_pem_is_read(self):
        pem = self.cert.public_bytes(serialization.Encoding.PEM).decode("ascii")
        self.assertEqual(mtls.load_host_cert(pem), self.cert)
        with self.assertRaises(ValueError):
            mtls.load_host_cert("not a certificate")


class NegotiationTest(unittest.TestCase):
    CONFIG = handshake.HandshakeConfig((1,), "BASIC_PLUGIN", "hello")

    def test_cookie(self):
        self.assertTrue(handshake.cookie_present({"BASIC_PLUGIN": "hello"}, self.CONFIG))
        self.assertFalse(handshake.cookie_present({"BASIC_PLUGIN": "hello2"}, self.CONFIG))
        self.assertFalse(handshake.cookie_present({}, self.CONFIG))

    def test_highest_common_version(self):
        self.assertEqual(handshake.negotiate_version([1, 2, 3], [2, 3, 4]), 3)
        self.assertEqual(handshake.negotiate_version([1], [3, 1, 2]), 1)

    def test_no_common_version_serves_the_plugins_lowest(self):
        self.assertEqual(handshake.negotiate_version([2, 3], [5]), 2)
        self.assertEqual(handshake.negotiate_version([2, 3], []), 2)

    def test_versions_env_with_a_bad_entry(self):
        warnings = []
        self.assertEqual(handshake.parse_versions("3,x,1", warnings.append), [3, 1])
        self.assertEqual(len(warnings), 1)
        self.assertEqual(handshake.parse_versions(None, warnings.append), [])

    def test_port_range(self):
        self.assertEqual(listener.port_range({"PLUGIN_MIN_PORT": "10000", "PLUGIN_MAX_PORT": "25000"}),
                         (10000, 25000))
        self.assertEqual(listener.port_range({}), (0, 0))  # go-plugin: unset means any free port
        with self.assertRaises(ValueError):
            listener.port_range({"PLUGIN_MIN_PORT": "20", "PLUGIN_MAX_PORT": "10"})
        with self.assertRaises(ValueError):
            listener.port_range({"PLUGIN_MIN_PORT": "ten"})


class HclogTest(unittest.TestCase):

    def test_timestamp_in_gos_layout(self):
        utc = datetime.datetime(2026, 1, 2, 15, 4, 5, 7, tzinfo=datetime.timezone.utc)
        self.assertEqual(hclog.hclog_timestamp(utc), "2026-01-02T15:04:05.000007Z")
        cet = datetime.datetime(2026, 1, 2, 15, 4, 5, 0, tzinfo=datetime.timezone(datetime.timedelta(hours=1)))
        self.assertEqual(hclog.hclog_timestamp(cet), "2026-01-02T15:04:05.000000+01:00")
        self.assertRegex(hclog.hclog_timestamp(datetime.datetime.now().astimezone()), GO_TIMESTAMP)

    def test_line(self):
        at = datetime.datetime(2026, 1, 2, 15, 4, 5, tzinfo=datetime.timezone.utc)
        line = hclog.hclog_line("info", "kv", "put", at, {"key": "a", "bytes": 5})
        self.assertEqual(line, '{"@level":"info","@message":"put","@module":"kv",'
                               '"@timestamp":"2026-01-02T15:04:05.000000Z","bytes":5,"key":"a"}')


class StdioCaptureTest(unittest.TestCase):

    def test_chunks_of_at_most_1_kib_in_write_order(self):
        capture = stdio.StdioCapture()
        out = capture.stream(grpc_stdio_pb2.StdioData.STDOUT)
        err = capture.stream(grpc_stdio_pb2.StdioData.STDERR)
        print("x" * 2500, file=out)
        print("oops", file=err)
        chunks = []
        while (chunk := capture.next(0)) is not None:
            chunks.append(chunk)
        self.assertTrue(all(len(data) <= 1024 for _, data in chunks))
        self.assertEqual(b"".join(d for c, d in chunks if c == grpc_stdio_pb2.StdioData.STDOUT), b"x" * 2500 + b"\n")
        self.assertEqual(chunks[-1], (grpc_stdio_pb2.StdioData.STDERR, b"oops\n"))


class _Aborted(Exception):
    pass


class _Context:
    def abort(self, code, details):
        self.code, self.details = code, details
        raise _Aborted()


class KvServicerTest(unittest.TestCase):

    def setUp(self):
        self.dir = tempfile.TemporaryDirectory()
        self.kv = kv_plugin.KVServicer(self.dir.name, hclog.Logger("kv", io.StringIO()))

    def tearDown(self):
        self.dir.cleanup()

    def test_put_writes_the_value_and_the_signature_to_kv_key(self):
        self.kv.Put(kv_pb2.PutRequest(key="a", value=b"hello"), _Context())
        with open(os.path.join(self.dir.name, "kv_a"), "rb") as f:
            self.assertEqual(f.read(), b"hello\n\nWritten from plugin-python")

    def test_get_returns_what_put_wrote(self):
        self.kv.Put(kv_pb2.PutRequest(key="a", value=b"hello"), _Context())
        self.assertEqual(self.kv.Get(kv_pb2.GetRequest(key="a"), _Context()).value,
                         b"hello\n\nWritten from plugin-python")

    def test_get_of_a_missing_key_is_not_found_naming_the_key(self):
        context = _Context()
        with self.assertRaises(_Aborted):
            self.kv.Get(kv_pb2.GetRequest(key="nope"), context)
        self.assertEqual(context.code, grpc.StatusCode.NOT_FOUND)
        self.assertIn('"nope"', context.details)


if __name__ == "__main__":
    unittest.main()
