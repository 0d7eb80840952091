package io.docgrid.node.admin;

import picocli.CommandLine.Command;

/** {@code docgrid admin cluster}: the grid as a running node sees it. */
@Command(
    name = "cluster",
    description = "Nodes, their roles and load, and the job queue of a running cluster.",
    mixinStandardHelpOptions = true,
    subcommands = ClusterStatusCommand.class)
final class AdminClusterCommand {}
