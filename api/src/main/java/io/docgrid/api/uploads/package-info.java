/**
 * Resumable uploads over tus 1.0: their routes, their state in the database, their staged bytes.
 */
package io.docgrid.api.uploads;
