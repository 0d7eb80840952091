package io.docgrid.node.config;

import static io.docgrid.node.config.EnvironmentDefaults.setting;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.Collections;
import java.util.List;
import picocli.CommandLine.Option;

/**
 * TLS between the grid's nodes, shared by {@code serve} and {@code worker}: each store is checked
 * at start (readable, opened by its password, holding a key or certificates) so that a mistake is a
 * configuration error rather than a node that cannot join. Passwords come from the environment or a
 * file, never from a flag.
 */
public final class GridTlsOptions {

  public static final String KEYSTORE_PASSWORD_FILE = "--grid-tls-keystore-password-file";
  public static final String TRUSTSTORE_PASSWORD_FILE = "--grid-tls-truststore-password-file";

  @Option(
      names = "--grid-tls-keystore",
      description =
          "PKCS12 key store with this node's certificate and key: the grid's discovery and"
              + " communication use TLS with client certificates (default: plain TCP).")
  Path keyStore;

  @Option(
      names = KEYSTORE_PASSWORD_FILE,
      description =
          "File with the key store's password. Or set DOCGRID_GRID_TLS_KEYSTORE_PASSWORD.")
  Path keyStorePasswordFile;

  @Option(
      names = "--grid-tls-truststore",
      description =
          "PKCS12 trust store with the certificates (usually the cluster's CA) a peer's"
              + " certificate must be signed by.")
  Path trustStore;

  @Option(
      names = TRUSTSTORE_PASSWORD_FILE,
      description =
          "File with the trust store's password. Or set DOCGRID_GRID_TLS_TRUSTSTORE_PASSWORD.")
  Path trustStorePasswordFile;

  private final Secrets secrets;

  GridTlsOptions(Environment environment) {
    this.secrets = new Secrets(environment);
  }

  /** The TLS settings; null when no store is given (plain TCP). */
  GridTls toConfig(List<String> problems) {
    if (keyStore == null && trustStore == null) {
      if (keyStorePasswordFile != null || trustStorePasswordFile != null) {
        problems.add(
            "--grid-tls-keystore-password-file and --grid-tls-truststore-password-file need"
                + " --grid-tls-keystore and --grid-tls-truststore");
      }
      return null;
    }
    if (keyStore == null || trustStore == null) {
      problems.add(
          setting("--grid-tls-keystore")
              + " and "
              + setting("--grid-tls-truststore")
              + " must be given together");
      return null;
    }
    String keyPassword =
        password(problems, "--grid-tls-keystore", KEYSTORE_PASSWORD_FILE, keyStorePasswordFile);
    String trustPassword =
        password(
            problems, "--grid-tls-truststore", TRUSTSTORE_PASSWORD_FILE, trustStorePasswordFile);
    KeyStore keys =
        keyPassword == null ? null : open(problems, "--grid-tls-keystore", keyStore, keyPassword);
    if (keys != null && !holdsPrivateKey(keys)) {
      problems.add(
          setting("--grid-tls-keystore")
              + " holds no private key: "
              + keyStore
              + " must contain this node's certificate and key");
    }
    KeyStore trusted =
        trustPassword == null
            ? null
            : open(problems, "--grid-tls-truststore", trustStore, trustPassword);
    if (trusted != null && !holdsCertificate(trusted)) {
      problems.add(setting("--grid-tls-truststore") + " holds no certificate: " + trustStore);
    }
    if (keyPassword == null || trustPassword == null) {
      return null;
    }
    return new GridTls(keyStore, keyPassword, trustStore, trustPassword);
  }

  private String password(List<String> problems, String store, String fileOption, Path file) {
    return secrets
        .required(
            fileOption,
            file,
            store + " needs its password in " + Secrets.sources(fileOption),
            problems)
        .orElse(null);
  }

  private static KeyStore open(List<String> problems, String flag, Path file, String password) {
    String described = setting(flag) + " ";
    if (!Files.isRegularFile(file) || !Files.isReadable(file)) {
      problems.add(described + "cannot be read: " + file);
      return null;
    }
    try (InputStream in = Files.newInputStream(file)) {
      KeyStore store = KeyStore.getInstance("PKCS12");
      store.load(in, password.toCharArray());
      return store;
    } catch (IOException | GeneralSecurityException e) {
      problems.add(
          described
              + "cannot be opened as a PKCS12 store with the password given: "
              + file
              + " ("
              + e.getMessage()
              + ")");
      return null;
    }
  }

  private static boolean holdsPrivateKey(KeyStore store) {
    try {
      for (String alias : Collections.list(store.aliases())) {
        if (store.isKeyEntry(alias)) {
          return true;
        }
      }
      return false;
    } catch (GeneralSecurityException e) {
      return false;
    }
  }

  private static boolean holdsCertificate(KeyStore store) {
    try {
      for (String alias : Collections.list(store.aliases())) {
        if (store.getCertificate(alias) != null) {
          return true;
        }
      }
      return false;
    } catch (GeneralSecurityException e) {
      return false;
    }
  }
}
