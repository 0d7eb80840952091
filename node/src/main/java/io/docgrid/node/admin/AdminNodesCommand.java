package io.docgrid.node.admin;

import picocli.CommandLine.Command;

/** {@code docgrid admin nodes}: act on one node of a running cluster. */
@Command(
    name = "nodes",
    description =
        "Act on one node of a running cluster (ids as 'admin cluster status' lists them).",
    mixinStandardHelpOptions = true,
    subcommands = DrainNodeCommand.class)
final class AdminNodesCommand {}
