package org.pdml.tracking;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SecretRedactorTest {

    private final SecretRedactor redactor =
            SecretRedactor.fromEnvironment(
                    Map.of(
                            "MLFLOW_TRACKING_TOKEN", "tok-abc-123",
                            "MLFLOW_TRACKING_PASSWORD", "hunter2!",
                            "MLFLOW_TRACKING_USERNAME", "alice",
                            "SHORT_TOKEN", "1",
                            "HOME", "/root"));

    @Test
    void secretValuesFromTheEnvironmentAreMaskedAnywhere() {
        assertThat(redactor.redact("Bearer tok-abc-123 and hunter2!"))
                .isEqualTo("Bearer *** and ***");
        // Non-secret variables and too-short values are left alone.
        assertThat(redactor.redact("alice at /root scored 1")).isEqualTo("alice at /root scored 1");
    }

    @Test
    void uriUserInfoIsMasked() {
        assertThat(redactor.redact("see https://bob:pw@host:5000/x and s3://key@bucket/p"))
                .isEqualTo("see https://***@host:5000/x and s3://***@bucket/p");
        assertThat(redactor.redact("mail me: bob@example.org"))
                .isEqualTo("mail me: bob@example.org");
    }

    @Test
    void secretKeysHideTheirValues() {
        assertThat(redactor.redactValue("db.password", "anything")).isEqualTo("***");
        assertThat(redactor.redactValue("aws.secret_access_key", "x")).isEqualTo("***");
        assertThat(redactor.redactValue("train.lr", "0.1")).isEqualTo("0.1");
        assertThat(SecretRedactor.isSecretName("MLFLOW_TRACKING_TOKEN")).isTrue();
        assertThat(SecretRedactor.isSecretName("tokenizer")).isTrue(); // conservative on purpose
        assertThat(SecretRedactor.isSecretName("epochs")).isFalse();
    }

    @Test
    void fileBytesAreRedactedTextOrBinary() {
        byte[] text = "token: tok-abc-123\n".getBytes(StandardCharsets.UTF_8);
        assertThat(new String(redactor.redact(text), StandardCharsets.UTF_8))
                .isEqualTo("token: ***\n");
        byte[] binary = {(byte) 0xff, 't', 'o', 'k', '-', 'a', 'b', 'c', '-', '1', '2', '3', 0};
        assertThat(redactor.redact(binary)).containsExactly((byte) 0xff, '*', '*', '*', 0);
        byte[] clean = {1, 2, 3};
        assertThat(redactor.redact(clean)).isSameAs(clean);
    }

    @Test
    void aLongerSecretContainingAShorterOneIsMaskedWhole() {
        SecretRedactor r = SecretRedactor.of(List.of("abcd", "abcdefgh"));
        assertThat(r.redact("xabcdefghx")).isEqualTo("x***x");
    }
}
