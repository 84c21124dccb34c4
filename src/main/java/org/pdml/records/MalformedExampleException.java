package org.pdml.records;

/**
 * A serialized tf.Example is not a valid pdml image record: unparsable bytes, a missing required
 * key, or a key holding the wrong feature kind. The message names the key and the record id.
 */
public final class MalformedExampleException extends IllegalArgumentException {
    private final String key;
    private final String recordId;

    /**
     * Creates the exception.
     *
     * @param recordId the record's id, or "?" when it could not be read
     * @param key the offending feature key, or "" when the bytes do not parse
     * @param reason what is wrong
     */
    public MalformedExampleException(String recordId, String key, String reason) {
        super(
                "record '"
                        + recordId
                        + "'"
                        + (key.isEmpty() ? "" : ", key '" + key + "'")
                        + ": "
                        + reason);
        this.key = key;
        this.recordId = recordId;
    }

    /**
     * Returns the offending key.
     *
     * @return the key, or "" when the bytes do not parse
     */
    public String key() {
        return key;
    }

    /**
     * Returns the id of the record.
     *
     * @return the id, or "?" when unknown
     */
    public String recordId() {
        return recordId;
    }
}
