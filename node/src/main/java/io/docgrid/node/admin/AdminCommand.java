package io.docgrid.node.admin;

import picocli.CommandLine.Command;

/** {@code docgrid admin}: manage a running cluster through its HTTP API. */
@Command(
    name = "admin",
    description = {
      "Manage a running DocGrid cluster through its HTTP API, with an admin key.",
      "The key comes from DOCGRID_API_KEY or --api-key-file, never from a flag. Every option can"
          + " also be set by its environment variable: --url is DOCGRID_URL."
    },
    mixinStandardHelpOptions = true,
    subcommands = {
      AdminKeysCommand.class,
      AdminJobsCommand.class,
      AdminClusterCommand.class,
      AdminQuarantineCommand.class,
      AdminCacheCommand.class,
      AdminNodesCommand.class,
      AdminWebhooksCommand.class
    })
public final class AdminCommand {}
