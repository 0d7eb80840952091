/** Opens the database, migrates it with Flyway, and stores jobs through jOOQ repositories. */
package io.docgrid.sql;
