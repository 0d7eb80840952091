package io.docgrid.node;

import io.docgrid.api.keys.KeyIssuer;
import io.docgrid.api.keys.KeyRules;
import io.docgrid.node.config.CommandFailure;
import io.docgrid.node.config.ConfigException;
import io.docgrid.node.config.DatabaseOptions;
import io.docgrid.node.config.NodeConfig;
import io.docgrid.node.wiring.AdminKeyBootstrap;
import io.docgrid.node.wiring.FirstAdminKey;
import io.docgrid.node.wiring.OfflineStores;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code docgrid keys bootstrap}: a new admin key, written into the database directly. The way in
 * when the admin key is lost; a running node accepts the key at once.
 */
@Command(
    name = "bootstrap",
    description = {
      "Create a new admin key directly in the database, even if admin keys exist: the way back in"
          + " when the admin key is lost. Takes the same database options as serve; the embedded"
          + " database must not be in use by a running node.",
      "The key is printed once, to standard output or to --output-file."
    },
    mixinStandardHelpOptions = true)
final class BootstrapKeyCommand implements Callable<Integer> {

  @Mixin DatabaseOptions database;

  @Option(
      names = "--name",
      paramLabel = "NAME",
      description = "Name of the new key (default: ${DEFAULT-VALUE}).",
      defaultValue = "bootstrap admin key")
  String name;

  @Option(
      names = "--output-file",
      paramLabel = "FILE",
      description =
          "Write the key to this new file, readable by its owner only, and print only its path.")
  Path outputFile;

  @Spec CommandSpec spec;

  @Override
  public Integer call() throws IOException {
    List<String> problems = new ArrayList<>();
    NodeConfig.DbConfig db = database.toConfig(problems);
    checkName(problems);
    checkOutputFile(problems);
    if (!problems.isEmpty()) {
      throw new ConfigException(problems);
    }
    Path dataDir = database.dataDir();
    boolean newDatabase = db.embedded() && !Files.isDirectory(dataDir.resolve("db"));

    KeyIssuer.IssuedKey issued;
    try {
      issued = AdminKeyBootstrap.issue(dataDir, db, name);
    } catch (OfflineStores.DatabaseInUseException e) {
      throw new CommandFailure(
          CommandFailure.FAILED,
          "the embedded database in "
              + dataDir.toAbsolutePath()
              + " is in use by a running node; stop the node and run this again");
    } catch (RuntimeException e) {
      throw new CommandFailure(
          CommandFailure.FAILED,
          "could not create the key in the database: " + CommandFailure.rootMessage(e));
    }

    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    if (newDatabase) {
      err.println(
          "note: there was no database in "
              + dataDir.toAbsolutePath()
              + ", so a new one was made; the key works only for nodes using that --data-dir");
    }
    String secret = issued.secret().reveal();
    if (outputFile == null) {
      out.println(secret);
      err.printf(
          "Created admin key %s (prefix %s). It is shown only this once: store it now.%n",
          issued.key().id(), issued.key().prefix());
    } else {
      try {
        FirstAdminKey.writeOwnerOnly(outputFile, secret + "\n");
      } catch (IOException e) {
        throw new CommandFailure(
            CommandFailure.FAILED,
            "admin key "
                + issued.key().id()
                + " was created, but "
                + outputFile
                + " could not be written ("
                + e.getMessage()
                + "); run this again");
      }
      out.println(outputFile.toAbsolutePath());
    }
    out.flush();
    err.flush();
    return 0;
  }

  private void checkName(List<String> problems) {
    if (name.isBlank() || name.length() > 100 || !name.matches(KeyRules.NAME)) {
      problems.add("--name must be 1 to 100 characters and " + KeyRules.NAME_RULE);
    }
  }

  /** Checked before the key exists, so that a bad path does not leave a key nobody holds. */
  private void checkOutputFile(List<String> problems) {
    if (outputFile == null) {
      return;
    }
    Path directory = outputFile.toAbsolutePath().getParent();
    if (Files.exists(outputFile, LinkOption.NOFOLLOW_LINKS)) {
      problems.add("--output-file " + outputFile + " exists; remove it or name a new file");
    } else if (directory == null || !Files.isDirectory(directory)) {
      problems.add("--output-file " + outputFile + " is in a directory that does not exist");
    }
  }
}
