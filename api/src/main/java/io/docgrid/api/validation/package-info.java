/** Request bodies and parameters checked with Jakarta Bean Validation. */
package io.docgrid.api.validation;
