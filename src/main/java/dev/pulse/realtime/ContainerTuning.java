package dev.pulse.realtime;

import jakarta.servlet.ServletContextEvent;
import jakarta.servlet.ServletContextListener;
import jakarta.servlet.annotation.WebListener;
import jakarta.websocket.server.ServerContainer;

/**
 * Tunes the WebSocket container once at start-up (see {@link ContainerSockets}): no idle-timeout
 * task is ever scheduled for a session, not even the one a session schedules when it is created.
 */
@WebListener
public class ContainerTuning implements ServletContextListener {

    @Override
    public void contextInitialized(ServletContextEvent event) {
        if (event.getServletContext().getAttribute(ServerContainer.class.getName()) instanceof ServerContainer container) {
            ContainerSockets.containerStarted(container);
        }
    }
}
