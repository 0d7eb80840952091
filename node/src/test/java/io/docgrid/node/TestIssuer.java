package io.docgrid.node;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpServer;
import io.docgrid.api.auth.OAuthSettings;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.UUID;

/**
 * An OAuth2 issuer for tests: signs JWTs with an RSA key and serves its public half as a JWKS on
 * 127.0.0.1. A second key, never published, makes tokens with signatures the service must refuse.
 */
final class TestIssuer implements AutoCloseable {

  static final String ISSUER = "https://issuer.docgrid.test";
  static final String AUDIENCE = "docgrid-api";

  private final RSAKey signing;
  private final RSAKey stranger;
  private final HttpServer server;

  TestIssuer() throws IOException, JOSEException {
    signing = new RSAKeyGenerator(2048).keyID("signing-1").generate();
    stranger = new RSAKeyGenerator(2048).keyID("signing-1").generate();
    byte[] jwks = new JWKSet(signing.toPublicJWK()).toString().getBytes(StandardCharsets.UTF_8);
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext(
        "/jwks.json",
        exchange -> {
          exchange.getResponseHeaders().add("Content-Type", "application/json");
          exchange.sendResponseHeaders(200, jwks.length);
          try (OutputStream out = exchange.getResponseBody()) {
            out.write(jwks);
          }
        });
    server.start();
  }

  OAuthSettings settings() {
    return new OAuthSettings(
        ISSUER,
        URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/jwks.json"),
        AUDIENCE,
        "scope");
  }

  /** A token the service must accept, for {@code subject} with space-separated scopes. */
  String token(String subject, String scopes) throws JOSEException {
    return sign(signing, claims(subject, scopes, AUDIENCE, Instant.now().plusSeconds(300)));
  }

  String tokenSignedByAStranger(String subject, String scopes) throws JOSEException {
    return sign(stranger, claims(subject, scopes, AUDIENCE, Instant.now().plusSeconds(300)));
  }

  String expiredToken(String subject, String scopes) throws JOSEException {
    return sign(
        signing, claims(subject, scopes, AUDIENCE, Instant.now().minus(Duration.ofMinutes(10))));
  }

  String tokenForAnotherAudience(String subject, String scopes) throws JOSEException {
    return sign(signing, claims(subject, scopes, "another-api", Instant.now().plusSeconds(300)));
  }

  private static JWTClaimsSet claims(
      String subject, String scopes, String audience, Instant expiry) {
    return new JWTClaimsSet.Builder()
        .issuer(ISSUER)
        .subject(subject)
        .audience(audience)
        .issueTime(Date.from(expiry.minusSeconds(600)))
        .expirationTime(Date.from(expiry))
        .jwtID(UUID.randomUUID().toString())
        .claim("scope", scopes)
        .build();
  }

  private static String sign(RSAKey key, JWTClaimsSet claims) throws JOSEException {
    SignedJWT jwt =
        new SignedJWT(
            new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID()).build(), claims);
    jwt.sign(new RSASSASigner(key));
    return jwt.serialize();
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
