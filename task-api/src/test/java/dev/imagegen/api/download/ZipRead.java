package dev.imagegen.api.download;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;

/** A downloaded zip read back: its entries in order with their bytes, and its manifest's rows. */
record ZipRead(Map<String, byte[]> entries) {

    static ZipRead of(byte[] zip) throws IOException {
        return of(new ByteArrayInputStream(zip));
    }

    static ZipRead of(InputStream zip) throws IOException {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        try (ZipInputStream in = new ZipInputStream(zip, StandardCharsets.UTF_8)) {
            for (ZipEntry entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
                entries.put(entry.getName(), in.readAllBytes());
            }
        }
        return new ZipRead(entries);
    }

    /** The manifest's text, which starts with a byte order mark. */
    String manifestText() {
        return new String(entries.get("manifest.csv"), StandardCharsets.UTF_8);
    }

    /** The manifest's rows by header name. */
    List<CSVRecord> manifest() throws IOException {
        String text = manifestText();
        Reader reader = new InputStreamReader(
                new ByteArrayInputStream(text.substring(1).getBytes(StandardCharsets.UTF_8)), StandardCharsets.UTF_8);
        return CSVFormat.RFC4180
                .builder()
                .setHeader()
                .setSkipHeaderRecord(true)
                .get()
                .parse(reader)
                .getRecords();
    }
}
