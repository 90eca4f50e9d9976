package com.genaiauto.stack;

import java.util.Map;
import java.util.TreeMap;

/** What a restore drill compares: each table's row count and an order-independent checksum. */
final class StackDatabase {

    private StackDatabase() {
    }

    /** Table name → "rows:md5" for every table of the public schema, read in the stack's database. */
    static Map<String, String> fingerprint(ComposeStack stack) {
        Map<String, String> tables = new TreeMap<>();
        String names = stack.psql("select table_name from information_schema.tables "
                + "where table_schema = 'public' and table_type = 'BASE TABLE' order by 1");
        for (String table : names.lines().filter(line -> !line.isBlank()).toList()) {
            String row = stack.psql("select count(*) || ':' || coalesce(md5(string_agg(t::text, '|' order by t::text)), '') "
                    + "from public.\"" + table + "\" t");
            tables.put(table, row);
        }
        return tables;
    }
}
