package dev.pulse.market.tick;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.Timeout;
import jakarta.ejb.TimerConfig;
import jakarta.ejb.TimerService;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import java.util.logging.Logger;

/**
 * The tick simulator's beat: a non-persistent EJB interval timer on every instance (ticks are
 * per client and per instance, nothing to coordinate). Beats under 1 s need the timer service's
 * minimum delivery interval lowered (payara-config/preboot-commands.asadmin).
 */
@Singleton
@Startup
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
public class TickClock {

    private static final Logger LOG = Logger.getLogger(TickClock.class.getName());

    @Resource
    TimerService timers;

    @Inject
    TickSettings settings;

    @Inject
    TickStreams streams;

    @PostConstruct
    void start() {
        timers.createIntervalTimer(settings.intervalMs(), settings.intervalMs(), new TimerConfig("tick-simulator", false));
        LOG.info(() -> "Tick simulator running every " + settings.intervalMs() + " ms");
    }

    // A beat touches no database: no transaction for it.
    @Timeout
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    void beat() {
        streams.tickSafely();
    }
}
