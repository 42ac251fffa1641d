package dev.pulse.support;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class ContainerCloseRaceTest {

    @Test
    void aRecycledObjectInContainerCodeIsTheRace() {
        assertTrue(ContainerCloseRace.matches(List.of(
                "java.lang.NullPointerException: Cannot invoke \"org.glassfish.grizzly.http.server.Request.getContext()\" because \"context\" is null",
                "\tat org.glassfish.grizzly.http.server.InputBuffer$ReadHandlerImpl.processCallbacks(InputBuffer.java:1)",
                "\tat org.glassfish.grizzly.nio.transport.TCPNIOTransport.fireIOEvent(TCPNIOTransport.java:1)")));
        assertTrue(ContainerCloseRace.matches(List.of(
                "Exception in thread \"glassfish-web-async-thread-1\" java.lang.IllegalStateException: Internal Response has not been set",
                "\tat org.apache.catalina.connector.Response.checkResponse(Response.java:1)")));
    }

    @Test
    void theHttp2UpgradeCheckFailingInAnyWayIsTheRace() {
        assertTrue(ContainerCloseRace.matches(List.of(
                "java.lang.IndexOutOfBoundsException: 7",
                "\tat org.glassfish.grizzly.http.util.DataChunk.charAt(DataChunk.java:1)",
                "\tat org.glassfish.grizzly.http2.Http2BaseFilter.checkRequestHeadersOnUpgrade(Http2BaseFilter.java:1)")));
    }

    @Test
    void aFilterReadingTheMethodOfARecycledRequestIsTheRace() {
        assertTrue(ContainerCloseRace.matches(List.of(
                "java.lang.NullPointerException: Cannot invoke \"String.getBytes(String)\" because \"methodString\" is null",
                "\tat org.glassfish.grizzly.http.Method.<init>(Method.java:1)",
                "\tat org.glassfish.grizzly.http.Method.CUSTOM(Method.java:1)",
                "\tat org.glassfish.grizzly.http.HttpRequestPacket.getMethod(HttpRequestPacket.java:1)",
                "\tat org.apache.catalina.connector.Request.getMethod(Request.java:1)",
                "\tat org.apache.catalina.connector.RequestFacade.getMethod(RequestFacade.java:1)",
                "\tat dev.pulse.account.CrossSiteRequestFilter.doFilter(CrossSiteRequestFilter.java:33)",
                "\tat org.apache.catalina.core.ApplicationFilterChain.internalDoFilter(ApplicationFilterChain.java:1)")));
    }

    @Test
    void aServletAccessorAnsweringNullUnderTyrusIsTheRace() {
        assertTrue(ContainerCloseRace.matches(List.of(
                "java.lang.NullPointerException: Cannot invoke \"jakarta.servlet.ServletContext.getInitParameter(String)\" because the return value of \"jakarta.servlet.http.HttpServletRequest.getServletContext()\" is null",
                "\tat org.glassfish.tyrus.servlet.TyrusServletUpgrade.upgrade(TyrusServletUpgrade.java:213)",
                "\tat org.glassfish.tyrus.servlet.TyrusServletFilter.doFilter(TyrusServletFilter.java:80)",
                "\tat org.apache.catalina.core.ApplicationFilterChain.internalDoFilter(ApplicationFilterChain.java:253)",
                "\tat dev.pulse.realtime.WebSocketGuardFilter.doFilter(WebSocketGuardFilter.java:58)")));
        // The same null met by Pulse's own code is Pulse's to handle.
        assertFalse(ContainerCloseRace.matches(List.of(
                "java.lang.NullPointerException: Cannot invoke \"jakarta.servlet.ServletContext.getInitParameter(String)\" because the return value of \"jakarta.servlet.http.HttpServletRequest.getServletContext()\" is null",
                "\tat dev.pulse.realtime.WebSocketGuardFilter.doFilter(WebSocketGuardFilter.java:58)")));
    }

    @Test
    void anExceptionThrownInPulseCodeIsNot() {
        assertFalse(ContainerCloseRace.matches(List.of(
                "java.lang.NullPointerException: Cannot invoke \"String.length()\" because \"body\" is null",
                "\tat dev.pulse.chat.RoomEndpoint.onMessage(RoomEndpoint.java:1)",
                "\tat org.glassfish.tyrus.core.AnnotatedEndpoint.callMethod(AnnotatedEndpoint.java:1)")));
    }

    @Test
    void pulseHandingTheContainerABadValueIsNot() {
        // The container threw, but not on a recycled field: Pulse passed it something it should not have.
        assertFalse(ContainerCloseRace.matches(List.of(
                "java.lang.NullPointerException: Cannot invoke \"String.length()\" because \"name\" is null",
                "\tat org.apache.catalina.connector.Response.setHeader(Response.java:1)",
                "\tat org.apache.catalina.connector.ResponseFacade.setHeader(ResponseFacade.java:1)",
                "\tat dev.pulse.realtime.WebSocketGuardFilter.doFilter(WebSocketGuardFilter.java:1)")));
        // A recycled-field text, but Pulse code threw it.
        assertFalse(ContainerCloseRace.matches(List.of(
                "java.lang.NullPointerException: Cannot invoke \"Object.toString()\" because \"request\" is null",
                "\tat dev.pulse.realtime.HandshakeSessionFilter.doFilter(HandshakeSessionFilter.java:1)",
                "\tat org.apache.catalina.core.ApplicationFilterChain.internalDoFilter(ApplicationFilterChain.java:1)")));
    }

    @Test
    void otherExceptionsInTheContainerAreNot() {
        assertFalse(ContainerCloseRace.matches(List.of(
                "java.lang.IllegalArgumentException: bad",
                "\tat org.glassfish.grizzly.http.server.Request.parse(Request.java:1)")));
        assertFalse(ContainerCloseRace.matches(List.of(
                "java.lang.NullPointerException",
                "\tat org.glassfish.tyrus.core.TyrusWebSocket.onMessage(TyrusWebSocket.java:1)")));
    }
}
