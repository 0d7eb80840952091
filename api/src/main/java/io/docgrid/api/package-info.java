/** DocGrid's HTTP API, built on Javalin. */
package io.docgrid.api;
