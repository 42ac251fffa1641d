package dev.pulse.infrastructure.rest;

import jakarta.ws.rs.NameBinding;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a resource (class or method) that only a logged-in caller may use, and with
 * {@code admin = true} only an administrator. Enforced by {@link CallerCheck} before the method
 * runs (and before its body is read): 401 {@code {"error": "not_authenticated", ...}} or 403
 * {@code {"error": "forbidden", ...}}. The method's annotation wins over the class's. No resource
 * checks the login by hand.
 */
@NameBinding
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD})
public @interface CallerRequired {

    boolean admin() default false;
}
