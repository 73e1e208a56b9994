package io.reescreen.screener.board;

import io.micronaut.context.annotation.Requires;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpMethod;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ServerFilter;

/**
 * With {@code reescreen.screener.board.viewer-token} set, the board's page and its reads need that token:
 * {@code Authorization: Bearer <token>} or {@code ?token=<token>} (EventSource cannot send headers). Without it,
 * viewing is open. Acknowledging has its own token ({@link BoardController}).
 */
@Requires(beans = BoardRuntime.class)
@ServerFilter({"/board/**", "/", "/index.html"})
public final class ViewerTokenFilter {

    private final BoardRuntime board;

    public ViewerTokenFilter(BoardRuntime board) {
        this.board = board;
    }

    @RequestFilter
    @Nullable
    public HttpResponse<?> check(HttpRequest<?> request) {
        if (request.getMethod() != HttpMethod.GET || board.settings().viewerToken().isEmpty()) {
            return null;
        }
        String expected = board.settings().viewerToken().get();
        String given = AccessTokens.bearer(request.getHeaders().get(HttpHeaders.AUTHORIZATION))
                .or(() -> request.getParameters().getFirst("token")).orElse(null);
        if (AccessTokens.matches(expected, given)) {
            return null;
        }
        return HttpResponse.unauthorized().body(new BoardJson.Problem("the board needs the viewer token "
                + "(Authorization: Bearer <token> or ?token=<token>)"));
    }
}
