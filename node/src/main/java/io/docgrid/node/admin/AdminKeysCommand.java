package io.docgrid.node.admin;

import picocli.CommandLine.Command;

/** {@code docgrid admin keys}: API keys, managed through a running node. */
@Command(
    name = "keys",
    description = "Create, list, show, revoke and rotate API keys on a running cluster.",
    mixinStandardHelpOptions = true,
    subcommands = {
      CreateKeyCommand.class,
      ListKeysCommand.class,
      ShowKeyCommand.class,
      RevokeKeyCommand.class,
      RotateKeyCommand.class
    })
final class AdminKeysCommand {}
