package org.pdml.tracking.mlflow;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A clock that starts at a fixed instant and advances 1 ms per reading, so timestamps are known.
 */
final class SteppingClock extends Clock {

    private final AtomicLong millis;

    SteppingClock(long startMillis) {
        this.millis = new AtomicLong(startMillis);
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        throw new UnsupportedOperationException("UTC only");
    }

    @Override
    public Instant instant() {
        return Instant.ofEpochMilli(millis.getAndIncrement());
    }

    @Override
    public long millis() {
        return millis.getAndIncrement();
    }
}
