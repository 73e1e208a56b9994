package io.reescreen.screener.board;

import io.reescreen.screener.http.ModelView;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The board's model panel from what {@code GET /model} describes: the base model first, then each site's own. */
final class ModelPanel {

    private ModelPanel() {
    }

    static List<BoardJson.ModelInForce> modelsInForce(ModelView view) {
        List<BoardJson.ModelInForce> out = new ArrayList<>();
        out.add(new BoardJson.ModelInForce(null, view.version(), view.servedSince(), view.parentVersion(),
                metrics(view.metrics())));
        for (ModelView.SiteModelView site : view.sites()) {
            out.add(new BoardJson.ModelInForce(site.siteId(), site.version(), site.servedSince(), site.parentVersion(),
                    metrics(site.metrics())));
        }
        return out;
    }

    private static Map<String, Double> metrics(List<ModelView.MetricView> metrics) {
        Map<String, Double> out = new LinkedHashMap<>();
        for (ModelView.MetricView m : metrics) {
            // the release's unit goes into the name, as everywhere on the board
            out.put(m.unit() == null || m.unit().isBlank() ? m.name() : m.name() + " (" + m.unit() + ")", m.value());
        }
        return out;
    }
}
