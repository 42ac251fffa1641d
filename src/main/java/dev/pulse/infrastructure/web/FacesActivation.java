package dev.pulse.infrastructure.web;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.faces.annotation.FacesConfig;

/** Turns Jakarta Faces on (FacesServlet mapped to *.xhtml) for the admin pages. */
@FacesConfig
@ApplicationScoped
public class FacesActivation {
}
