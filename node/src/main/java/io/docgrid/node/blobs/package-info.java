/**
 * Checks that the blob store still holds what the jobs in the database refer to, as it may not
 * after one of them was restored from a backup (docs/runbook.md, "Backup and restore").
 */
package io.docgrid.node.blobs;
