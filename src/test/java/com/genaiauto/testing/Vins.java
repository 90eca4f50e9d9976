package com.genaiauto.testing;

import com.genaiauto.customers.model.Vin;
import java.util.concurrent.ThreadLocalRandom;

/** Valid North-American VINs, unique enough for one test run. */
public final class Vins {

    private static final String ALPHABET = "ABCDEFGHJKLMNPRSTUVWXYZ0123456789";

    private Vins() {
    }

    public static String random() {
        StringBuilder vin = new StringBuilder("1");
        ThreadLocalRandom random = ThreadLocalRandom.current();
        for (int i = 1; i < 17; i++) {
            vin.append(i == 8 ? '0' : ALPHABET.charAt(random.nextInt(ALPHABET.length())));
        }
        vin.setCharAt(8, Vin.checkDigit(vin.toString()));
        return vin.toString();
    }
}
