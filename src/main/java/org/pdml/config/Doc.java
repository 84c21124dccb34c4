package org.pdml.config;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A one-line description of a config field, shown by {@code pdml config help}. Every component of
 * every config record carries one; a test enforces it.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.RECORD_COMPONENT)
public @interface Doc {
    /**
     * The description: what the field controls, with units.
     *
     * @return one line of text
     */
    String value();

    /**
     * Whether the field may be absent or {@code null} (bound as Java {@code null}).
     *
     * @return true for optional fields; false (the default) means a value is required, either from
     *     the built-in base or from the user's config
     */
    boolean optional() default false;
}
