package dev.pulse.support;

import java.io.File;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.importer.ZipImporter;
import org.jboss.shrinkwrap.api.spec.WebArchive;

/** The WAR Maven just built, exactly as it ships: integration tests deploy the real thing. */
public final class PulseDeployment {

    private PulseDeployment() {
    }

    public static WebArchive war() {
        File war = new File(System.getProperty("pulse.war", "target/pulse.war"));
        if (!war.isFile()) {
            throw new IllegalStateException(war + " is missing: run the tests with `mvn verify`");
        }
        return ShrinkWrap.create(ZipImporter.class, "pulse.war").importFrom(war).as(WebArchive.class);
    }
}
