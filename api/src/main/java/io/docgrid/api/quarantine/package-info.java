/** The quarantine of documents that brought workers down: listing and releasing them. */
package io.docgrid.api.quarantine;
