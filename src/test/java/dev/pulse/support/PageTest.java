package dev.pulse.support;

import java.net.URL;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.chrome.ChromeDriver;

/**
 * A page test: the shipped WAR on the suite's shared Payara Micro (Arquillian, as a client) and a fresh
 * headless Chromium per test ({@link Browser}), so no test inherits another's cookies or storage.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
public abstract class PageTest {

    @ArquillianResource
    protected URL base;

    protected ChromeDriver browser;

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
