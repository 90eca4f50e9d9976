package com.genaiauto.auth.service;

import com.genaiauto.auth.AuthConfig;
import com.password4j.Argon2Function;
import com.password4j.Password;
import com.password4j.types.Argon2;

/**
 * Argon2id password hashes in the standard PHC string form, so the cost parameters travel with
 * each hash and can be raised later without invalidating existing ones.
 */
public final class PasswordHasher {

    private final Argon2Function argon2;
    // Verifying against this for unknown accounts costs the same as for real ones, so response
    // times do not reveal which e-mail addresses have accounts.
    private final String decoyHash;

    public PasswordHasher(AuthConfig.PasswordHashing config) {
        this.argon2 = Argon2Function.getInstance(config.memoryKib(), config.iterations(), config.parallelism(),
                32, Argon2.ID);
        this.decoyHash = hash("decoy-password-for-timing-equalisation");
    }

    public String hash(String password) {
        return Password.hash(password).addRandomSalt(16).with(argon2).getResult();
    }

    public boolean verify(String password, String hash) {
        if (password == null || hash == null) {
            return false;
        }
        try {
            return Password.check(password, hash).with(Argon2Function.getInstanceFromHash(hash));
        } catch (RuntimeException malformedHash) {
            return false;
        }
    }

    public void verifyDecoy(String password) {
        verify(password == null ? "" : password, decoyHash);
    }

    /** True when the hash was made with weaker parameters than today's and should be redone. */
    public boolean needsRehash(String hash) {
        try {
            Argon2Function used = Argon2Function.getInstanceFromHash(hash);
            return used.getMemory() < argon2.getMemory() || used.getIterations() < argon2.getIterations();
        } catch (RuntimeException e) {
            return true;
        }
    }
}
