package dev.pulse.infrastructure.rest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.bind.JsonbException;
import jakarta.ws.rs.ProcessingException;
import org.junit.jupiter.api.Test;

class ApiExceptionMapperTest {

    @Test
    void aBodylessRefusalGetsTheCodeOfItsStatus() {
        assertEquals("not_found", ApiExceptionMapper.codeOf(404)); // MarketsPageIT
        assertEquals("not_authenticated", ApiExceptionMapper.codeOf(401));
        assertEquals("forbidden", ApiExceptionMapper.codeOf(403));
        assertEquals("method_not_allowed", ApiExceptionMapper.codeOf(405));
        assertEquals("unsupported_media_type", ApiExceptionMapper.codeOf(415));
        assertEquals("internal_error", ApiExceptionMapper.codeOf(503));
        assertEquals("error", ApiExceptionMapper.codeOf(418));
    }

    @Test
    void aBindingFailureIsFoundThroughTheProviderWrapper() {
        assertTrue(ApiExceptionMapper.isBindingFailure(new JsonbException("wrong type")));
        assertTrue(ApiExceptionMapper.isBindingFailure(new ProcessingException(new JsonbException("wrong type"))));
        assertFalse(ApiExceptionMapper.isBindingFailure(new IllegalStateException(new RuntimeException(new JsonbException("ours")))),
                "a binding failure deep inside our own code is our 500");
        assertFalse(ApiExceptionMapper.isBindingFailure(new ProcessingException("no body")));
    }
}
