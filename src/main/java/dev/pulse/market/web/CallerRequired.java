package dev.pulse.market.web;

import jakarta.ws.rs.NameBinding;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a resource (class or method) that only a logged-in caller may use, and with
 * {@code admin = true} only an administrator. Enforced by {@link CallerCheck}; the method's
 * annotation wins over the class's.
 */
@NameBinding
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD})
public @interface CallerRequired {

    boolean admin() default false;
}
