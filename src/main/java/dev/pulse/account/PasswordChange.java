package dev.pulse.account;

import jakarta.json.bind.annotation.JsonbProperty;

/** {@code {"current_password": "...", "new_password": "..."}}, the body of a password change. */
public class PasswordChange {

    @JsonbProperty("current_password")
    public String currentPassword;

    @JsonbProperty("new_password")
    public String newPassword;
}
