package dev.imagegen.api.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

import dev.imagegen.api.support.ApiTest;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;

/**
 * The REST contract is the committed {@code docs/openapi.json}: when the running API serves a
 * different document, this test writes the served one over the file and fails, so a contract change
 * reaches the repository only as a reviewed diff (as the Kafka schemas do in event-contract).
 */
@ApiTest
class CommittedOpenApiDocumentTest {

    /** The build runs each module in its own directory; the document lives at the repository's root. */
    static final Path COMMITTED =
            Path.of("..", "docs", "openapi.json").toAbsolutePath().normalize();

    @Autowired
    MockMvc mvc;

    @Test
    void theServedDocumentIsTheCommittedOne() throws Exception {
        String served = OpenApiDocumentText.canonical(
                mvc.perform(get("/v3/api-docs")).andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8));
        String committed = Files.exists(COMMITTED) ? Files.readString(COMMITTED) : "";

        if (!served.equals(committed)) {
            write(served);
            fail("""
                    The API's OpenAPI document differs from the committed %s (%s).
                    The served document has been written there: review the diff (git diff docs/openapi.json)
                    and, if the change is intended and follows docs/contract/compatibility.md, commit it.""".formatted(COMMITTED, OpenApiDocumentText.firstDifference(committed, served)));
        }
    }

    private static void write(String document) throws IOException {
        assertThat(COMMITTED.getParent()).as("the repository's docs directory").isDirectory();
        Files.writeString(COMMITTED, document);
    }
}
