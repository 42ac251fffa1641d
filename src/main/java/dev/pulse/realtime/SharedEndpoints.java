package dev.pulse.realtime;

import jakarta.enterprise.inject.spi.Unmanaged;
import jakarta.websocket.server.ServerEndpointConfig;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The configurator of every Pulse endpoint: one endpoint instance per class, shared by all its
 * sockets. Pulse's endpoints hold no per-socket state (that lives in the socket's
 * {@link Connection}), so an instance per socket, the container's default, only costs: on
 * Payara, Tyrus builds a CDI injection target for each one under a lock on the bean manager (the
 * longest wait when sockets open at 500/s) and keeps it per socket until the socket closes.
 * The shared instance is injected once, by CDI, when the first socket of its class opens.
 * Endpoints that need more handshake work extend this class.
 */
public class SharedEndpoints extends ServerEndpointConfig.Configurator {

    /** Static: Tyrus creates a configurator per endpoint class; the app's class loader scopes this to one deployment. */
    private static final Map<Class<?>, Object> INSTANCES = new ConcurrentHashMap<>();

    @Override
    public <T> T getEndpointInstance(Class<T> endpointClass) throws InstantiationException {
        return endpointClass.cast(INSTANCES.computeIfAbsent(endpointClass, SharedEndpoints::create));
    }

    private static <T> T create(Class<T> endpointClass) {
        // Never disposed: it lives as long as the deployment, like the application-scoped services it calls.
        return new Unmanaged<>(endpointClass).newInstance().produce().inject().postConstruct().get();
    }
}
