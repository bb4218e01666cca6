package dev.imagegen.api.security;

import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** Who is signed in: the web page uses it to show what the person's role allows. */
@RestController
@Tag(name = "users")
class MeController {

    @GetMapping("/api/me")
    Me me(@AuthenticationPrincipal Account account) {
        return new Me(account.id(), account.getUsername(), account.role());
    }

    record Me(int id, String username, String role) {}
}
