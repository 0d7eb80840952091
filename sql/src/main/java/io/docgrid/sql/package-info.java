/**
 * Opens the database, migrates it with Flyway, and stores jobs, API keys and usage through jOOQ
 * repositories.
 */
package io.docgrid.sql;
