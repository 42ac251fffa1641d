package dev.pulse.support;

import java.lang.annotation.Annotation;
import java.net.MalformedURLException;
import java.net.URL;
import org.jboss.arquillian.container.test.impl.enricher.resource.URLResourceProvider;
import org.jboss.arquillian.core.spi.LoadableExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.arquillian.test.spi.enricher.resource.ResourceProvider;

/**
 * Every {@code @ArquillianResource URL} ends with "/", so {@code base + "api/..."} is a URL. The
 * Payara Micro adapter usually hands out {@code http://localhost:PORT/}, but in one fresh-clone run
 * of ten it gave {@code http://localhost:PORT}, and every class that appends a relative path failed
 * at once ({@code unsupported URI http://localhost:8835api/...}). Fixed here, where the URL is
 * made, not in each of the 17 classes that take it. Registered in
 * {@code META-INF/services/org.jboss.arquillian.core.spi.LoadableExtension}.
 */
public final class RootUrlProvider implements LoadableExtension {

    @Override
    public void register(ExtensionBuilder builder) {
        builder.override(ResourceProvider.class, URLResourceProvider.class, WithSlash.class);
    }

    /** Arquillian's own URL lookup, with the trailing slash made certain. */
    public static final class WithSlash extends URLResourceProvider {

        @Override
        public Object doLookup(ArquillianResource resource, Annotation... qualifiers) {
            Object found = super.doLookup(resource, qualifiers);
            return found instanceof URL url ? withSlash(url) : found;
        }
    }

    static URL withSlash(URL url) {
        String text = url.toExternalForm();
        if (text.endsWith("/")) {
            return url;
        }
        try {
            return new URL(text + "/");
        } catch (MalformedURLException e) {
            throw new IllegalStateException(e);
        }
    }
}
