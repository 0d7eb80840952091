package io.docgrid.node;

import picocli.CommandLine.Command;

/** {@code docgrid keys}: API keys, managed on the database directly, with no node running. */
@Command(
    name = "keys",
    description = "Manage API keys on the database directly, with no node running.",
    mixinStandardHelpOptions = true,
    subcommands = BootstrapKeyCommand.class)
final class KeysCommand {}
