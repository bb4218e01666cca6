package dev.imagegen.api.submit;

import java.math.BigDecimal;
import tools.jackson.databind.JsonNode;

/** Range checks on JSON numbers of any size: one too large for a double is out of range, not a failure. */
final class JsonNumbers {

    private JsonNumbers() {}

    /** Whether {@code value} is a number from {@code min} to {@code max}. */
    static boolean within(JsonNode value, double min, double max) {
        if (value == null || !value.isNumber()) {
            return false;
        }
        // 1e309 is read as a double, infinite, which no BigDecimal holds.
        if ((value.isDouble() || value.isFloat()) && !Double.isFinite(value.doubleValue())) {
            return false;
        }
        BigDecimal number = value.decimalValue();
        return number.compareTo(BigDecimal.valueOf(min)) >= 0 && number.compareTo(BigDecimal.valueOf(max)) <= 0;
    }
}
