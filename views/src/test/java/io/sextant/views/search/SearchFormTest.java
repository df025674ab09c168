package io.sextant.views.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sextant.services.search.SearchMode;
import io.sextant.services.search.SearchRequest;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SearchFormTest {

  final SearchForm form = SearchForm.of("tides", SearchMode.HYBRID, "all-minilm-l6-v2-q");

  @Test
  void blankQuerySearchesNothing() {
    assertTrue(form.withQuery("   ").toRequest(ZoneOffset.UTC).isEmpty());
  }

  @Test
  void hybridUsesTheConvexFusionThatWonOnSciFact() {
    SearchRequest r = form.toRequest(ZoneOffset.UTC).orElseThrow();
    assertEquals(SearchForm.HYBRID_FUSION, r.fusion());
    assertEquals("all-minilm-l6-v2-q", r.modelId());
    assertEquals(SearchForm.DEFAULT_K, r.k());
  }

  @Test
  void filtersCarryTypesFolderAndWholeDays() {
    SearchRequest r = form.withFileTypes(Set.of("PDF", ".md")).withFolder("/home/a/docs")
        .withDates(LocalDate.of(2024, 3, 1), LocalDate.of(2024, 3, 31))
        .toRequest(ZoneOffset.UTC).orElseThrow();
    assertEquals(Set.of("pdf", "md"), r.filters().fileTypes());
    assertEquals(LocalDate.of(2024, 3, 1).atStartOfDay().toInstant(ZoneOffset.UTC).toEpochMilli(),
        r.filters().modifiedFrom());
    // the last day counts in full
    assertEquals(LocalDate.of(2024, 4, 1).atStartOfDay().toInstant(ZoneOffset.UTC).toEpochMilli() - 1,
        r.filters().modifiedTo());
  }

  @Test
  void keywordModeNeedsNoModelButKeepsTheChoice() {
    SearchRequest r = form.withMode(SearchMode.KEYWORD).toRequest(ZoneOffset.UTC).orElseThrow();
    assertEquals(SearchMode.KEYWORD, r.mode());
  }

  @Test
  void aBackwardsDateRangeIsRejectedWithBothDates() {
    var e = assertThrows(IllegalArgumentException.class,
        () -> form.withDates(LocalDate.of(2024, 5, 2), LocalDate.of(2024, 5, 1)));
    assertTrue(e.getMessage().contains("2024-05-02"), e.getMessage());
  }
}
