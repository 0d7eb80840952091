package io.docgrid.node;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * A test CA and a certificate it signed for {@code localhost} and {@code 127.0.0.1}, made with the
 * openssl command as an operator would, in PEM files as nginx reads them.
 */
final class ProxyCertificates {

  final Path caCertificate;
  final Path serverCertificate;
  final Path serverKey;

  private ProxyCertificates(Path directory) {
    this.caCertificate = directory.resolve("ca.pem");
    this.serverCertificate = directory.resolve("server.pem");
    this.serverKey = directory.resolve("server.key");
  }

  static ProxyCertificates forLocalhost(Path directory) throws Exception {
    Files.createDirectories(directory);
    ProxyCertificates certificates = new ProxyCertificates(directory);
    Path caKey = directory.resolve("ca.key");
    Path request = directory.resolve("server.csr");
    Path extensions = directory.resolve("server.ext");
    openssl(
        directory,
        "req",
        "-x509",
        "-newkey",
        "ec",
        "-pkeyopt",
        "ec_paramgen_curve:prime256v1",
        "-nodes",
        "-keyout",
        caKey.toString(),
        "-out",
        certificates.caCertificate.toString(),
        "-days",
        "2",
        "-subj",
        "/CN=DocGrid test CA",
        "-addext",
        "basicConstraints=critical,CA:TRUE",
        "-addext",
        "keyUsage=critical,keyCertSign,cRLSign");
    openssl(
        directory,
        "req",
        "-newkey",
        "ec",
        "-pkeyopt",
        "ec_paramgen_curve:prime256v1",
        "-nodes",
        "-keyout",
        certificates.serverKey.toString(),
        "-out",
        request.toString(),
        "-subj",
        "/CN=localhost");
    Files.writeString(
        extensions,
        "subjectAltName=DNS:localhost,IP:127.0.0.1\n"
            + "basicConstraints=CA:FALSE\n"
            + "keyUsage=critical,digitalSignature\n"
            + "extendedKeyUsage=serverAuth\n");
    openssl(
        directory,
        "x509",
        "-req",
        "-in",
        request.toString(),
        "-CA",
        certificates.caCertificate.toString(),
        "-CAkey",
        caKey.toString(),
        "-CAcreateserial",
        "-days",
        "2",
        "-extfile",
        extensions.toString(),
        "-out",
        certificates.serverCertificate.toString());
    return certificates;
  }

  /** TLS that trusts the test CA and nothing else, with host names checked as usual. */
  SSLContext trustingTheCa() throws Exception {
    KeyStore trusted = KeyStore.getInstance(KeyStore.getDefaultType());
    trusted.load(null, null);
    try (InputStream pem = Files.newInputStream(caCertificate)) {
      trusted.setCertificateEntry(
          "docgrid-test-ca", CertificateFactory.getInstance("X.509").generateCertificate(pem));
    }
    TrustManagerFactory trust =
        TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    trust.init(trusted);
    SSLContext tls = SSLContext.getInstance("TLS");
    tls.init(null, trust.getTrustManagers(), null);
    return tls;
  }

  private static void openssl(Path directory, String... args) throws Exception {
    List<String> command = new ArrayList<>();
    command.add("openssl");
    command.addAll(List.of(args));
    Path log = directory.resolve("openssl.log");
    Process process =
        new ProcessBuilder(command)
            .directory(directory.toFile())
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
            .start();
    assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("openssl " + args[0]).isTrue();
    assertThat(process.exitValue()).as(Files.readString(log)).isZero();
  }
}
