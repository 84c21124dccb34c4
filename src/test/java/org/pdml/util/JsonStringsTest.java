package org.pdml.util;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class JsonStringsTest {

    @Test
    void escapesQuotesBackslashesAndControlCharactersOnly() {
        assertThat(JsonStrings.quote("plain")).isEqualTo("\"plain\"");
        assertThat(JsonStrings.quote("a\"b\\c")).isEqualTo("\"a\\\"b\\\\c\"");
        assertThat(JsonStrings.quote("\n\t\u0000\u001f"))
                .isEqualTo("\"\\u000a\\u0009\\u0000\\u001f\"");
        assertThat(JsonStrings.quote("é/ü \u007f")).isEqualTo("\"é/ü \u007f\"");
        assertThat(JsonStrings.quote("")).isEqualTo("\"\"");
    }

    @Test
    void appendsToABuilder() {
        StringBuilder out = new StringBuilder("{");
        JsonStrings.quote("k", out);
        assertThat(out).hasToString("{\"k\"");
    }
}
