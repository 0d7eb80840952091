package io.docgrid.node;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A cluster CA and node certificates made with the JDK's keytool, as the runbook describes: a trust
 * store with the CA, key stores with a CA-signed certificate, and self-signed ones the CA never
 * saw.
 */
final class GridCertificates {

  static final String PASSWORD = "grid-secret";

  private final Path directory;
  private final Path caStore;
  private final Path caCertificate;

  private GridCertificates(Path directory) {
    this.directory = directory;
    this.caStore = directory.resolve("ca.p12");
    this.caCertificate = directory.resolve("ca.pem");
  }

  /** Makes the CA (its key store and certificate) under {@code directory}. */
  static GridCertificates withCa(Path directory) throws Exception {
    Files.createDirectories(directory);
    GridCertificates certificates = new GridCertificates(directory);
    certificates.keytool(
        "-genkeypair",
        "-alias",
        "ca",
        "-dname",
        "CN=docgrid-ca",
        "-ext",
        "bc:c",
        "-keystore",
        certificates.caStore.toString());
    certificates.keytool(
        "-exportcert",
        "-rfc",
        "-alias",
        "ca",
        "-keystore",
        certificates.caStore.toString(),
        "-file",
        certificates.caCertificate.toString());
    return certificates;
  }

  /** A trust store holding the CA's certificate. */
  Path trustStore() throws Exception {
    Path store = directory.resolve("truststore.p12");
    if (!Files.exists(store)) {
      trustCa(store);
    }
    return store;
  }

  /** Adds the CA's certificate to {@code store}, as a trusted one. */
  private void trustCa(Path store) throws Exception {
    keytool(
        "-importcert",
        "-noprompt",
        "-alias",
        "docgrid-ca",
        "-file",
        caCertificate.toString(),
        "-keystore",
        store.toString());
  }

  /** A key store with a key pair for {@code name} and its certificate signed by the CA. */
  Path signedKeyStore(String name) throws Exception {
    Path store = directory.resolve(name + ".p12");
    Path request = directory.resolve(name + ".csr");
    Path certificate = directory.resolve(name + ".pem");
    keytool("-genkeypair", "-alias", name, "-dname", "CN=" + name, "-keystore", store.toString());
    keytool("-certreq", "-alias", name, "-keystore", store.toString(), "-file", request.toString());
    keytool(
        "-gencert",
        "-rfc",
        "-alias",
        "ca",
        "-keystore",
        caStore.toString(),
        "-infile",
        request.toString(),
        "-outfile",
        certificate.toString(),
        "-ext",
        "ku:c=digitalSignature",
        "-ext",
        "eku=serverAuth,clientAuth");
    trustCa(store);
    keytool(
        "-importcert",
        "-alias",
        name,
        "-file",
        certificate.toString(),
        "-keystore",
        store.toString());
    return store;
  }

  /** A key store with a self-signed certificate the CA never signed. */
  Path selfSignedKeyStore(String name) throws Exception {
    Path store = directory.resolve(name + ".p12");
    keytool("-genkeypair", "-alias", name, "-dname", "CN=" + name, "-keystore", store.toString());
    return store;
  }

  /** A file holding the stores' password, for the --grid-tls-…-password-file flags. */
  Path passwordFile() throws Exception {
    Path file = directory.resolve("password");
    if (!Files.exists(file)) {
      Files.writeString(file, PASSWORD + "\n");
    }
    return file;
  }

  /** The grid TLS flags of a node presenting {@code keyStore}. */
  List<String> flags(Path keyStore) throws Exception {
    return List.of(
        "--grid-tls-keystore",
        keyStore.toString(),
        "--grid-tls-keystore-password-file",
        passwordFile().toString(),
        "--grid-tls-truststore",
        trustStore().toString(),
        "--grid-tls-truststore-password-file",
        passwordFile().toString());
  }

  private void keytool(String... args) throws Exception {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
    command.addAll(List.of(args));
    command.addAll(List.of("-storetype", "PKCS12", "-storepass", PASSWORD));
    if (args[0].equals("-genkeypair")) {
      command.addAll(List.of("-keyalg", "EC", "-groupname", "secp256r1", "-validity", "2"));
    }
    if (args[0].equals("-gencert")) {
      command.addAll(List.of("-validity", "2"));
    }
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    String output = new String(process.getInputStream().readAllBytes());
    assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(process.exitValue()).as(String.join(" ", command) + "\n" + output).isZero();
  }
}
