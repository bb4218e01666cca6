package dev.imagegen.api.security;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** Who is signed in: the web page uses it to show what the person's role allows. */
@RestController
@Tag(name = "account", description = "The signed-in account and what the web page needs to know")
class MeController {

    @GetMapping("/api/me")
    @Operation(operationId = "getMe", summary = "The signed-in account: id, user name and role")
    Me getMe(@AuthenticationPrincipal Account account) {
        return new Me(account.id(), account.getUsername(), account.role());
    }

    /** The signed-in account. */
    @Schema(name = "Me", description = "The signed-in account")
    record Me(
            @Schema(description = "The account's id", example = "3")
            int id,

            @Schema(description = "The user name", example = "user1")
            String username,

            @Schema(
                    description = "What the account may do: admin and manager act on every task, user on"
                            + " their own, guest only reads",
                    allowableValues = {"admin", "manager", "user", "guest"},
                    example = "user")
            String role) {}
}
