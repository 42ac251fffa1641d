package dev.pulse.support;

import org.eu.ingwar.tools.arquillian.extension.suite.annotations.ArquillianSuiteDeployment;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.shrinkwrap.api.spec.WebArchive;

/**
 * The one deployment every Arquillian test class runs against: the shipped WAR on one Payara Micro,
 * started before the first class and stopped after the last (arquillian-suite-extension, named in
 * {@code arquillian.xml}). A server start costs 15 to 25 s here, about half of the suite when every
 * class had its own.
 *
 * <p>What that asks of the tests: the server is shared, so a test leaves it as it found it (a feed it
 * stopped is started again) and never depends on server-wide figures being zero; tests that need a
 * server with other settings, or that use up a per-address limit for everyone, start their own
 * {@link PayaraMicroProcess}, on its own or joined to the test cluster.
 */
@ArquillianSuiteDeployment
public final class SuiteDeployment {

    private SuiteDeployment() {
    }

    @Deployment(testable = false)
    public static WebArchive deployment() {
        return PulseDeployment.war();
    }
}
