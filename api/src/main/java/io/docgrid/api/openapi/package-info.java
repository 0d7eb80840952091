/** The OpenAPI description and its Swagger UI. */
package io.docgrid.api.openapi;
