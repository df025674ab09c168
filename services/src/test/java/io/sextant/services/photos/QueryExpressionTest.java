package io.sextant.services.photos;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class QueryExpressionTest {
  @TempDir Path dir;

  @Test
  void weightedTextsAndImagesParseInOrderWithSigns() throws Exception {
    Files.write(dir.resolve("pool.jpg"), new byte[] {1});
    QueryExpression q = QueryExpression.parse("2:golden retriever + ./pool.jpg - grass", dir);
    assertEquals(3, q.terms().size());
    assertEquals(2.0, q.terms().get(0).weight());
    assertEquals("golden retriever", q.terms().get(0).text());
    assertTrue(q.terms().get(1).isImage());
    assertEquals(dir.resolve("pool.jpg"), q.terms().get(1).image());
    assertEquals(-1.0, q.terms().get(2).weight());
    assertEquals("grass", q.terms().get(2).text());
    assertFalse(q.isPlainText());
  }

  @Test
  void hyphensAndPlusInsideWordsStayText() {
    QueryExpression q = QueryExpression.parse("a red t-shirt c++ - 0.5:blue sky", dir);
    assertEquals(2, q.terms().size());
    assertEquals("a red t-shirt c++", q.terms().get(0).text());
    assertEquals(-0.5, q.terms().get(1).weight());
    assertTrue(QueryExpression.parse("sunset over the sea", dir).isPlainText());
    assertNull(QueryExpression.parse("photo.jpg", dir).terms().get(0).image(), "a bare name that does not exist is text");
  }

  @Test
  void missingImagePathsAndEmptyTermsAreErrors() {
    var e = assertThrows(IllegalArgumentException.class, () -> QueryExpression.parse("dog + ./nope.jpg", dir));
    assertTrue(e.getMessage().contains("nope.jpg"));
    assertThrows(IllegalArgumentException.class, () -> QueryExpression.parse("   ", dir));
    assertThrows(IllegalArgumentException.class, () -> QueryExpression.parse("2: + cat", dir));
  }
}
