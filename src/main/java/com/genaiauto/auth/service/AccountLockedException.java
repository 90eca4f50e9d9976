package com.genaiauto.auth.service;

import com.genaiauto.platform.errors.TooManyRequestsException;
import java.time.Duration;

/** Too many consecutive failed logins: the account refuses logins until the lock expires. */
public final class AccountLockedException extends TooManyRequestsException {

    private static final long serialVersionUID = 1L;

    public AccountLockedException(Duration remaining) {
        super("This account is temporarily locked after repeated failed logins. Try again later.", remaining);
    }

    @Override
    public String code() {
        return "account_locked";
    }
}
