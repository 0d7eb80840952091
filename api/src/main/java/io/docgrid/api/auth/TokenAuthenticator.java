package io.docgrid.api.auth;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jose.util.DefaultResourceRetriever;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.proc.DefaultJWTClaimsVerifier;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import com.nimbusds.jwt.proc.ExpiredJWTException;
import io.docgrid.api.error.ApiException;
import io.docgrid.api.error.ErrorCode;
import java.net.MalformedURLException;
import java.text.ParseException;
import java.util.Arrays;
import java.util.Collection;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Validates OAuth2/OIDC access tokens (signed JWTs): signature against the issuer's JWKS (fetched
 * and cached by Nimbus, refreshed when an unknown key id appears), {@code iss}, {@code aud}, {@code
 * exp} and {@code nbf} with a minute of clock skew. Only asymmetric algorithms are accepted, so a
 * token signed with the public key as an HMAC secret is refused.
 */
public final class TokenAuthenticator {

  private static final Logger log = LoggerFactory.getLogger(TokenAuthenticator.class);
  private static final Set<JWSAlgorithm> ACCEPTED =
      Set.of(
          JWSAlgorithm.RS256,
          JWSAlgorithm.RS384,
          JWSAlgorithm.RS512,
          JWSAlgorithm.PS256,
          JWSAlgorithm.PS384,
          JWSAlgorithm.PS512,
          JWSAlgorithm.ES256,
          JWSAlgorithm.ES384,
          JWSAlgorithm.ES512,
          JWSAlgorithm.EdDSA);
  private static final int TIMEOUT_MILLIS = 5_000;
  private static final int JWKS_SIZE_LIMIT = 256 * 1024;

  private final OAuthSettings settings;
  private final DefaultJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();

  public TokenAuthenticator(OAuthSettings settings) {
    this.settings = settings;
    JWKSource<SecurityContext> keys;
    try {
      keys =
          JWKSourceBuilder.<SecurityContext>create(
                  settings.jwksUrl().toURL(),
                  new DefaultResourceRetriever(TIMEOUT_MILLIS, TIMEOUT_MILLIS, JWKS_SIZE_LIMIT))
              .retrying(true)
              .build();
    } catch (MalformedURLException e) {
      throw new IllegalArgumentException("JWKS URL is not a URL: " + settings.jwksUrl(), e);
    }
    processor.setJWSKeySelector(new JWSVerificationKeySelector<>(ACCEPTED, keys));
    processor.setJWTClaimsSetVerifier(
        new DefaultJWTClaimsVerifier<>(
            Set.of(settings.audience()),
            new JWTClaimsSet.Builder().issuer(settings.issuer()).build(),
            Set.of("sub", "exp"),
            Set.of()));
  }

  /** Whether the text looks like a JWT (three dot-separated parts) rather than an API key. */
  public static boolean looksLikeToken(String credential) {
    return credential.chars().filter(c -> c == '.').count() == 2;
  }

  public Principal authenticate(String token) {
    JWTClaimsSet claims;
    try {
      claims = processor.process(token, null);
    } catch (ExpiredJWTException e) {
      throw new ApiException(ErrorCode.CREDENTIALS_EXPIRED, "The bearer token has expired.");
    } catch (ParseException | BadJOSEException e) {
      log.debug("bearer token refused: {}", e.getMessage());
      throw new ApiException(
          ErrorCode.INVALID_CREDENTIALS,
          "The bearer token is not valid here (signature, issuer, audience or validity).");
    } catch (JOSEException e) {
      log.warn("bearer token could not be checked: {}", e.getMessage());
      throw new ApiException(
          ErrorCode.INVALID_CREDENTIALS, "The bearer token could not be verified.");
    }
    return Principal.ofToken(settings.issuer(), claims.getSubject(), scopes(claims));
  }

  private Set<Scope> scopes(JWTClaimsSet claims) {
    Object claim = claims.getClaim(settings.scopeClaim());
    Collection<?> names = List.of();
    if (claim instanceof String text) {
      names = Arrays.asList(text.trim().split("\\s+"));
    } else if (claim instanceof Collection<?> list) {
      names = list;
    }
    Set<Scope> scopes = EnumSet.noneOf(Scope.class);
    for (Object name : names) {
      Optional.ofNullable(name)
          .map(Object::toString)
          .flatMap(Scope::fromWire)
          .ifPresent(scopes::add);
    }
    return scopes;
  }
}
