package dev.pulse.support;

import java.net.URL;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.chrome.ChromeDriver;

/**
 * A page test: the shipped WAR on its own Payara Micro (Arquillian, as a client) and a fresh
 * headless Chromium per test ({@link Browser}), so no test inherits another's cookies or storage.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
public abstract class PageTest {

    @ArquillianResource
    protected URL base;

    protected ChromeDriver browser;

    @Deployment(testable = false)
    public static WebArchive deployment() {
        return PulseDeployment.war();
    }

    @BeforeEach
    protected void startBrowser() {
        browser = Browser.start();
    }

    @AfterEach
    protected void stopBrowser() {
        if (browser != null) {
            browser.quit();
        }
    }
}
