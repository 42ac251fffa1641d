package dev.pulse.notification;

import jakarta.enterprise.context.RequestScoped;
import jakarta.faces.application.FacesMessage;
import jakarta.faces.context.ExternalContext;
import jakarta.faces.context.FacesContext;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.List;

/** Backs {@code /admin/notifications.xhtml}: an admin writes a notification for everyone or one user. */
@Named
@RequestScoped
public class NotificationAdmin {

    /** A row of the recent-notifications table. */
    public record Row(Notification notification, long seenBy) {
    }

    private static final String VIEW = "/admin/notifications.xhtml";

    @Inject
    Notifications notifications;

    @NotBlank(message = "Write a message")
    @Size(max = 500, message = "At most 500 characters")
    private String message;

    @Size(max = 150, message = "At most 150 characters")
    @Pattern(regexp = "^$|^[A-Za-z0-9_.@-]+$", message = "Leave empty for everyone, or give a username")
    private String audience;

    /** The send action: on success a redirect to the page itself (Post/Redirect/Get), else null to show the errors. */
    public String send() {
        FacesContext faces = FacesContext.getCurrentInstance();
        ExternalContext external = faces.getExternalContext();
        // The page is behind an admin-only constraint; the check here keeps the action safe on its own.
        if (!external.isUserInRole("admin")) {
            faces.addMessage(null, new FacesMessage(FacesMessage.SEVERITY_ERROR, "Only admins may send notifications", null));
            return null;
        }
        try {
            Notification created = notifications.create(message, audience, external.getUserPrincipal().getName());
            faces.addMessage(null, new FacesMessage(FacesMessage.SEVERITY_INFO,
                    "Sent notification #" + created.getId() + (created.isForEveryone() ? " to everyone" : " to " + created.getAudience()), null));
            // Post/Redirect/Get: the message survives the redirect, and a refresh never sends again.
            external.getFlash().setKeepMessages(true);
            return VIEW + "?faces-redirect=true";
        } catch (NotificationRejected e) {
            faces.addMessage("form:" + (e.getMessage().startsWith("No user") ? "audience" : "message"),
                    new FacesMessage(FacesMessage.SEVERITY_ERROR, e.getMessage(), null));
        }
        return null;
    }

    /** Admins only, whatever URL rendered the view: the table holds notifications addressed to single users. */
    public List<Row> getRecent() {
        if (!FacesContext.getCurrentInstance().getExternalContext().isUserInRole("admin")) {
            return List.of();
        }
        return notifications.recent(20).stream().map(n -> new Row(n, notifications.seenCount(n.getId()))).toList();
    }

    public String getMessage() {
        return message;
    }

    public void setMessage(String message) {
        this.message = message;
    }

    public String getAudience() {
        return audience;
    }

    public void setAudience(String audience) {
        this.audience = audience;
    }
}
