package io.docgrid.api.webhooks;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;

class WebhookSignerTest {

  // The example of the Standard Webhooks specification and its reference libraries.
  private static final String SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
  private static final String ID = "msg_p5jXN8AQM9LWM0D4loKWxJek";
  private static final long TIMESTAMP = 1614265330L;
  private static final String BODY = "{\"test\": 2432232314}";

  @Test
  void the_signature_is_the_one_the_specification_gives() {
    assertThat(WebhookSigner.signatures(List.of(SECRET), ID, TIMESTAMP, BODY))
        .isEqualTo("v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=");
  }

  @Test
  void during_a_rotation_each_secret_adds_its_signature_current_first() {
    String other = new WebhookSigner(new SecureRandom()).newSecret();

    String header = WebhookSigner.signatures(List.of(other, SECRET), ID, TIMESTAMP, BODY);

    assertThat(header.split(" "))
        .containsExactly(
            "v1," + WebhookSigner.sign(other, ID, TIMESTAMP, BODY),
            "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=");
  }

  @Test
  void a_new_secret_is_whsec_and_32_random_bytes_in_base64() {
    WebhookSigner signer = new WebhookSigner(new SecureRandom());
    String secret = signer.newSecret();

    assertThat(secret).startsWith("whsec_");
    assertThat(Base64.getDecoder().decode(secret.substring(6))).hasSize(32);
    assertThat(signer.newSecret()).isNotEqualTo(secret);
  }
}
