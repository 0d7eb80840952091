/** Who is calling: API keys, OAuth2 bearer tokens, scopes and tiers. */
package io.docgrid.api.auth;
