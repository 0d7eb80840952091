/** Plain records and enums that repositories return, free of jOOQ types. */
package io.docgrid.sql.model;
