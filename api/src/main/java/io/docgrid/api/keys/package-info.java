/** Key management: create, list, show, revoke and rotate API keys. */
package io.docgrid.api.keys;
